// Findings from the restore tests OpsDeck ran (stored evidence, not scan
// facts): the newest test of a host failed (a mismatched or missing file) or
// could not run. A restore test is an action, so these findings are joined to
// the scans' findings when findings are read; a newer passing test clears them.
import type { RestoreTestEvidence } from '../../../preload/contract';
import { BACKUP_FINDING_KINDS as KIND, backupFinding } from './backup-finding-kinds';
import type { Finding } from './finding';

/** `tests` newest first, any hosts. */
export function restoreTestFindings(tests: RestoreTestEvidence[]): Finding[] {
  const newestByHost = new Map<string, RestoreTestEvidence>();
  for (const test of tests) if (test.outcome !== 'cancelled' && !newestByHost.has(test.host)) newestByHost.set(test.host, test);
  const findings: Finding[] = [];
  for (const test of newestByHost.values()) {
    if (test.outcome === 'passed') continue;
    const bad = test.files.filter((file) => file.class !== 'matched' && file.class !== 'changed-since-backup');
    findings.push(
      backupFinding({
        kind: KIND.restoreTestFailed,
        host: test.host,
        dc: test.dc,
        control: 'backupVerification',
        severity: test.counts.mismatched > 0 ? 'critical' : 'high',
        title:
          test.outcome === 'failed'
            ? `Restore test ${test.startedAt.slice(0, 10)}: ${bad.length} of ${test.files.length} restored files differ from the live data or are missing`
            : `Restore test ${test.startedAt.slice(0, 10)} could not complete: ${test.reason ?? 'no reason given'}`,
        detail: `Test ${test.testId} of snapshot ${test.snapshotId?.slice(0, 12) ?? '-'} (${test.snapshotTime ?? 'unknown time'}): ${test.reason ?? ''}`,
        commandIds: test.commands.map((command) => command.id),
        excerpt: bad.map((file) => `${file.class}: ${file.path} restored ${file.restoredSha256?.slice(0, 16) ?? '-'} live ${file.liveSha256?.slice(0, 16) ?? '-'}`),
        qualifier: 'latest',
      }),
    );
  }
  return findings;
}
