// Findings as a dense table: severity, host, what, which promise (Annex 2
// section), and the evidence lines, always as text (advisory ids linked),
// never cut off. Grouped by host on request. Wide content scrolls inside the
// table's own box, never the page.
import { Fragment } from 'react';
import type { FindingView } from '../../preload/contract';
import { routeHref } from '../app/routes';
import { AdvisoryText } from './advisory-links';
import { annexSectionOf, controlLabel } from './control-labels';
import { SeverityBadge } from './SeverityBadge';

interface Props {
  findings: FindingView[];
  showHost: boolean;
  groupByHost?: boolean;
}

export function FindingsTable({ findings, showHost, groupByHost = false }: Props) {
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  const columns = showHost && !groupByHost ? 6 : 5;
  const groups = groupByHost ? hostGroups(findings) : [{ host: null, findings }];
  return (
    <div className="wide-scroll" data-testid="findings-scroll">
      <table className="grid findings">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {showHost && !groupByHost && <th scope="col">Host</th>}
            <th scope="col">Area</th>
            <th scope="col">Finding</th>
            <th scope="col">
              Promise (<abbr title="Annex 2: the provider's published security measures; § is its section">Annex 2</abbr>)
            </th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <Fragment key={group.host ?? 'all'}>
              {group.host && (
                <tr className="role-row host-group" data-group={group.host}>
                  <th scope="rowgroup" colSpan={columns}>
                    <a href={routeHref({ page: 'host', name: group.host })}>{group.host}</a>{' '}
                    <span className="muted">
                      · {group.findings.length} finding{group.findings.length === 1 ? '' : 's'}
                    </span>
                  </th>
                </tr>
              )}
              {group.findings.map((finding) => (
                <FindingRow key={`${finding.host}/${finding.id}`} finding={finding} showHost={showHost && !groupByHost} />
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FindingRow({ finding, showHost }: { finding: FindingView; showHost: boolean }) {
  const section = annexSectionOf(finding.control);
  return (
    <tr data-finding={finding.id}>
      <td>
        <SeverityBadge severity={finding.severity} />
      </td>
      {showHost && (
        <td className="mono">
          <a href={routeHref({ page: 'host', name: finding.host })}>{finding.host}</a>
        </td>
      )}
      <td>{finding.area}</td>
      <td className="finding-cell">
        <strong>
          <AdvisoryText text={finding.title} />
        </strong>
        {finding.detail && (
          <div className="muted finding-detail">
            <AdvisoryText text={finding.detail} />
          </div>
        )}
      </td>
      <td className="muted promise-cell">
        {controlLabel(finding.control)}
        {section && <div className="annex-section">{section}</div>}
      </td>
      <td className="evidence-cell">
        <pre className="mono evidence">
          <AdvisoryText text={finding.evidence.excerpt.join('\n')} />
        </pre>
      </td>
    </tr>
  );
}

function hostGroups(findings: FindingView[]): { host: string; findings: FindingView[] }[] {
  const byHost = new Map<string, FindingView[]>();
  for (const finding of findings) byHost.set(finding.host, [...(byHost.get(finding.host) ?? []), finding]);
  return [...byHost.entries()].map(([host, list]) => ({ host, findings: list }));
}
