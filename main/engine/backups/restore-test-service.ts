// Runs restore tests as the engine's long work: start returns a test id,
// progress and the final evidence go out as events, cancel aborts, every
// finished test is stored, and start/end are written to the audit log
// beside the commands themselves. One test per host at a time.
import { randomUUID } from 'node:crypto';
import type { RestoreTestEvidence } from '../../../preload/contract';
import type { EngineEvents } from '../dispatch/engine-events';
import { EngineError } from '../dispatch/engine-error';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { runRestoreTest } from './restore-test-runner';

export interface RestoreTestServiceOptions {
  executor: CommandExecutor;
  audit: CommandAudit;
  events: EngineEvents;
  save: (evidence: RestoreTestEvidence) => Promise<void>;
  /** Writes a start/end record (the action itself) to the audit log. */
  record: (kind: 'restore-test.start' | 'restore-test.end', details: Record<string, unknown>) => Promise<void>;
  operator: string;
  now?: () => Date;
  budgetMs?: number;
}

export class RestoreTestService {
  private readonly active = new Map<string, { host: string; controller: AbortController; done: Promise<RestoreTestEvidence> }>();

  constructor(private readonly options: RestoreTestServiceOptions) {}

  async start(target: ScanTarget, files: number | undefined): Promise<{ testId: string; done: Promise<RestoreTestEvidence> }> {
    if ([...this.active.values()].some((run) => run.host === target.name)) throw new EngineError('busy', `a restore test of ${target.name} is already running`);
    const testId = randomUUID();
    const controller = new AbortController();
    await this.options.record('restore-test.start', { testId, host: target.name, files: files ?? null });
    const done = runRestoreTest(
      { target, files, testId, operator: this.options.operator, budgetMs: this.options.budgetMs },
      {
        executor: this.options.executor,
        audit: this.options.audit,
        now: this.options.now ?? (() => new Date()),
        signal: controller.signal,
        onPhase: (phase, detail) => this.options.events.emit('restore-test:progress', { testId, host: target.name, phase, detail }),
      },
    ).then(async (evidence) => {
      this.active.delete(testId);
      await this.options.save(evidence).catch((error: unknown) => {
        evidence.reason = `${evidence.reason ?? ''}${evidence.reason ? '; ' : ''}not stored: ${error instanceof Error ? error.message : String(error)}`;
      });
      await this.options.record('restore-test.end', { testId, host: target.name, outcome: evidence.outcome, counts: evidence.counts }).catch(() => undefined);
      this.options.events.emit('restore-test:finished', evidence);
      return evidence;
    });
    this.active.set(testId, { host: target.name, controller, done });
    return { testId, done };
  }

  cancel(testId: string): boolean {
    const run = this.active.get(testId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    await Promise.allSettled([...this.active.values()].map((run) => run.done));
  }
}
