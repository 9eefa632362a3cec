// One backup job as the inventory resolves it, for tests that need a job
// without writing an inventory: the schema's defaults (the integrity and
// restore-test settings of the README example), restic and borg reading
// /etc/backup/TOOL.env, zfs-send sending zones/data; the rest given.
import type { BackupJob } from '../../main/engine/inventory/backup-policy-schema';

export function backupJob(tool: BackupJob['tool'], given: Partial<BackupJob> = {}): BackupJob {
  return {
    tool,
    envFile: tool === 'zfs-send' ? null : `/etc/backup/${tool}.env`,
    dataset: tool === 'zfs-send' ? 'zones/data' : null,
    replicaHost: null,
    replicaDataset: null,
    repositoryDc: 'sea',
    paths: [],
    backupUnit: null,
    checkUnit: null,
    rpoHours: null,
    restoreTestMaxAgeDays: null,
    integrityMaxAgeDays: 30,
    integritySubsets: 8,
    restoreTestSample: 20,
    canaries: [],
    ...given,
  };
}
