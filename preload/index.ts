// The bridge: exposes the contract's methods as typed domain functions on
// window.opsdeck (opsdeck.scan.start(…), opsdeck.on('scan:progress', cb)).
// Never ipcRenderer itself, never a generic invoke, never process.env.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, eventNames, methodChannel, methodNames, splitMethodName, type EventName } from './contract';

const api: Record<string, unknown> = {};
for (const name of methodNames) {
  const [namespace, member] = splitMethodName(name);
  const group = (api[namespace] ??= {}) as Record<string, unknown>;
  const channel = methodChannel(name);
  group[member] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

const knownEvents = new Set<string>(eventNames);
api.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  if (!knownEvents.has(event) || typeof listener !== 'function') return () => undefined;
  const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  };
};

contextBridge.exposeInMainWorld('opsdeck', api);
