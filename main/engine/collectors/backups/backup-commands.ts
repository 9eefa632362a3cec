// The commands a scan runs for a host's backup jobs. Unlike the other areas
// they depend on the host's policy (which environment file, which units),
// so each is a constant script followed by separate single-quoted
// arguments: the inventory values are validated as plain paths and unit
// names (backup-policy-schema.ts) AND quoted, and the script only ever uses
// them as "$1"-style arguments. Nothing from the inventory is shell syntax.
//
// The wrapper loads the host's own environment file (RESTIC_REPOSITORY /
// RESTIC_PASSWORD_FILE, BORG_REPO / BORG_PASSCOMMAND), closes stdin so no
// tool can ever wait at a password prompt, and runs the tool as argv.
import type { BackupJob } from '../../inventory/backup-policy-schema';
import type { HostCommand, TargetOs } from '../host-command';
import { NO_ENVIRONMENT_EXIT } from './backup-source-state';
import { LEFTOVER_SCRATCH_COMMAND } from './restore-test-commands';
import { UNIT_PROPERTIES } from './systemctl-show';

export const BORG_LIST_LAST = 60;

/** POSIX single quotes: the value is one word, nothing inside is interpreted. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Unknown-unencrypted repositories are read (not refused at a prompt) so that
 * an unencrypted one becomes a finding; relocated ones are refused. The
 * host's file may override both.
 */
export const ENV_WRAPPER =
  `sh -c 'f="$1"; shift; [ -r "$f" ] || { echo "opsdeck: cannot read the backup environment file $f" >&2; exit ${NO_ENVIRONMENT_EXIT}; }; ` +
  `BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes; BORG_RELOCATED_REPO_ACCESS_IS_OK=no; export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK BORG_RELOCATED_REPO_ACCESS_IS_OK; ` +
  `set -a; . "$f"; set +a; exec "$@" </dev/null' opsdeck-backup-env`;

/** `<wrapper> '<env file>' <tool argv…>`; the tool argv is constant. */
export function withHostEnvironment(envFile: string, toolArgv: string): string {
  return `${ENV_WRAPPER} ${shellQuote(envFile)} ${toolArgv}`;
}

export const RESTIC_SNAPSHOTS = 'restic snapshots --json --no-lock --no-cache';
export const BORG_LIST = `borg list --json --bypass-lock --last ${BORG_LIST_LAST}`;
export const BORG_INFO = 'borg info --json --bypass-lock --last 1';

export function jobCommandId(index: number, what: 'snapshots' | 'info' | 'units'): string {
  return `backups.${index}.${what}`;
}

export const SCRATCH_SWEEP_ID = 'backups.scratch-sweep';

export function replicaCommandId(index: number): string {
  return `backups.replica.${index}`;
}

/** The snapshots of one dataset, oldest first; read-only. */
export function zfsSnapshotsCommand(dataset: string): string {
  return `zfs list -t snapshot -Hp -o name,creation -d 1 ${shellQuote(dataset)}`;
}

/** A replica's receiving dataset: what arrived from another host's zfs-send job (posture/replication-lag.ts compares). */
export interface ReplicaDataset {
  sourceHost: string;
  sourceDataset: string;
  dataset: string;
}

export function replicaCommands(os: TargetOs, replicas: ReplicaDataset[]): HostCommand[] {
  if (os !== 'smartos') return [];
  return replicas.map((replica, index) => ({ id: replicaCommandId(index), command: zfsSnapshotsCommand(replica.dataset), privileged: false }));
}

export function backupCommands(os: TargetOs, jobs: BackupJob[], replicas: ReplicaDataset[] = []): HostCommand[] {
  // Restore tests run on Debian restic hosts; their leftovers (a script killed before its trap ran) are swept by every scan.
  const sweep: HostCommand[] = os === 'debian' && jobs.some((job) => job.tool === 'restic') ? [{ id: SCRATCH_SWEEP_ID, command: LEFTOVER_SCRATCH_COMMAND, privileged: true }] : [];
  return [
    ...sweep,
    ...jobs.flatMap((job, index) => {
      const commands: HostCommand[] = [];
      if (job.tool === 'zfs-send') {
        if (os === 'smartos' && job.dataset) {
          commands.push({ id: jobCommandId(index, 'snapshots'), command: zfsSnapshotsCommand(job.dataset), privileged: false });
        }
      } else if (job.envFile) {
        const tool = job.tool === 'restic' ? RESTIC_SNAPSHOTS : BORG_LIST;
        commands.push({ id: jobCommandId(index, 'snapshots'), command: withHostEnvironment(job.envFile, tool), privileged: true });
        if (job.tool === 'borg') {
          commands.push({ id: jobCommandId(index, 'info'), command: withHostEnvironment(job.envFile, BORG_INFO), privileged: true });
        }
      }
      const units = jobUnits(job);
      if (units.length > 0 && os === 'debian') {
        commands.push({ id: jobCommandId(index, 'units'), command: `systemctl show --timestamp=unix -p ${UNIT_PROPERTIES} -- ${units.map(shellQuote).join(' ')}`, privileged: false });
      }
      return commands;
    }),
    ...replicaCommands(os, replicas),
  ];
}

/** The units asked about, in the order systemctl answers them. */
export function jobUnits(job: BackupJob): string[] {
  return [job.backupUnit, job.checkUnit].filter((unit): unit is string => unit !== null);
}
