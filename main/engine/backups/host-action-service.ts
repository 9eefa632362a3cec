// What the restore-test and integrity-check services share: built with the
// same options, a HostActionRunner that keeps one action per host, cancel
// and dispose, and the context every action's run is given.
import type { EngineEvents } from '../dispatch/engine-events';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import { HostActionRunner, type HostActionHooks } from './host-action-runner';

/** `Action` names the audit records: "restore-test.start", "restore-test.end". */
export interface HostActionServiceOptions<Result, Action extends string> {
  executor: CommandExecutor;
  audit: CommandAudit;
  events: EngineEvents;
  save: (result: Result) => Promise<void>;
  /** Writes a start/end record (the action itself) to the audit log. */
  record: (kind: `${Action}.start` | `${Action}.end`, details: Record<string, unknown>) => Promise<void>;
  operator: string;
  now?: () => Date;
  budgetMs?: number;
}

export abstract class HostActionService<Result extends { reason: string | null }, Action extends string> {
  protected readonly runner: HostActionRunner<Result>;

  constructor(
    protected readonly options: HostActionServiceOptions<Result, Action>,
    hooks: Omit<HostActionHooks<Result>, 'save'>,
  ) {
    this.runner = new HostActionRunner({ ...hooks, save: options.save });
  }

  cancel(id: string): boolean {
    return this.runner.cancel(id);
  }

  dispose(): Promise<void> {
    return this.runner.dispose();
  }

  /** Where an action's commands run and are audited, its clock, and the signal that cancels it. */
  protected runContext(signal: AbortSignal): { executor: CommandExecutor; audit: CommandAudit; now: () => Date; signal: AbortSignal } {
    return { executor: this.options.executor, audit: this.options.audit, now: this.options.now ?? (() => new Date()), signal };
  }
}
