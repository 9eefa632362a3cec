// Runs restore tests as the engine's long work: start returns a test id,
// progress and the final evidence go out as events, cancel aborts, every
// finished test is stored, and start/end are written to the audit log
// beside the commands themselves. One test per host at a time.
import type { RestoreTestEvidence } from '../../../preload/contract';
import type { EngineEvents } from '../dispatch/engine-events';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { HostActionRunner } from './host-action-runner';
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
  private readonly runner: HostActionRunner<RestoreTestEvidence>;

  constructor(private readonly options: RestoreTestServiceOptions) {
    this.runner = new HostActionRunner({
      what: 'a restore test',
      save: options.save,
      recordEnd: (testId, evidence) => options.record('restore-test.end', { testId, host: evidence.host, outcome: evidence.outcome, counts: evidence.counts }),
      finished: (evidence) => options.events.emit('restore-test:finished', evidence),
    });
  }

  async start(target: ScanTarget, files: number | undefined): Promise<{ testId: string; done: Promise<RestoreTestEvidence> }> {
    const { id: testId, controller } = this.runner.claim(target.name);
    await this.options.record('restore-test.start', { testId, host: target.name, files: files ?? null }).catch((error: unknown) => {
      this.runner.release(target.name);
      throw error;
    });
    const running = runRestoreTest(
      { target, files, testId, operator: this.options.operator, budgetMs: this.options.budgetMs },
      {
        executor: this.options.executor,
        audit: this.options.audit,
        now: this.options.now ?? (() => new Date()),
        signal: controller.signal,
        onPhase: (phase, detail) => this.options.events.emit('restore-test:progress', { testId, host: target.name, phase, detail }),
      },
    );
    return { testId, done: this.runner.track(testId, target.name, controller, running) };
  }

  cancel(testId: string): boolean {
    return this.runner.cancel(testId);
  }

  dispose(): Promise<void> {
    return this.runner.dispose();
  }
}
