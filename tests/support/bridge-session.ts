// A real engine behind the WebSocket bridge, serving the built renderer,
// with a throw-away data folder: what e2e tests open in Chromium.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridgeServer, type BridgeServer } from '../../main/bridge/ws-bridge-server';
import { createEngine, type Engine, type EngineOptions } from '../../main/engine/engine';

export const RENDERER_ROOT = join(process.cwd(), 'out', 'renderer');

export interface BridgeSession {
  engine: Engine;
  bridge: BridgeServer;
  dataDir: string;
  close(): Promise<void>;
}

export async function startBridgeSession(options: Partial<EngineOptions> = {}): Promise<BridgeSession> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_ROOT}/index.html missing): run npm run build first`);
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'opsdeck-e2e-')));
  const engine = await createEngine({ demoFleet: 'never', ...options, dataDir });
  const bridge = await startBridgeServer({ handlers: engine.handlers, events: engine.events, rendererRoot: RENDERER_ROOT });
  return {
    engine,
    bridge,
    dataDir,
    close: async () => {
      await bridge.close();
      await engine.dispose();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
