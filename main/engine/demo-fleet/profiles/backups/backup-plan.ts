// Which backup tool each demo host runs, against which repository (given to
// the tool by the host's environment file: RESTIC_REPOSITORY / BORG_REPO, so
// OpsDeck never passes a path), and when its backups and restore tests ran.
// Both sites back up to the other site's backup server, except where a
// planted problem says otherwise. Restore tests are recorded the way the
// demo team does it: the restore-test job snapshots the checksum manifest of
// what it restored, tagged `restore-test` (restic; path /var/lib/restore-test)
// or named `<host>-restore-test-<time>` (borg).
import type { DemoDcId, DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { DAY_MS, HOUR_MS } from '../time-format';

export interface BackupRun {
  at: Date;
  paths: string[];
  tags: string[];
}

interface PlanBase {
  repository: string;
  /** The site holding the repository. */
  repositoryDc: DemoDcId;
  /** The host's environment file naming the repository and the password source. */
  envFile: string;
  backupUnit: string;
  checkUnit: string;
  /** Paths the policy requires. */
  paths: string[];
  runs: BackupRun[];
}

export interface ResticPlan extends PlanBase {
  tool: 'restic';
  version: '0.14' | '0.18';
}

export interface BorgPlan extends PlanBase {
  tool: 'borg';
  encryption: 'repokey-blake2' | 'none';
}

export interface HostBackupPlan {
  restic: ResticPlan | null;
  borg: BorgPlan | null;
}

export const RESTIC_ENV_FILE = '/etc/backup/restic.env';
export const BORG_ENV_FILE = '/etc/backup/borg.env';
export const RESTORE_TEST_PATH = '/var/lib/restore-test';

/** Daily runs at `hourUtc` for `days` days, the newest being the last one before `now` minus `skipMs`. */
function dailyRuns(host: DemoHostSpec, now: Date, hourUtc: number, days: number, skipMs: number, paths: string[], tags: string[]): BackupRun[] {
  const newestDay = Math.floor((now.getTime() - skipMs) / DAY_MS) * DAY_MS;
  const runs: BackupRun[] = [];
  for (let day = days - 1; day >= 0; day--) {
    let at = newestDay - day * DAY_MS + hourUtc * HOUR_MS + hashInt(0, 1_200_000, host.name, 'run', day);
    if (at > now.getTime() - skipMs) at -= DAY_MS;
    runs.push({ at: new Date(at), paths, tags });
  }
  return runs;
}

function restoreTests(host: DemoHostSpec, now: Date): BackupRun[] {
  if (hasProblem(host, 'never-restore-tested')) return [];
  const newestAgeDays = hasProblem(host, 'stale-restore-test') ? 45 : hashInt(3, 12, host.name, 'restore-test');
  return [newestAgeDays + 60, newestAgeDays + 30, newestAgeDays].map((days) => ({
    at: new Date(now.getTime() - days * DAY_MS - hashInt(0, 3_600_000, host.name, 'restore-test', days)),
    paths: [RESTORE_TEST_PATH],
    tags: ['restore-test'],
  }));
}

function byTime(runs: BackupRun[]): BackupRun[] {
  return [...runs].sort((a, b) => a.at.getTime() - b.at.getTime());
}

function otherSite(dc: DemoDcId): DemoDcId {
  return dc === 'nj' ? 'sea' : 'nj';
}

/** The site holding a host's repositories: the other one, unless the host has the planted on-site repository. */
export function repositorySite(host: DemoHostSpec): DemoDcId {
  return hasProblem(host, 'backup-repository-on-site') ? host.dc : otherSite(host.dc);
}

export function backupPlan(host: DemoHostSpec, now: Date): HostBackupPlan {
  const version = host.release === 'trixie' ? '0.18' : '0.14';
  const site = repositorySite(host);
  const server = `backup1.${site}`;
  const staleMs = hasProblem(host, 'stale-backup') ? 4 * DAY_MS : 0;
  const encryption = hasProblem(host, 'unencrypted-backup') ? 'none' : 'repokey-blake2';
  const planBase = (tool: 'restic' | 'borg', repository: string, paths: string[], runs: BackupRun[]): PlanBase => ({
    repository,
    repositoryDc: site,
    envFile: tool === 'restic' ? RESTIC_ENV_FILE : BORG_ENV_FILE,
    backupUnit: `${tool}-backup.service`,
    checkUnit: `${tool}-check.service`,
    paths,
    runs: byTime([...runs, ...restoreTests(host, now)]),
  });
  const restic = (repository: string, paths: string[], runs: BackupRun[]): ResticPlan => ({ tool: 'restic', version, ...planBase('restic', repository, paths, runs) });
  const borg = (repository: string, paths: string[], runs: BackupRun[]): BorgPlan => ({ tool: 'borg', encryption, ...planBase('borg', repository, paths, runs) });
  switch (host.role) {
    case 'imap':
      return { restic: restic(`sftp:restic@${server}:/srv/backup/restic/${host.name}`, ['/srv/mail'], dailyRuns(host, now, 1, 14, 0, ['/srv/mail'], ['daily'])), borg: null };
    case 'db':
      return {
        restic: null,
        borg: borg(`ssh://borg@${server}/srv/backup/borg/${host.name}`, ['/var/backups/postgresql'], dailyRuns(host, now, 2, 14, 0, ['/var/backups/postgresql'], [])),
      };
    case 'backup': {
      const replica = `/srv/backup/replica/${otherSite(host.dc)}`;
      return {
        restic: restic(`sftp:restic@${server}:/srv/backup/restic/cross-site-${host.dc}`, [replica], dailyRuns(host, now, 3, 14, staleMs, [replica], ['cross-site', 'daily'])),
        borg: borg(`ssh://borg@${server}/srv/backup/borg/config-${host.dc}`, ['/etc'], dailyRuns(host, now, 4, 10, staleMs, ['/etc'], [])),
      };
    }
    default:
      return { restic: null, borg: null };
  }
}

export interface DemoBackupJob {
  tool: 'restic' | 'borg';
  envFile: string;
  repositoryDc: DemoDcId;
  paths: string[];
  backupUnit: string;
  checkUnit: string;
}

/** What the demo inventory declares for a host: its plan without the run history. */
export function demoBackupJobs(host: DemoHostSpec): DemoBackupJob[] {
  const plan = backupPlan(host, new Date(0));
  return [plan.restic, plan.borg]
    .filter((job) => job !== null)
    .map((job) => ({ tool: job.tool, envFile: job.envFile, repositoryDc: job.repositoryDc, paths: [...job.paths], backupUnit: job.backupUnit, checkUnit: job.checkUnit }));
}
