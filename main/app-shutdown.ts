// Quitting waits for the engine: the first will-quit is held back while the
// IPC handlers are removed and the engine disposes (a scan's last audit
// entries written, the store and audit log closed), then the app quits for
// real. A dispose that fails is reported, never swallowed.
import { errorMessage } from './engine/errors/error-message';

export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
}

/** `steps` run in order once; `report` tells the operator (a dialog, stderr) what failed. */
export function disposeBeforeQuit(app: QuittingApp, steps: () => (() => void | Promise<void>)[], report: (message: string) => void): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    void (async () => {
      for (const step of steps()) {
        try {
          await step();
        } catch (error) {
          report(`OpsDeck did not shut down cleanly: ${errorMessage(error)}`);
        }
      }
      state = 'disposed';
      app.quit();
    })();
  });
}
