// Child process for the hostile-client bridge test: a real engine (empty
// data folder, no fleet) behind the real bridge server, serving a minimal
// renderer page. Prints {"url","port","token"} on one line, then serves
// until SIGTERM; if anything a client sends makes it exit, the test sees it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridgeServer } from '../../../main/bridge/ws-bridge-server';
import { createEngine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';

const dataDir = process.argv[2]!;
const rendererRoot = await mkdtemp(join(tmpdir(), 'opsdeck-bridge-page-'));
await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>OpsDeck</title><!-- opsdeck:bridge-shim -->\n');
const engine = await createEngine({ dataDir, demoFleet: 'never', secrets: new MemorySecretStore() });
const bridge = await startBridgeServer({ handlers: engine.handlers, events: engine.events, rendererRoot });
process.stdout.write(`${JSON.stringify({ url: bridge.url, port: bridge.port, token: bridge.token })}\n`);
process.once('SIGTERM', () => {
  void bridge
    .close()
    .then(() => engine.dispose())
    .then(() => process.exit(0));
});
