// Runs restore tests as the engine's long work: start returns a test id,
// progress and the final evidence go out as events, cancel aborts, every
// finished test is stored, and start/end are written to the audit log
// beside the commands themselves. One test per host at a time.
import type { RestoreTestEvidence } from '../../../preload/contract';
import type { ScanTarget } from '../scan/scan-target';
import { HostActionService, type HostActionServiceOptions } from './host-action-service';
import { runRestoreTest } from './restore-test-runner';

export type RestoreTestServiceOptions = HostActionServiceOptions<RestoreTestEvidence, 'restore-test'>;

export class RestoreTestService extends HostActionService<RestoreTestEvidence, 'restore-test'> {
  constructor(options: RestoreTestServiceOptions) {
    super(options, {
      what: 'a restore test',
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
      { ...this.runContext(controller.signal), onPhase: (phase, detail) => this.options.events.emit('restore-test:progress', { testId, host: target.name, phase, detail }) },
    );
    return { testId, done: this.runner.track(testId, target.name, controller, running) };
  }
}
