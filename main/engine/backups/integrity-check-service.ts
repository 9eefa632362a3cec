// Runs integrity checks as the engine's long work, like restore tests: start
// reads the job's stored cycle to pick the next part, returns a check id;
// progress and the finished run go out as events; cancel aborts; every
// finished run is stored and its start/end written to the audit log.
// One check per host at a time.
import type { IntegrityCheckRun } from '../../../preload/contract';
import type { ScanTarget } from '../scan/scan-target';
import { cycleSubsets, integrityCycleState } from './integrity-cycle';
import { HostActionService, type HostActionServiceOptions } from './host-action-service';
import { defaultIntegrityJob, runIntegrityCheck } from './integrity-check-runner';

export interface IntegrityCheckServiceOptions extends HostActionServiceOptions<IntegrityCheckRun, 'integrity-check'> {
  /** The stored checks of one host's job. */
  history: (host: string, jobIndex: number) => Promise<IntegrityCheckRun[]>;
}

export class IntegrityCheckService extends HostActionService<IntegrityCheckRun, 'integrity-check'> {
  constructor(protected override readonly options: IntegrityCheckServiceOptions) {
    super(options, {
      what: 'an integrity check',
      recordEnd: (checkId, run) => options.record('integrity-check.end', { checkId, host: run.host, outcome: run.outcome, subset: run.subset, subsets: run.subsets }),
      finished: (run) => options.events.emit('integrity-check:finished', run),
    });
  }

  async start(target: ScanTarget, jobIndex: number | undefined): Promise<{ checkId: string; subset: number; done: Promise<IntegrityCheckRun> }> {
    const { id: checkId, controller } = this.runner.claim(target.name);
    const jobs = target.policy.backups ?? [];
    const index = jobIndex ?? defaultIntegrityJob(jobs);
    const job = jobs[index];
    let subset = 1;
    try {
      if (job) subset = integrityCycleState(await this.options.history(target.name, index), cycleSubsets(job)).nextSubset;
      await this.options.record('integrity-check.start', { checkId, host: target.name, job: index, subset });
    } catch (error) {
      this.runner.release(target.name);
      throw error;
    }
    const running = runIntegrityCheck(
      { target, jobIndex: index < 0 ? jobIndex : index, subset, checkId, operator: this.options.operator, budgetMs: this.options.budgetMs },
      { ...this.runContext(controller.signal), onPhase: (phase, detail) => this.options.events.emit('integrity-check:progress', { checkId, host: target.name, phase, detail }) },
    );
    return { checkId, subset, done: this.runner.track(checkId, target.name, controller, running) };
  }
}
