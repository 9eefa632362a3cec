// Drill verification and change steps run on hosts through the same path as
// scans: the inventory's route (bastions included), the engine's
// CommandExecutor, and the audit log — recorded before the command starts (no
// record, no command) and completed after it ends. The step's argv is quoted
// word by word for the remote shell, so nothing in it is ever interpreted.
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import type { StepCommandOutput, StepCommandRunner } from './drill-run-service';

export interface AuditedStepRunnerDeps {
  executor: CommandExecutor;
  audit: CommandAudit;
  /** The host as the inventory resolves it, or null when it is not in the inventory. */
  targetFor(host: string): ScanTarget | null;
  /** The audit log's run id for these commands (the drill run's id). */
  auditRunId: string;
  timeoutMs: number;
}

export class StepHostUnknown extends Error {}

export function auditedStepRunner(deps: AuditedStepRunnerDeps): StepCommandRunner {
  return {
    async run(host, argv): Promise<StepCommandOutput> {
      const target = deps.targetFor(host);
      if (!target) throw new StepHostUnknown(`host ${JSON.stringify(host)} is not in the inventory; fix the plan or the inventory`);
      const command = quoteArgv(argv);
      const startSeq = await deps.audit.commandStarted({ runId: deps.auditRunId, host: target.name, dc: target.dc, address: target.address, command });
      const started = Date.now();
      let outcome: StepCommandOutput & { signal: string | null; error: string | null; durationMs: number };
      try {
        const result = await deps.executor.exec(target.route, command, { timeoutMs: deps.timeoutMs });
        outcome = { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, signal: result.signal, error: null, durationMs: result.durationMs };
      } catch (error) {
        outcome = { exitCode: null, stdout: '', stderr: '', signal: null, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
      }
      await deps.audit.commandEnded(startSeq, { host: target.name, ...outcome });
      return { exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.error ? `${outcome.stderr}${outcome.error}\n` : outcome.stderr };
    },
  };
}

/** POSIX shell quoting: every word in single quotes, a quote inside written as '\''. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
}
