// Composes the engine's services and exposes them as the contract's handler
// table plus an event stream. Constructed with everything it needs; owns its
// resources and releases them with dispose().
import type { HandlerTable } from './contract/dispatch-call';
import { EngineError } from './contract/engine-error';
import { EngineEvents } from './contract/engine-events';
import { ENGINE_VERSION } from './engine-version';

export interface EngineOptions {
  dataDir: string;
  appVersion?: string;
}

export interface Engine {
  handlers: HandlerTable;
  events: EngineEvents;
  dispose(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const events = new EngineEvents();
  const notYet = (): never => {
    throw new EngineError('unavailable', 'not available yet');
  };
  const handlers: HandlerTable = {
    'app.info': () => ({
      name: 'OpsDeck',
      version: options.appVersion ?? ENGINE_VERSION,
      engineVersion: ENGINE_VERSION,
      fleet: { kind: 'none', label: 'No inventory', path: null },
      hostCount: 0,
      datacentreCount: 0,
    }),
    'fleet.get': () => ({ source: { kind: 'none', label: 'No inventory', path: null }, datacentres: [], hosts: [], problems: [] }),
    'fleet.loadInventory': notYet,
    'scan.start': notYet,
    'scan.cancel': notYet,
    'host.lastScan': notYet,
    'operator.answer': notYet,
    'audit.verify': notYet,
    'audit.recent': notYet,
    'secrets.forgetPassphrases': notYet,
  };
  return { handlers, events, dispose: async () => undefined };
}
