// Runs integrity checks as the engine's long work, like restore tests: start
// reads the job's stored cycle to pick the next part, returns a check id;
// progress and the finished run go out as events; cancel aborts; every
// finished run is stored and its start/end written to the audit log.
// One check per host at a time.
import type { IntegrityCheckRun } from '../../../preload/contract';
import type { EngineEvents } from '../dispatch/engine-events';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { cycleSubsets, integrityCycleState } from './integrity-cycle';
import { HostActionRunner } from './host-action-runner';
import { defaultIntegrityJob, runIntegrityCheck } from './integrity-check-runner';

export interface IntegrityCheckServiceOptions {
  executor: CommandExecutor;
  audit: CommandAudit;
  events: EngineEvents;
  /** The stored checks of one host's job. */
  history: (host: string, jobIndex: number) => Promise<IntegrityCheckRun[]>;
  save: (run: IntegrityCheckRun) => Promise<void>;
  record: (kind: 'integrity-check.start' | 'integrity-check.end', details: Record<string, unknown>) => Promise<void>;
  operator: string;
  now?: () => Date;
  budgetMs?: number;
}

export class IntegrityCheckService {
  private readonly runner: HostActionRunner<IntegrityCheckRun>;

  constructor(private readonly options: IntegrityCheckServiceOptions) {
    this.runner = new HostActionRunner({
      what: 'an integrity check',
      save: options.save,
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
      {
        executor: this.options.executor,
        audit: this.options.audit,
        now: this.options.now ?? (() => new Date()),
        signal: controller.signal,
        onPhase: (phase, detail) => this.options.events.emit('integrity-check:progress', { checkId, host: target.name, phase, detail }),
      },
    );
    return { checkId, subset, done: this.runner.track(checkId, target.name, controller, running) };
  }

  cancel(checkId: string): boolean {
    return this.runner.cancel(checkId);
  }

  dispose(): Promise<void> {
    return this.runner.dispose();
  }
}
