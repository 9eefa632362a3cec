// Findings as a dense table: severity, host, what, which promise (Annex 2
// section), and the evidence lines, always as text.
import type { FindingView } from '../../preload/contract';
import { routeHref } from '../app/routes';
import { SeverityBadge } from './SeverityBadge';
import { controlLabel } from './control-labels';

export function FindingsTable({ findings, showHost }: { findings: FindingView[]; showHost: boolean }) {
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  return (
    <table className="grid findings">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          {showHost && <th scope="col">Host</th>}
          <th scope="col">Area</th>
          <th scope="col">Finding</th>
          <th scope="col">Promise (Annex 2)</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((finding) => (
          <tr key={`${finding.host}/${finding.id}`} data-finding={finding.id}>
            <td>
              <SeverityBadge severity={finding.severity} />
            </td>
            {showHost && (
              <td className="mono">
                <a href={routeHref({ page: 'host', name: finding.host })}>{finding.host}</a>
              </td>
            )}
            <td>{finding.area}</td>
            <td>
              <strong>{finding.title}</strong>
              {finding.detail && <div className="muted finding-detail">{finding.detail}</div>}
            </td>
            <td className="muted">{controlLabel(finding.control)}</td>
            <td>
              <pre className="mono evidence">{finding.evidence.excerpt.join('\n')}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
