// What changed between a host's consecutive scan results: its state, the
// findings that appeared or went away (by their stable id), and its pending
// update counts. Pure: rows in, views out.
import type { HostHistoryEntryView, HostPhase, Severity } from '../../../preload/contract';

export interface HostHistoryRow {
  runId: string;
  phase: HostPhase;
  reason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  findings: { id: string; severity: Severity; title: string }[];
  pending: { total: number; security: number } | null;
}

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

function countBySeverity(findings: { severity: Severity }[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}
