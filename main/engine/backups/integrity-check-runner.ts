// Runs one integrity check of one backup job on its host: the part of the
// repository the cycle reads next (integrity-cycle.ts), through the host's
// own environment, audit-logged, within a time budget and cancellable.
// The outcome is the tool's verdict, in its own words.
import { randomUUID } from 'node:crypto';
import type { IntegrityCheckOutcome, IntegrityCheckRun, RestoreTestCommandEvidence } from '../../../preload/contract';
import { sourceFailure } from '../collectors/backups/backup-source-state';
import { printable } from '../collectors/backups/backup-text';
import { BORG_CHECK_ARGV, integrityCheckCommand, resticCheckArgv } from '../collectors/backups/integrity-check-commands';
import type { BackupJob } from '../inventory/backup-policy-schema';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { auditedRun } from './audited-run';
import { cycleSubsets } from './integrity-cycle';

export interface IntegrityCheckRequest {
  target: ScanTarget;
  /** The job's index in the host's policy; the first restic or borg job by default. */
  jobIndex?: number;
  /** The part to read (from the cycle's state); 1 by default. */
  subset?: number;
  checkId?: string;
  operator: string;
  /** Default 6 hours: reading a part of a large repository takes long. */
  budgetMs?: number;
}

export interface IntegrityCheckContext {
  executor: CommandExecutor;
  audit: CommandAudit;
  now: () => Date;
  signal: AbortSignal;
  onPhase?: (phase: 'checking' | 'done', detail: string) => void;
}

export const DEFAULT_CHECK_BUDGET_MS = 6 * 3_600_000;
const KEPT_TOOL_LINES = 20;

/** The job an integrity check of a host reads by default: its first restic or borg job. */
export function defaultIntegrityJob(jobs: BackupJob[]): number {
  return jobs.findIndex((job) => job.tool !== 'zfs-send');
}

export async function runIntegrityCheck(request: IntegrityCheckRequest, context: IntegrityCheckContext): Promise<IntegrityCheckRun> {
  const { target } = request;
  const started = context.now();
  const jobs = target.policy.backups ?? [];
  const jobIndex = request.jobIndex ?? defaultIntegrityJob(jobs);
  const job = jobs[jobIndex];
  const subsets = job ? cycleSubsets(job) : 1;
  const subset = Math.min(Math.max(1, request.subset ?? 1), subsets);
  const checkId = request.checkId ?? randomUUID();
  const commands: RestoreTestCommandEvidence[] = [];
  const finish = (outcome: IntegrityCheckOutcome, reason: string | null, toolOutput: string[] = []): IntegrityCheckRun => {
    const finishedAt = context.now();
    context.onPhase?.('done', outcome);
    return {
      checkId,
      host: target.name,
      dc: target.dc,
      tool: job?.tool === 'borg' ? 'borg' : 'restic',
      jobIndex: Math.max(jobIndex, 0),
      operator: request.operator,
      subset,
      subsets,
      startedAt: started.toISOString(),
      finishedAt: finishedAt.toISOString(),
      outcome,
      reason,
      toolOutput,
      durationMs: finishedAt.getTime() - started.getTime(),
      commands,
    };
  };
  if (!job) return finish('error', request.jobIndex === undefined ? `${target.name} has no restic or borg job to check` : `${target.name} has no backup job ${request.jobIndex}`);
  if (job.tool === 'zfs-send' || !job.envFile) return finish('error', `${job.tool} jobs have no repository integrity check; zfs scrubs are outside OpsDeck's backups area`);

  const argv = job.tool === 'restic' ? resticCheckArgv(subset, subsets) : BORG_CHECK_ARGV;
  context.onPhase?.('checking', `${job.tool} ${subset}/${subsets}`);
  const output = await auditedRun(target, checkId, 'integrity-check', integrityCheckCommand(job.envFile, argv), request.budgetMs ?? DEFAULT_CHECK_BUDGET_MS, context, commands);
  const toolOutput = keptLines(`${output.stdout}\n${output.stderr}`);
  if (context.signal.aborted) return finish('cancelled', 'cancelled by the operator; the host stopped the check and removed its scratch directory', toolOutput);
  if (output.error && output.exitCode === null) return finish('error', output.error, toolOutput);
  if (output.exitCode === 0) return finish('passed', null, toolOutput);
  const failure = sourceFailure(job.tool, output.stdout, output.stderr, output.exitCode, output.error);
  // A tool that ran and found damage says so with exit 1; anything that kept it from checking is an error.
  if (failure && failure.state === 'failed' && output.exitCode === 1) return finish('failed', `${job.tool} check found errors: ${failure.message}`, toolOutput);
  return finish('error', failure ? `${failure.state}: ${failure.message}` : `exit ${output.exitCode}`, toolOutput);
}

/** The tool's first and last lines: borg names the damage first and then lists every object it affects. */
function keptLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => printable(line.trimEnd()))
    .filter((line) => line.length > 0);
  if (lines.length <= KEPT_TOOL_LINES) return lines;
  const half = KEPT_TOOL_LINES / 2;
  return [...lines.slice(0, half), `… ${lines.length - 2 * half} more lines`, ...lines.slice(-half)];
}
