// What changed between a host's consecutive scan results: its state, the
// findings that appeared or went away (by their stable id), and its pending
// update counts. Pure: rows in, views out.
import type { HostHistoryEntryView, Severity } from '../../../preload/contract';
import { countBySeverity } from '../posture/severity-counts';
import type { HostHistoryRow } from '../store/host-history-query';

/** `rows` newest first; each entry is compared with the next (older) row. */
export function hostHistoryView(rows: HostHistoryRow[]): HostHistoryEntryView[] {
  return rows.map((row, index) => {
    const previous = rows[index + 1];
    return {
      runId: row.runId,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      phase: row.phase,
      reason: row.reason,
      findingCounts: countBySeverity(row.findings),
      pending: row.pending,
      changes: previous ? changesSince(previous, row) : null,
    };
  });
}

function changesSince(before: HostHistoryRow, after: HostHistoryRow): NonNullable<HostHistoryEntryView['changes']> {
  // A host that did not answer has no findings: listing them all as "removed" would say they were fixed.
  const compareFindings = before.phase === 'done' && after.phase === 'done';
  const beforeIds = new Set(before.findings.map((finding) => finding.id));
  const afterIds = new Set(after.findings.map((finding) => finding.id));
  const brief = ({ severity, title }: { severity: Severity; title: string }) => ({ severity, title });
  const samePending = before.pending?.total === after.pending?.total && before.pending?.security === after.pending?.security;
  return {
    phase: before.phase === after.phase ? null : { from: before.phase, to: after.phase },
    findingsAdded: compareFindings ? after.findings.filter((finding) => !beforeIds.has(finding.id)).map(brief) : [],
    findingsRemoved: compareFindings ? before.findings.filter((finding) => !afterIds.has(finding.id)).map(brief) : [],
    pending: samePending || !compareFindings ? null : { from: before.pending, to: after.pending },
  };
}
