// The browser-side stand-in for the Electron preload: served as a script by
// the bridge, it gives the page the same window.opsdeck, over a WebSocket.
// installBridgeShim is serialised with toString(), so it must not refer to
// anything outside its own body.
import { eventNames, methodNames } from '../../preload/contract';

export interface BridgeShimConfig {
  methods: string[];
  events: string[];
}

/* c8 ignore start -- runs in the browser, exercised by the e2e tests */
function installBridgeShim(config: BridgeShimConfig): void {
  // Browser globals, typed here because this file is compiled with Node's types.
  interface BrowserSocket {
    addEventListener(type: 'open' | 'error' | 'close', listener: () => void): void;
    addEventListener(type: 'message', listener: (message: { data: unknown }) => void): void;
    send(text: string): void;
  }
  const browser = globalThis as unknown as {
    location: { host: string };
    WebSocket: new (url: string) => BrowserSocket;
  };
  type Pending = { resolve: (value: unknown) => void };
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  // The session cookie the page was given goes with the upgrade request.
  const url = `ws://${browser.location.host}/bridge`;
  const socket = new browser.WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('bridge connection failed')));
  });
  const failAll = (message: string) => {
    for (const [, entry] of pending) entry.resolve({ ok: false, error: { code: 'unavailable', message } });
    pending.clear();
  };
  socket.addEventListener('close', () => failAll('the engine bridge closed'));
  socket.addEventListener('message', (message) => {
    let data: { id?: number; result?: unknown; event?: string; payload?: unknown };
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (typeof data.id === 'number') {
      const entry = pending.get(data.id);
      pending.delete(data.id);
      entry?.resolve(data.result);
    } else if (typeof data.event === 'string') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  const call = async (method: string, input: unknown): Promise<unknown> => {
    try {
      await opened;
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'the engine bridge is not reachable' } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      socket.send(JSON.stringify({ id, method, input: input ?? {} }));
    });
  };
  const api: Record<string, unknown> = {};
  for (const name of config.methods) {
    const dot = name.indexOf('.');
    const group = (api[name.slice(0, dot)] ??= {}) as Record<string, unknown>;
    group[name.slice(dot + 1)] = (input: unknown) => call(name, input);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!config.events.includes(event)) return () => undefined;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  Object.defineProperty(globalThis, 'opsdeck', { value: Object.freeze(api), writable: false, configurable: false });
}
/* c8 ignore stop */

export function browserShimSource(): string {
  const config: BridgeShimConfig = { methods: [...methodNames], events: [...eventNames] };
  return `(${installBridgeShim.toString()})(${JSON.stringify(config)});\n`;
}
