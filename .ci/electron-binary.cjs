// Root postinstall: electron's own install script is denied in package.json
// (allowScripts), so that `npm ci` succeeds where its download host cannot be
// reached. Here we try the download ourselves and never fail the install.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const installer = path.join(__dirname, '..', 'node_modules', 'electron', 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
if (result.status !== 0) {
  console.log(
    'OpsDeck: the Electron binary could not be downloaded, so the app window will not open on this machine; build, CLI and tests work.'
  );
}
