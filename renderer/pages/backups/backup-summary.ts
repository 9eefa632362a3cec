// Per site: the hosts with a backup policy, how many are within their RPO,
// restore-tested within policy (and not failed), and integrity-checked, read
// from the backups facts and findings of the latest scans plus the stored
// restore tests. Pure: the page's chart and text both come from here.
import type { AreaHostView, BackupFactsView, FindingView, RestoreTestEvidence } from '../../../preload/contract';

export type { BackupFactsView };

export interface BackupHostRow {
  host: string;
  dc: string;
  jobs: BackupFactsView['jobs'];
  withinRpo: boolean;
  restoreTested: boolean;
  integrityChecked: boolean;
  lastTest: RestoreTestEvidence | null;
  findings: FindingView[];
}

export interface SiteBackupSummary {
  hosts: number;
  withinRpo: number;
  restoreTested: number;
  integrityChecked: number;
}

const kindOf = (finding: FindingView) => finding.id.slice('backups.'.length).split(':')[0] ?? '';

export function backupHostRows(facts: AreaHostView<BackupFactsView>[], findings: FindingView[], tests: RestoreTestEvidence[]): BackupHostRow[] {
  return facts
    .filter((row) => row.facts.jobs.length > 0)
    .map((row) => {
      const own = findings.filter((finding) => finding.area === 'backups' && finding.host === row.host);
      const kinds = new Set(own.map(kindOf));
      return {
        host: row.host,
        dc: row.dc,
        jobs: row.facts.jobs,
        withinRpo: !['stale', 'replication-lag', 'unreadable'].some((kind) => kinds.has(kind)),
        restoreTested: !['restore-test-stale', 'restore-test-failed', 'unreadable'].some((kind) => kinds.has(kind)),
        integrityChecked: !['check-stale', 'check-failed', 'unreadable'].some((kind) => kinds.has(kind)),
        lastTest: tests.find((test) => test.host === row.host) ?? null,
        findings: own,
      };
    })
    .sort((a, b) => a.dc.localeCompare(b.dc) || a.host.localeCompare(b.host));
}

export function siteBackupSummary(dc: string, rows: BackupHostRow[]): SiteBackupSummary {
  const site = rows.filter((row) => row.dc === dc);
  return {
    hosts: site.length,
    withinRpo: site.filter((row) => row.withinRpo).length,
    restoreTested: site.filter((row) => row.restoreTested).length,
    integrityChecked: site.filter((row) => row.integrityChecked).length,
  };
}

export function ageText(iso: string, now: Date): string {
  const hours = (now.getTime() - Date.parse(iso)) / 3_600_000;
  if (hours < 1) return 'just now';
  return hours < 48 ? `${Math.floor(hours)} h ago` : `${Math.floor(hours / 24)} d ago`;
}
