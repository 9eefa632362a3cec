// A host's scan history, newest first: each result's state, findings and
// pending updates, and what changed since the result before it.
import type { ReactElement } from 'react';
import type { HostHistoryEntryView, Severity } from '../../../preload/contract';
import { TimeText } from '../../components/TimeText';
import { PhaseBadge } from '../../components/PhaseBadge';
import { SeverityBadge } from '../../components/SeverityBadge';
import { SEVERITIES } from '../../components/severity-order';

export function HostHistory({ history }: { history: HostHistoryEntryView[] }) {
  if (history.length === 0) return <p className="muted">No scan of this host is recorded yet.</p>;
  return (
    <div className="wide-scroll">
      <table className="grid host-history" data-testid="host-history">
        <thead>
          <tr>
            <th scope="col">Finished</th>
            <th scope="col">State</th>
            <th scope="col">Findings</th>
            <th scope="col">Pending updates</th>
            <th scope="col">Changed since the scan before</th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry) => (
            <tr key={entry.runId} data-run={entry.runId}>
              <td className="nowrap">
                <TimeText iso={entry.finishedAt} />
              </td>
              <td>
                <PhaseBadge phase={entry.phase} />
                {entry.reason && (
                  <div className="reason" title={entry.reason}>
                    {entry.reason}
                  </div>
                )}
              </td>
              <td className="nowrap">{countsText(entry.findingCounts)}</td>
              <td className="nowrap">{entry.pending ? `${entry.pending.total} (${entry.pending.security} security)` : '—'}</td>
              <td className="history-changes">
                <Changes entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Changes({ entry }: { entry: HostHistoryEntryView }) {
  const changes = entry.changes;
  if (!changes) return <span className="muted">first recorded scan</span>;
  const lines: ReactElement[] = [];
  if (changes.phase)
    lines.push(
      <li key="phase">
        state {changes.phase.from} → {changes.phase.to}
      </li>,
    );
  for (const [index, finding] of changes.findingsAdded.entries()) {
    lines.push(
      <li key={`added-${index}`}>
        + <SeverityBadge severity={finding.severity} /> {finding.title}
      </li>,
    );
  }
  for (const [index, finding] of changes.findingsRemoved.entries()) {
    lines.push(
      <li key={`removed-${index}`} className="removed">
        − <SeverityBadge severity={finding.severity} /> {finding.title} <span className="muted">(gone)</span>
      </li>,
    );
  }
  if (changes.pending) {
    const side = (value: { total: number; security: number } | null) => (value ? `${value.total} (${value.security} security)` : 'unknown');
    lines.push(
      <li key="pending">
        pending updates {side(changes.pending.from)} → {side(changes.pending.to)}
      </li>,
    );
  }
  return lines.length === 0 ? <span className="muted">no change</span> : <ul className="change-list">{lines}</ul>;
}

function countsText(counts: Partial<Record<Severity, number>>): string {
  const parts = SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0).map((severity) => `${counts[severity]} ${severity}`);
  return parts.length ? parts.join(', ') : 'none';
}
