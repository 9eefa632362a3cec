import { expect, test } from 'vitest';
import { disposeBeforeQuit, type QuittingApp } from '../../../main/app-shutdown';

class FakeApp implements QuittingApp {
  private listener: ((event: { preventDefault(): void }) => void) | null = null;
  quits = 0;
  prevented = 0;
  on(_event: 'will-quit', listener: (event: { preventDefault(): void }) => void): void {
    this.listener = listener;
  }
  quit(): void {
    this.quits++;
    this.willQuit();
  }
  /** What Electron does on quit: will-quit, and the app exits unless a listener prevents it. Returns whether it exits. */
  willQuit(): boolean {
    let prevented = false;
    this.listener?.({ preventDefault: () => (prevented = true) });
    if (prevented) this.prevented++;
    return !prevented;
  }
}

test('quitting waits for every step (transport removed, engine disposed) in order, then quits for real', async () => {
  const app = new FakeApp();
  const done: string[] = [];
  let finishDispose: () => void = () => undefined;
  disposeBeforeQuit(
    app,
    () => [() => void done.push('ipc removed'), () => new Promise<void>((resolve) => (finishDispose = () => (done.push('engine disposed'), resolve())))],
    () => undefined,
  );
  expect(app.willQuit()).toBe(false);
  expect(app.willQuit()).toBe(false);
  await Promise.resolve();
  expect(done).toEqual(['ipc removed']);
  expect(app.quits).toBe(0);
  finishDispose();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(done).toEqual(['ipc removed', 'engine disposed']);
  expect(app.quits).toBe(1);
  expect(app.prevented).toBe(2);
  expect(app.willQuit()).toBe(true);
});

test('a step that fails is reported with its message, the later steps still run, and the app still quits', async () => {
  const app = new FakeApp();
  const reports: string[] = [];
  const done: string[] = [];
  disposeBeforeQuit(
    app,
    () => [
      () => {
        throw new Error('audit log: disk full');
      },
      () => void done.push('engine disposed'),
    ],
    (message) => reports.push(message),
  );
  app.willQuit();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(reports).toEqual(['OpsDeck did not shut down cleanly: audit log: disk full']);
  expect(done).toEqual(['engine disposed']);
  expect(app.quits).toBe(1);
});
