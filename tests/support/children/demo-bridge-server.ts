// Child process for the drill e2e test: the real engine on the demo fleet (in
// the data folder given, kept across restarts) behind the real bridge server,
// serving the built renderer. Prints {"url"} on one line, then serves until
// it is killed — the test kills it with SIGKILL in the middle of a drill.
import { join } from 'node:path';
import { startBridgeServer } from '../../../main/bridge/ws-bridge-server';
import { createEngine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';

const dataDir = process.argv[2]!;
const engine = await createEngine({ dataDir, demoFleet: 'always', secrets: new MemorySecretStore() });
const bridge = await startBridgeServer({ handlers: engine.handlers, events: engine.events, rendererRoot: join(process.cwd(), 'out', 'renderer') });
process.stdout.write(`${JSON.stringify({ url: bridge.url })}\n`);
