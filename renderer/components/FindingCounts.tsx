// A row's findings counted by severity, worst first ("2 high 1 low"), or a
// muted 0: the last column of the per-host and per-service tables.
import type { FindingView } from '../../preload/contract';
import { SeverityBadge } from './SeverityBadge';
import { SEVERITIES } from './severity-order';

export function FindingCounts({ findings }: { findings: FindingView[] }) {
  const counts = SEVERITIES.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const).filter(([, count]) => count > 0);
  if (counts.length === 0) return <span className="muted">0</span>;
  return (
    <span className="finding-counts">
      {counts.map(([severity, count]) => (
        <span key={severity}>
          {count} <SeverityBadge severity={severity} />{' '}
        </span>
      ))}
    </span>
  );
}
