// The kinds of backup finding and their stable ids
// (`backups.<kind>:<host>:<job index>`, so history follows one job's problem).
import { areaFinding, type AreaFindingInput } from './area-finding';
import type { Finding } from './finding';

export const BACKUP_FINDING_KINDS = {
  /** The tool could not answer: missing, no environment, no password, locked, unreachable, unparsed. */
  unreadable: 'unreadable',
  /** Newest backup older than the RPO, or no backup at all. */
  stale: 'stale',
  /** A path the policy requires is not in the newest backup. */
  pathNotCovered: 'path-not-covered',
  /** The repository is in the host's own datacentre. */
  onSite: 'on-site',
  /** borg repository with encryption none / authenticated (§6). */
  unencrypted: 'unencrypted',
  /** No restore test within its maximum age (or never). */
  restoreTestStale: 'restore-test-stale',
  /** The host's own backup job failed. */
  jobFailed: 'job-failed',
  /** The host's own integrity check failed. */
  checkFailed: 'check-failed',
  /** The integrity check has not run within its maximum age (or its unit does not exist). */
  checkStale: 'check-stale',
  /** The newest replicated ZFS snapshot is older than the RPO. */
  replicationLag: 'replication-lag',
  /** The newest restore test OpsDeck ran failed or could not complete. */
  restoreTestFailed: 'restore-test-failed',
  /** The newest integrity check OpsDeck ran on a job found damage or could not run. */
  integrityCheckFailed: 'integrity-check-failed',
  /** A job checked by OpsDeck has no full integrity cycle within integrity_max_age_days. */
  integrityCycleIncomplete: 'integrity-cycle-incomplete',
  /** A killed restore test left its scratch directory; the scan removed it. */
  leftoverScratch: 'leftover-scratch',
} as const;

export type BackupFindingKind = (typeof BACKUP_FINDING_KINDS)[keyof typeof BACKUP_FINDING_KINDS];

export interface BackupFindingInput extends Omit<AreaFindingInput, 'area' | 'kind'> {
  kind: BackupFindingKind;
}

export function backupFinding(input: BackupFindingInput): Finding {
  return areaFinding({ ...input, area: 'backups' });
}
