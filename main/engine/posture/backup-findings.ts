// Backup facts + the host's backup policy → findings (annex §2 "Backup
// verification"; an unencrypted repository is §6 "On-disk encryption").
// A job whose tool could not answer gets one finding saying why, and no
// freshness verdicts: a control with no data is not checked, never green.
import type { BackupJob } from '../inventory/backup-policy-schema';
import type { BackupFacts, BackupJobFacts } from '../collectors/backups/backup-facts';
import { plural } from './area-finding';
import { BACKUP_FINDING_KINDS as KIND, backupFinding, type BackupFindingInput } from './backup-finding-kinds';
import type { Finding, Severity } from './finding';
import type { HostContext } from './host-context';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const STATE_WORDS: Record<string, string> = {
  'tool-missing': 'the backup tool is not installed',
  'needs-privilege': 'OpsDeck lacks the privilege to read the repository',
  'no-environment': 'the backup environment file is not readable',
  'no-password': 'no repository password is available on the host',
  'wrong-password': 'the repository password on the host is wrong',
  locked: 'the repository is locked',
  unreachable: 'the repository cannot be reached',
  unparsed: 'the listing was not understood',
  failed: 'the listing failed',
};

export function backupFindings(facts: BackupFacts, context: HostContext): Finding[] {
  const jobs = context.policy.backups ?? [];
  const findings = facts.jobs.flatMap((jobFacts) => {
    const job = jobs[jobFacts.index];
    return job ? jobFindings(jobFacts, job, context) : [];
  });
  const removed = facts.removedScratch ?? [];
  if (removed.length > 0) {
    findings.push(
      backupFinding({
        kind: KIND.leftoverScratch,
        host: context.host,
        dc: context.dc,
        control: 'backupVerification',
        severity: 'low',
        title: `Removed ${plural(removed.length, 'leftover restore-test scratch directory', 'leftover restore-test scratch directories')}`,
        detail: 'A restore test was killed before it could clean up; this scan removed what it left.',
        commandIds: ['backups.scratch-sweep'],
        excerpt: removed,
      }),
    );
  }
  return findings;
}

function jobFindings(facts: BackupJobFacts, job: BackupJob, context: HostContext): Finding[] {
  const findings: Finding[] = [];
  const label = jobLabel(job);
  const add = (kind: BackupFindingInput['kind'], severity: Severity, title: string, detail: string, excerpt: string[], control: BackupFindingInput['control'] = 'backupVerification') =>
    findings.push(backupFinding({ kind, host: context.host, dc: context.dc, control, severity, title, detail, commandIds: facts.commandIds, excerpt, qualifier: String(facts.index) }));

  if (job.repositoryDc === context.dc) {
    add(
      KIND.onSite,
      'medium',
      `${label}: repository is in the host's own datacentre (${job.repositoryDc}), not off-site`,
      'A fire or loss of the site takes the data and its backup together; back up to the other site.',
      [`repository_dc: ${job.repositoryDc}`],
    );
  }
  if (facts.state !== 'ok' && facts.state !== 'unparsed') {
    add(KIND.unreadable, 'high', `${label}: backups cannot be verified — ${STATE_WORDS[facts.state] ?? facts.state}`, `The tool answered: ${facts.message ?? '(nothing)'}`, [
      facts.message ?? facts.state,
    ]);
    unitFindings(facts, job, context, add);
    return findings;
  }
  if (facts.state === 'unparsed') {
    add(KIND.unreadable, 'medium', `${label}: the snapshot listing was not understood`, facts.message ?? '', [facts.message ?? 'unparsed']);
  }
  freshnessFindings(facts, job, context, add);
  if (facts.encryption !== null && /^(none|authenticated)/.test(facts.encryption)) {
    add(
      KIND.unencrypted,
      'high',
      `${label}: repository is not encrypted (borg encryption mode ${facts.encryption})`,
      'Backups must be encrypted (annex §6); borg `none` and `authenticated` modes store the data in clear.',
      [`encryption.mode: ${facts.encryption}`, `repository: ${facts.repositoryLocation ?? 'unknown'}`],
      'onDiskEncryption',
    );
  }
  unitFindings(facts, job, context, add);
  return findings;
}

type Add = (kind: BackupFindingInput['kind'], severity: Severity, title: string, detail: string, excerpt: string[], control?: BackupFindingInput['control']) => void;

function freshnessFindings(facts: BackupJobFacts, job: BackupJob, context: HostContext, add: Add): void {
  const rpoHours = job.rpoHours ?? context.policy.backupRpoHours;
  const now = context.now.getTime();
  const latest = facts.latest;
  // The replica's side (how far it lags behind these snapshots) is the fleet step's: replication-lag.ts.
  const kind = KIND.stale;
  const noun = job.tool === 'zfs-send' ? 'snapshot to replicate' : 'backup';
  if (!latest) {
    add(kind, 'high', `${jobLabel(job)}: no ${noun} at all`, `The repository lists ${plural(facts.snapshotCount, 'snapshot')}, none of them a ${noun}.`, ['(no snapshots)']);
  } else {
    const ageHours = (now - Date.parse(latest.time)) / HOUR_MS;
    if (ageHours > rpoHours) {
      add(
        kind,
        ageHours > 3 * rpoHours ? 'critical' : 'high',
        `${jobLabel(job)}: newest ${noun} is ${ageText(ageHours)} old (RPO ${rpoHours} h)`,
        `Newest ${noun} ${latest.id.slice(0, 12)} at ${latest.time}.`,
        [`${latest.time}  ${latest.id.slice(0, 12)}  ${latest.paths.join(' ')}`],
      );
    }
    if (job.tool !== 'zfs-send' && latest.paths.length > 0) {
      const missing = job.paths.filter((path) => !latest.paths.some((covered) => covered === path || path.startsWith(covered.endsWith('/') ? covered : `${covered}/`)));
      if (missing.length > 0) {
        add(
          KIND.pathNotCovered,
          'high',
          `${jobLabel(job)}: ${missing.join(', ')} not in the newest backup`,
          `The newest backup ${latest.id.slice(0, 12)} covers ${latest.paths.join(', ')}.`,
          missing.map((path) => `missing: ${path}`),
        );
      }
    }
  }
  if (job.tool === 'zfs-send') return;
  const maxDays = job.restoreTestMaxAgeDays ?? context.policy.restoreTestMaxAgeDays;
  const tested = facts.hostRestoreTest;
  if (!tested) {
    add(KIND.restoreTestStale, 'high', `${jobLabel(job)}: never restore-tested`, `No restore test is recorded (no snapshot tagged restore-test); policy: at most ${maxDays} days.`, [
      '(no restore test)',
    ]);
  } else {
    const ageDays = (now - Date.parse(tested)) / DAY_MS;
    if (ageDays > maxDays) {
      add(KIND.restoreTestStale, 'medium', `${jobLabel(job)}: last restore test is ${Math.floor(ageDays)} days old (policy ${maxDays} days)`, `Newest restore-test record at ${tested}.`, [
        `restore-test ${tested}`,
      ]);
    }
  }
}

function unitFindings(facts: BackupJobFacts, job: BackupJob, context: HostContext, add: Add): void {
  if (facts.unitsMessage) {
    add(KIND.checkStale, 'low', `${jobLabel(job)}: the state of its systemd units is unknown`, facts.unitsMessage, [facts.unitsMessage]);
  }
  const unitState = (name: string | null) => (name ? facts.units.find((unit) => unit.unit === name) : undefined);
  const failed = (unit: NonNullable<ReturnType<typeof unitState>>) => unit.result !== 'success' || (unit.exitStatus !== null && unit.exitStatus !== 0);
  const backup = unitState(job.backupUnit);
  if (backup && backup.loaded && failed(backup)) {
    add(KIND.jobFailed, 'high', `${jobLabel(job)}: backup job ${backup.unit} failed (${backup.result}, exit ${backup.exitStatus ?? '?'})`, `Last exit ${backup.lastExit ?? 'unknown'}.`, [
      `${backup.unit} Result=${backup.result} ExecMainStatus=${backup.exitStatus ?? ''}`,
    ]);
  }
  if (backup && !backup.loaded)
    add(KIND.jobFailed, 'high', `${jobLabel(job)}: backup unit ${backup.unit} does not exist on the host`, 'systemctl reports LoadState=not-found.', [`${backup.unit} LoadState=not-found`]);
  if (!job.checkUnit) return;
  const check = unitState(job.checkUnit);
  if (!check) return;
  if (!check.loaded) {
    add(KIND.checkStale, 'medium', `${jobLabel(job)}: integrity check unit ${check.unit} does not exist on the host`, 'systemctl reports LoadState=not-found.', [`${check.unit} LoadState=not-found`]);
    return;
  }
  if (failed(check)) {
    add(KIND.checkFailed, 'high', `${jobLabel(job)}: integrity check ${check.unit} failed (${check.result}, exit ${check.exitStatus ?? '?'})`, `Last exit ${check.lastExit ?? 'unknown'}.`, [
      `${check.unit} Result=${check.result} ExecMainStatus=${check.exitStatus ?? ''}`,
    ]);
  }
  const ageDays = check.lastExit ? (context.now.getTime() - Date.parse(check.lastExit)) / DAY_MS : null;
  if (ageDays === null || ageDays > job.integrityMaxAgeDays) {
    add(
      KIND.checkStale,
      'medium',
      `${jobLabel(job)}: integrity check ${ageDays === null ? 'has not run since boot' : `last ran ${Math.floor(ageDays)} days ago`} (policy ${job.integrityMaxAgeDays} days)`,
      `Unit ${check.unit}, last exit ${check.lastExit ?? 'never'}.`,
      [`${check.unit} ExecMainExitTimestamp=${check.lastExit ?? ''}`],
    );
  }
}

export function jobLabel(job: BackupJob): string {
  return job.tool === 'zfs-send' ? `zfs-send ${job.dataset ?? ''}` : `${job.tool} (${job.envFile ?? ''})`;
}

function ageText(hours: number): string {
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${Math.floor(hours)} h`;
}
