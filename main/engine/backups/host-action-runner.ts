// The engine's long operator actions on one host (restore tests, integrity
// checks): one at a time per host, each with its own abort controller; when
// the action ends its result is stored (a store failure is added to the
// result's reason, not lost), the end recorded in the audit log, and the
// finished event sent. Cancel aborts; dispose aborts all and waits.
import { randomUUID } from 'node:crypto';
import { EngineError } from '../dispatch/engine-error';

export interface HostActionHooks<Result extends { reason: string | null }> {
  /** Names the action in the "already running" message: "a restore test". */
  what: string;
  save: (result: Result) => Promise<void>;
  recordEnd: (id: string, result: Result) => Promise<void>;
  finished: (result: Result) => void;
}

export class HostActionRunner<Result extends { reason: string | null }> {
  private readonly active = new Map<string, { host: string; controller: AbortController; done: Promise<Result> }>();
  /** Hosts claimed and not yet finished: the claim holds across the awaits before the action is tracked. */
  private readonly busyHosts = new Set<string>();

  constructor(private readonly hooks: HostActionHooks<Result>) {}

  /** Refuses a second action on the same host; `release` gives the host back when the action could not start. */
  claim(host: string): { id: string; controller: AbortController } {
    if (this.busyHosts.has(host)) throw new EngineError('busy', `${this.hooks.what} of ${host} is already running`);
    this.busyHosts.add(host);
    return { id: randomUUID(), controller: new AbortController() };
  }

  release(host: string): void {
    this.busyHosts.delete(host);
  }

  track(id: string, host: string, controller: AbortController, running: Promise<Result>): Promise<Result> {
    const done = running.then(async (result) => {
      this.active.delete(id);
      this.busyHosts.delete(host);
      await this.hooks.save(result).catch((error: unknown) => {
        result.reason = `${result.reason ?? ''}${result.reason ? '; ' : ''}not stored: ${error instanceof Error ? error.message : String(error)}`;
      });
      await this.hooks.recordEnd(id, result).catch(() => undefined);
      this.hooks.finished(result);
      return result;
    });
    this.active.set(id, { host, controller, done });
    return done;
  }

  cancel(id: string): boolean {
    const run = this.active.get(id);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    await Promise.allSettled([...this.active.values()].map((run) => run.done));
  }
}
