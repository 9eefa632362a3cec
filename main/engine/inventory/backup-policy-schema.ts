// The `backups` policy of a role (or of one host, replacing its roles'):
// which tool backs the host up, where the host keeps that tool's environment
// (RESTIC_REPOSITORY / BORG_REPO and how the tool gets its password — OpsDeck
// never needs the password itself), which datacentre holds the repository,
// the paths that must be covered, and the clocks the findings check.
//
// The environment file, the systemd units and the paths end up as arguments
// of commands run on the host. They are passed as separate, single-quoted
// arguments of a fixed script (see collectors/backups/backup-commands.ts),
// and on top of that restricted here to characters that need no quoting, so
// that an inventory value can never become shell syntax.
import { z } from 'zod';

export type BackupTool = 'restic' | 'borg' | 'zfs-send';

export interface BackupJob {
  tool: BackupTool;
  /** restic/borg: the host's environment file that sets the repository and the password source. */
  envFile: string | null;
  /** zfs-send: the dataset whose snapshots are replicated. */
  dataset: string | null;
  /** zfs-send: the inventory host holding the replica (read there, read-only, for the replication lag). */
  replicaHost: string | null;
  /** zfs-send: the dataset on the replica host that receives the snapshots. */
  replicaDataset: string | null;
  /** The datacentre holding the repository (or the replica). */
  repositoryDc: string;
  paths: string[];
  /** The systemd unit of the host's own backup job (its Result and exit tell a failed run). */
  backupUnit: string | null;
  /** The systemd unit of the host's own integrity check (restic check / borg check). */
  checkUnit: string | null;
  /** Hours; null = the role's backup_rpo_hours. */
  rpoHours: number | null;
  /** Days; null = the role's restore_test_max_age_days. */
  restoreTestMaxAgeDays: number | null;
  integrityMaxAgeDays: number;
  /** The integrity cycle reads the repository in this many parts, one per check (restic --read-data-subset=K/N). */
  integritySubsets: number;
  restoreTestSample: number;
  canaries: string[];
}

export const BACKUP_JOB_DEFAULTS = { integrity_max_age_days: 30, integrity_subsets: 8, restore_test_sample: 20 } as const;

/** Absolute paths of ordinary characters: letters, digits and . _ - + @ / (nothing a shell would read). */
const PLAIN_PATH = /^\/[A-Za-z0-9._+@/-]*$/;
const UNIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9@._:\\-]*\.(service|timer)$/;
const DATASET = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;

function plainPath(what: string) {
  return z.string().superRefine((value, ctx) => {
    if (!PLAIN_PATH.test(value) || value.includes('//')) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(value)} is not a plain absolute path (${what}); use only letters, digits and . _ - + @ / — the value is passed to commands on the host`,
      });
    }
  });
}

const unitSchema = z.string().superRefine((value, ctx) => {
  if (!UNIT_NAME.test(value)) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a systemd unit name ending in .service or .timer` });
});

const datasetSchema = z.string().superRefine((value, ctx) => {
  if (!DATASET.test(value) || value.includes('@')) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a ZFS dataset name such as zones/data` });
});

export const backupJobSchema = z
  .strictObject(
    {
      tool: z.enum(['restic', 'borg', 'zfs-send']),
      env_file: plainPath('the environment file').optional(),
      dataset: datasetSchema.optional(),
      replica_host: z.string().min(1).optional(),
      replica_dataset: datasetSchema.optional(),
      repository_dc: z.string(),
      paths: z.array(plainPath('a path to back up')).default([]),
      backup_unit: unitSchema.optional(),
      check_unit: unitSchema.optional(),
      rpo_hours: z.number().positive().optional(),
      restore_test_max_age_days: z.number().positive().optional(),
      integrity_max_age_days: z.number().positive().default(BACKUP_JOB_DEFAULTS.integrity_max_age_days),
      integrity_subsets: z.number().int().min(1).max(1000).default(BACKUP_JOB_DEFAULTS.integrity_subsets),
      restore_test_sample: z.number().int().min(0).max(10_000).default(BACKUP_JOB_DEFAULTS.restore_test_sample),
      canaries: z.array(plainPath('a canary file')).default([]),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'expected one of tool, env_file, dataset, replica_host, replica_dataset, repository_dc, paths, backup_unit, check_unit, rpo_hours, restore_test_max_age_days, integrity_max_age_days, integrity_subsets, restore_test_sample, canaries'
          : undefined,
    },
  )
  .superRefine((job, ctx) => {
    if (job.tool === 'zfs-send') {
      if (job.dataset === undefined) ctx.addIssue({ code: 'custom', path: ['dataset'], message: 'missing' });
      if (job.env_file !== undefined) ctx.addIssue({ code: 'custom', path: ['env_file'], message: 'zfs-send replication has no environment file; name the dataset instead' });
      if ((job.replica_host === undefined) !== (job.replica_dataset === undefined)) {
        const absent = job.replica_host === undefined ? 'replica_host' : 'replica_dataset';
        ctx.addIssue({ code: 'custom', path: [absent], message: 'missing: replica_host and replica_dataset name the replica together' });
      }
    } else {
      if (job.env_file === undefined) ctx.addIssue({ code: 'custom', path: ['env_file'], message: 'missing' });
      if (job.dataset !== undefined) ctx.addIssue({ code: 'custom', path: ['dataset'], message: `a dataset applies only to zfs-send, not to ${job.tool}` });
      for (const key of ['replica_host', 'replica_dataset'] as const) {
        if (job[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a replica applies only to zfs-send, not to ${job.tool}` });
      }
    }
  });

export const backupJobsSchema = z.array(backupJobSchema);

export type BackupJobFile = z.output<typeof backupJobSchema>;

export function backupJobFrom(job: BackupJobFile): BackupJob {
  return {
    tool: job.tool,
    envFile: job.env_file ?? null,
    dataset: job.dataset ?? null,
    replicaHost: job.replica_host ?? null,
    replicaDataset: job.replica_dataset ?? null,
    repositoryDc: job.repository_dc,
    paths: [...job.paths],
    backupUnit: job.backup_unit ?? null,
    checkUnit: job.check_unit ?? null,
    rpoHours: job.rpo_hours ?? null,
    restoreTestMaxAgeDays: job.restore_test_max_age_days ?? null,
    integrityMaxAgeDays: job.integrity_max_age_days,
    integritySubsets: job.integrity_subsets,
    restoreTestSample: job.restore_test_sample,
    canaries: [...job.canaries],
  };
}
