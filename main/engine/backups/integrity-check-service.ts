// Runs integrity checks as the engine's long work, like restore tests: start
// reads the job's stored cycle to pick the next part, returns a check id;
// progress and the finished run go out as events; cancel aborts; every
// finished run is stored and its start/end written to the audit log.
// One check per host at a time.
import { randomUUID } from 'node:crypto';
import type { IntegrityCheckRun } from '../../../preload/contract';
import type { EngineEvents } from '../dispatch/engine-events';
import { EngineError } from '../dispatch/engine-error';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { cycleSubsets, integrityCycleState } from './integrity-cycle';
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
  private readonly active = new Map<string, { host: string; controller: AbortController; done: Promise<IntegrityCheckRun> }>();

  constructor(private readonly options: IntegrityCheckServiceOptions) {}

  async start(target: ScanTarget, jobIndex: number | undefined): Promise<{ checkId: string; subset: number; done: Promise<IntegrityCheckRun> }> {
    if ([...this.active.values()].some((run) => run.host === target.name)) throw new EngineError('busy', `an integrity check of ${target.name} is already running`);
    const jobs = target.policy.backups ?? [];
    const index = jobIndex ?? defaultIntegrityJob(jobs);
    const job = jobs[index];
    const subset = job ? integrityCycleState(await this.options.history(target.name, index), cycleSubsets(job)).nextSubset : 1;
    const checkId = randomUUID();
    const controller = new AbortController();
    await this.options.record('integrity-check.start', { checkId, host: target.name, job: index, subset });
    const done = runIntegrityCheck(
      { target, jobIndex: index < 0 ? jobIndex : index, subset, checkId, operator: this.options.operator, budgetMs: this.options.budgetMs },
      {
        executor: this.options.executor,
        audit: this.options.audit,
        now: this.options.now ?? (() => new Date()),
        signal: controller.signal,
        onPhase: (phase, detail) => this.options.events.emit('integrity-check:progress', { checkId, host: target.name, phase, detail }),
      },
    ).then(async (run) => {
      this.active.delete(checkId);
      await this.options.save(run).catch((error: unknown) => {
        run.reason = `${run.reason ?? ''}${run.reason ? '; ' : ''}not stored: ${error instanceof Error ? error.message : String(error)}`;
      });
      await this.options.record('integrity-check.end', { checkId, host: target.name, outcome: run.outcome, subset: run.subset, subsets: run.subsets }).catch(() => undefined);
      this.options.events.emit('integrity-check:finished', run);
      return run;
    });
    this.active.set(checkId, { host: target.name, controller, done });
    return { checkId, subset, done };
  }

  cancel(checkId: string): boolean {
    const run = this.active.get(checkId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    await Promise.allSettled([...this.active.values()].map((run) => run.done));
  }
}
