// The Electron transport of the contract: one ipcMain.handle per method, all
// dispatched to the engine's handler table, and every engine event forwarded
// to the window. A call is accepted only from the top frame of the app's own
// origin (like VS Code's ValidatedIpcMain).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL, methodChannel, methodNames, type CallResult } from '../preload/contract';
import { dispatchCall, type HandlerTable } from './engine/dispatch/dispatch-call';
import type { EngineEvents } from './engine/dispatch/engine-events';
import { APP_ORIGIN } from './window/app-origin';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  // Custom schemes have an opaque ("null") URL origin, so compare the prefix.
  return typeof frame.url === 'string' && frame.url.startsWith(`${APP_ORIGIN}/`);
}

export function mountIpcTransport(ipcMain: IpcMain, handlers: HandlerTable, events: EngineEvents, target: () => WebContents | null): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methodChannel(name), async (event, input: unknown): Promise<CallResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden-sender', message: 'call refused: it did not come from the OpsDeck window' } };
      }
      return dispatchCall(handlers, name, input);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name));
  };
}
