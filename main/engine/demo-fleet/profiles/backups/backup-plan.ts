// Which backup tool each demo host runs, against which repository (given to
// the tool by the host's environment: RESTIC_REPOSITORY / BORG_REPO, so
// OpsDeck never passes a path), and when its backups and restore tests ran.
// Restore tests are recorded the way the demo team does it: the restore-test
// job snapshots the checksum manifest of what it restored, tagged
// `restore-test` (path /var/lib/restore-test).
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { DAY_MS, HOUR_MS } from '../time-format';

export interface BackupRun {
  at: Date;
  paths: string[];
  tags: string[];
}

export interface ResticPlan {
  tool: 'restic';
  repository: string;
  version: '0.14' | '0.18';
  runs: BackupRun[];
}

export interface BorgPlan {
  tool: 'borg';
  repository: string;
  runs: BackupRun[];
}

export interface HostBackupPlan {
  restic: ResticPlan | null;
  borg: BorgPlan | null;
}

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
  const newestAgeDays = hasProblem(host, 'stale-restore-test') ? 45 : hashInt(3, 12, host.name, 'restore-test');
  return [newestAgeDays + 60, newestAgeDays + 30, newestAgeDays].map((days) => ({
    at: new Date(now.getTime() - days * DAY_MS - hashInt(0, 3_600_000, host.name, 'restore-test', days)),
    paths: ['/var/lib/restore-test'],
    tags: ['restore-test'],
  }));
}

function byTime(runs: BackupRun[]): BackupRun[] {
  return [...runs].sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function backupPlan(host: DemoHostSpec, now: Date): HostBackupPlan {
  const version = host.release === 'trixie' ? '0.18' : '0.14';
  const server = `backup1.${host.dc}`;
  const staleMs = hasProblem(host, 'stale-backup') ? 4 * DAY_MS : 0;
  switch (host.role) {
    case 'imap':
      return {
        restic: { tool: 'restic', version, repository: `sftp:restic@${server}:/srv/backup/restic/${host.name}`, runs: dailyRuns(host, now, 1, 14, 0, ['/srv/mail'], ['daily']) },
        borg: null,
      };
    case 'db':
      return {
        restic: null,
        borg: { tool: 'borg', repository: `ssh://borg@${server}/srv/backup/borg/${host.name}`, runs: dailyRuns(host, now, 2, 14, 0, ['/var/backups/postgresql'], []) },
      };
    case 'backup': {
      const otherSite = host.dc === 'nj' ? 'sea' : 'nj';
      const daily = dailyRuns(host, now, 3, 14, staleMs, [`/srv/backup/replica/${otherSite}`], ['cross-site', 'daily']);
      return {
        restic: { tool: 'restic', version, repository: '/srv/backup/restic/cross-site', runs: byTime([...daily, ...restoreTests(host, now)]) },
        borg: { tool: 'borg', repository: '/srv/backup/borg/config', runs: dailyRuns(host, now, 4, 10, staleMs, ['/etc'], []) },
      };
    }
    default:
      return { restic: null, borg: null };
  }
}
