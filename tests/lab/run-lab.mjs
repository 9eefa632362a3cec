// Runs the lab's command line (tests/lab/lab-cli.ts): bundles it with
// rolldown (already installed for electron-vite) and runs it with node.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, 'test-artifacts', 'lab');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'lab-cli.mjs');
await build({
  input: join(root, 'tests', 'lab', 'lab-cli.ts'),
  platform: 'node',
  external: [/^node:/],
  output: { file, format: 'esm' },
  logLevel: 'warn',
});
const result = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
