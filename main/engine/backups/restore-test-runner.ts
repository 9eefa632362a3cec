// Runs one restore test on one host: the newest backup snapshot (restic)
// or archive (borg) of the host's job, a seeded sample of its files plus the canaries,
// restored and hashed on the host (restore-test-commands.ts), classified,
// and returned as evidence. Every command goes through the audit log first;
// cancellation and the time budget close the channel, which makes the
// script stop and remove its scratch directory.
import { randomUUID } from 'node:crypto';
import type { BackupSnapshot } from '../collectors/backups/backup-snapshot';
import { sourceFailure } from '../collectors/backups/backup-source-state';
import { RESTORE_TEST_TAG } from '../collectors/backups/backup-facts';
import type { CommandOutput } from '../collectors/host-command';
import { parseRestoreTestOutput } from '../collectors/backups/restore-test-output';
import type { SnapshotListing } from '../collectors/backups/restic-ls';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { auditedRun } from './audited-run';
import { classifyFile, PASSING_CLASSES, RESTORE_CLASSES, type RestoreClass } from './restore-classification';
import type { RestoreTestCommandEvidence, RestoreTestEvidence, RestoreTestOutcome } from './restore-test-evidence';
import { sampleFiles } from './restore-sample';
import { restoreTestTool, type RestoreTestTool } from './restore-test-tools';

export type RestoreTestPhase = 'listing' | 'sampling' | 'restoring' | 'comparing' | 'done';

export interface RestoreTestRequest {
  target: ScanTarget;
  /** Files sampled besides the canaries; the job's restore_test_sample by default. */
  files?: number;
  jobIndex?: number;
  seed?: string;
  testId?: string;
  operator: string;
  /** The whole test must end within this; default 15 minutes. */
  budgetMs?: number;
}

export interface RestoreTestContext {
  executor: CommandExecutor;
  audit: CommandAudit;
  now: () => Date;
  signal: AbortSignal;
  onPhase?: (phase: RestoreTestPhase, detail: string) => void;
}

export const DEFAULT_BUDGET_MS = 15 * 60_000;
const LIST_TIMEOUT_MS = 5 * 60_000;

export async function runRestoreTest(request: RestoreTestRequest, context: RestoreTestContext): Promise<RestoreTestEvidence> {
  const { target } = request;
  const started = context.now();
  const deadline = Date.now() + (request.budgetMs ?? DEFAULT_BUDGET_MS);
  const jobs = target.policy.backups ?? [];
  // The first restic job by default, else the first borg job; a host with neither gets its first job, whose tool the reason then names.
  const preferred = [jobs.findIndex((job) => job.tool === 'restic'), jobs.findIndex((job) => job.tool === 'borg')].find((index) => index >= 0);
  const jobIndex = request.jobIndex ?? preferred ?? 0;
  const job = jobs[jobIndex];
  const testId = request.testId ?? randomUUID();
  const seed = request.seed ?? testId;
  const commands: RestoreTestCommandEvidence[] = [];
  const evidence: RestoreTestEvidence = {
    testId,
    host: target.name,
    dc: target.dc,
    tool: job?.tool === 'borg' ? 'borg' : 'restic',
    jobIndex: Math.max(jobIndex, 0),
    operator: request.operator,
    startedAt: started.toISOString(),
    finishedAt: started.toISOString(),
    outcome: 'error',
    reason: null,
    snapshotId: null,
    snapshotTime: null,
    seed,
    requestedFiles: request.files ?? job?.restoreTestSample ?? 0,
    scratchDir: null,
    files: [],
    counts: Object.fromEntries(RESTORE_CLASSES.map((name) => [name, 0])) as Record<RestoreClass, number>,
    bytes: 0,
    durationMs: 0,
    commands,
  };
  const finish = (outcome: RestoreTestOutcome, reason: string | null): RestoreTestEvidence => {
    const finishedAt = context.now();
    context.onPhase?.('done', outcome);
    return { ...evidence, outcome, reason, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - started.getTime() };
  };
  if (!job) return finish('error', request.jobIndex === undefined ? `${target.name} has no backup policy to restore-test` : `${target.name} has no backup job ${request.jobIndex}`);
  if (job.tool === 'zfs-send' || !job.envFile) {
    return finish('error', `restore tests of ${job.tool} jobs are not implemented; restic and borg jobs can be restore-tested`);
  }
  const tool = restoreTestTool(job.tool);
  const remaining = () => deadline - Date.now();
  const run = (id: string, command: string, timeoutMs: number) => auditedRun(target, testId, id, command, Math.max(1_000, Math.min(timeoutMs, remaining())), context, commands);

  // The snapshot is recorded as soon as it is chosen, also when listing its files then fails.
  const chosen = await chooseSnapshot(tool, job.envFile, run, context, (snapshot) => {
    evidence.snapshotId = snapshot.id;
    evidence.snapshotTime = snapshot.time;
  });
  if ('reason' in chosen) return finish(chosen.outcome, chosen.reason);
  const { snapshot, listing } = chosen;
  const files = sampleFiles(listing.files, evidence.requestedFiles, seed, job.canaries);
  if (files.length === 0) return finish('error', `snapshot ${snapshot.id.slice(0, 8)} holds no regular file to restore`);

  context.onPhase?.('restoring', `${files.length} files`);
  const restored = await run('restore-test.restore', tool.restoreCommand(job.envFile, snapshot, files), remaining());
  const restoreStopped = stopReason(restored, context.signal);
  if (restoreStopped) return finish(restoreStopped.outcome, restoreStopped.reason);
  if (restored.exitCode !== 0) {
    const failure = sourceFailure(tool.tool, restored.stdout, restored.stderr, restored.exitCode, restored.error);
    return finish('error', `restore script: ${failure ? `${failure.state}: ${failure.message}` : `exit ${restored.exitCode}`}`);
  }
  const output = parseRestoreTestOutput(restored.stdout, files);
  evidence.scratchDir = output.value?.scratchDir ?? null;
  if (output.state !== 'ok' || !output.value) return finish('error', output.message);

  context.onPhase?.('comparing', `${files.length} files`);
  const restoreOk = output.value.restoreExit !== null && tool.restoreCompleted(output.value.restoreExit);
  const canaries = new Set(job.canaries);
  for (const file of output.value.files) {
    const fileClass = classifyFile(file, snapshot, restoreOk);
    evidence.counts[fileClass]++;
    evidence.bytes += file.restoredBytes ?? 0;
    evidence.files.push({
      path: file.path,
      class: fileClass,
      restoredSha256: file.restoredSha256,
      liveSha256: file.liveSha256,
      bytes: file.restoredBytes,
      liveMtime: file.liveMtime,
      liveCtime: file.liveCtime,
      canary: canaries.has(file.path),
    });
  }
  if (!restoreOk) return finish('error', `${tool.tool === 'borg' ? 'borg extract' : 'restic restore'} exited ${output.value.restoreExit} (stderr kept in the audit log)`);
  const failing = evidence.files.filter((file) => !PASSING_CLASSES.has(file.class));
  return finish(failing.length === 0 ? 'passed' : 'failed', failing.length === 0 ? null : `${failing.length} of ${evidence.files.length} files did not match: ${summary(evidence.counts)}`);
}

type AuditedCommand = (id: string, command: string, timeoutMs: number) => Promise<CommandOutput>;
type Stop = { outcome: RestoreTestOutcome; reason: string };

/**
 * The snapshot to restore from, and its files. restic first lists `latest`,
 * which starts with the snapshot it is: when that is a backup, its listing is
 * the one to sample (one restic start instead of two). When it is one of the
 * host's own restore-test snapshots (or the repository has none: restic 0.14
 * then prints nothing), or the tool has no such listing (borg), the snapshots
 * are listed, the newest backup chosen, and its files listed.
 */
async function chooseSnapshot(
  tool: RestoreTestTool,
  envFile: string,
  run: AuditedCommand,
  context: RestoreTestContext,
  record: (snapshot: BackupSnapshot) => void,
): Promise<{ snapshot: BackupSnapshot; listing: SnapshotListing } | Stop> {
  if (tool.latest) {
    context.onPhase?.('listing', 'latest snapshot');
    const latest = await run('restore-test.ls-latest', tool.latest.listCommand(envFile), LIST_TIMEOUT_MS);
    const stopped = stopReason(latest, context.signal);
    if (stopped) return stopped;
    const failure = sourceFailure(tool.tool, latest.stdout, latest.stderr, latest.exitCode, latest.error);
    if (failure) return { outcome: 'error', reason: `listing snapshots: ${failure.state}: ${failure.message}` };
    const head = tool.latest.parseSnapshot(latest.stdout);
    if (head.state === 'ok' && head.value && isBackup(head.value)) {
      record(head.value);
      context.onPhase?.('sampling', head.value.id.slice(0, 8));
      const listing = tool.parseListing(latest.stdout);
      if (listing.state !== 'ok' || !listing.value) return { outcome: 'error', reason: listing.message ?? 'restic ls --json: unparsed' };
      return { snapshot: head.value, listing: listing.value };
    }
  }
  context.onPhase?.('listing', 'snapshots');
  const listed = await run('restore-test.snapshots', tool.snapshotsCommand(envFile), LIST_TIMEOUT_MS);
  const stopped = stopReason(listed, context.signal);
  if (stopped) return stopped;
  const listFailure = sourceFailure(tool.tool, listed.stdout, listed.stderr, listed.exitCode, listed.error);
  if (listFailure) return { outcome: 'error', reason: `listing snapshots: ${listFailure.state}: ${listFailure.message}` };
  const snapshots = tool.parseSnapshots(listed.stdout);
  if (snapshots.state !== 'ok') return { outcome: 'error', reason: snapshots.message ?? `${tool.tool} snapshots: unparsed` };
  const snapshot = newestBackup(snapshots.value ?? []);
  if (!snapshot) return { outcome: 'error', reason: 'the repository has no backup snapshot to restore from' };
  record(snapshot);

  context.onPhase?.('sampling', snapshot.id.slice(0, 8));
  const lsCommand = tool.listCommand(envFile, snapshot);
  if (lsCommand === null) return { outcome: 'error', reason: `archive ${snapshot.id.slice(0, 8)} has no name OpsDeck can pass to borg extract` };
  const ls = await run('restore-test.ls', lsCommand, LIST_TIMEOUT_MS);
  const lsStopped = stopReason(ls, context.signal);
  if (lsStopped) return lsStopped;
  const lsFailure = sourceFailure(tool.tool, ls.stdout, ls.stderr, ls.exitCode, ls.error);
  if (lsFailure) return { outcome: 'error', reason: `listing snapshot ${snapshot.id.slice(0, 8)}: ${lsFailure.state}: ${lsFailure.message}` };
  const listing = tool.parseListing(ls.stdout);
  if (listing.state !== 'ok' || !listing.value) return { outcome: 'error', reason: listing.message ?? `${tool.tool} listing: unparsed` };
  return { snapshot, listing: listing.value };
}

/** The host's own restore tests leave snapshots tagged restore-test (backup-facts.ts): never the one a test restores from. */
function isBackup(snapshot: BackupSnapshot): boolean {
  return !snapshot.tags.includes(RESTORE_TEST_TAG);
}

function newestBackup(snapshots: BackupSnapshot[]): BackupSnapshot | null {
  const backups = snapshots.filter(isBackup);
  return backups[backups.length - 1] ?? null;
}

function summary(counts: Record<RestoreClass, number>): string {
  return RESTORE_CLASSES.filter((name) => counts[name] > 0)
    .map((name) => `${counts[name]} ${name}`)
    .join(', ');
}

function stopReason(output: CommandOutput, signal: AbortSignal): Stop | null {
  if (signal.aborted) return { outcome: 'cancelled', reason: 'cancelled by the operator; the host removes its scratch directory' };
  if (output.error && output.exitCode === null) return { outcome: 'error', reason: output.error };
  return null;
}
