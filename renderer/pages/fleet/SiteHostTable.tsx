// One site's hosts as a dense, virtualized table grouped by role: name,
// OS with its kernel or platform image, scan state, worst finding, last scan
// and a per-host scan button. Only the visible rows are in the DOM, so a site
// of 500 hosts scrolls as fast as one of 5. Fixed column widths keep every
// column (the Scan button too) inside the panel; long error text is cut with
// an ellipsis and shown whole in its title.
import { useMemo } from 'react';
import type { DatacentreView, HostView, Severity } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { TimeText } from '../../components/TimeText';
import { PhaseBadge } from '../../components/PhaseBadge';
import { SeverityBadge } from '../../components/SeverityBadge';
import { actionableCount, SEVERITIES, worstSeverity } from '../../components/severity-order';
import { SpacerRow, useVirtualRows } from '../../components/use-virtual-rows';
import { siteRows, type HostOrder } from './site-rows';

interface Props {
  dc: DatacentreView;
  hosts: HostView[];
  order: HostOrder;
  scanDisabled: boolean;
  onScanSite: () => void;
  onScanHost: (name: string) => void;
}

const ROW_HEIGHT = 38;
const ROLE_ROW_HEIGHT = 26;
const COLUMNS = 6;

export function SiteHostTable({ dc, hosts, order, scanDisabled, onScanSite, onScanHost }: Props) {
  const rows = useMemo(() => siteRows(hosts, order), [hosts, order]);
  const { scroller, items, before, after } = useVirtualRows(rows.length, (index) => (rows[index]?.kind === 'role' ? ROLE_ROW_HEIGHT : ROW_HEIGHT));
  const answered = hosts.filter((host) => host.last?.phase === 'done').length;
  const failed = hosts.filter((host) => host.last?.phase === 'failed').length;

  return (
    <section className="site" aria-labelledby={`site-${dc.id}`} data-site={dc.id}>
      <header className="site-head">
        <h2 id={`site-${dc.id}`}>
          {dc.name}{' '}
          <span className="muted">
            ({dc.id}, {dc.role})
          </span>
        </h2>
        <span className="muted" data-testid={`site-count-${dc.id}`}>
          {answered}/{hosts.length} answered{failed > 0 ? `, ${failed} failed` : ''} · bastion {dc.bastion ?? 'none (direct)'}
        </span>
        <button type="button" disabled={scanDisabled} onClick={onScanSite}>
          Scan {dc.id}
        </button>
      </header>
      <div className="site-scroll" ref={scroller}>
        <table className="grid fleet-hosts">
          <colgroup>
            <col className="col-host" />
            <col className="col-os" />
            <col className="col-state" />
            <col className="col-findings" />
            <col className="col-when" />
            <col className="col-scan" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">OS · kernel / platform</th>
              <th scope="col">State</th>
              <th scope="col">Findings</th>
              <th scope="col">Last scan</th>
              <th scope="col">Scan</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={before} columns={COLUMNS} />
            {items.map((item) => {
              const row = rows[item.index]!;
              return row.kind === 'role' ? (
                <tr key={`role-${row.role}`} className="role-row">
                  <th scope="rowgroup" colSpan={COLUMNS}>
                    {row.role}{' '}
                    <span className="muted">
                      · {row.answered}/{row.count} answered{row.problems > 0 ? ` · ${row.problems} with problems` : ''}
                    </span>
                  </th>
                </tr>
              ) : (
                <HostRow key={row.host.name} host={row.host} scanDisabled={scanDisabled} onScanHost={onScanHost} />
              );
            })}
            <SpacerRow height={after} columns={COLUMNS} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HostRow({ host, scanDisabled, onScanHost }: { host: HostView; scanDisabled: boolean; onScanHost: (name: string) => void }) {
  return (
    <tr data-host={host.name} className="host-row">
      <th scope="row" className="clip">
        <a href={routeHref({ page: 'host', name: host.name })}>{host.name}</a>
        <span className="muted mono address">{host.address}</span>
      </th>
      <td className="clip">
        <div className="clip-line">{osText(host)}</div>
        <div className="clip-line muted mono small" title={host.last?.identity?.kernel ?? undefined}>
          {host.last?.identity?.kernel ?? '—'}
        </div>
      </td>
      <td className="clip">
        <PhaseBadge phase={host.last?.phase ?? null} />
        {host.last?.reason && (
          <div className="reason" title={host.last.reason}>
            {host.last.reason}
          </div>
        )}
      </td>
      <td data-testid="host-findings">
        <FindingsCell counts={host.last?.phase === 'done' ? host.last.findingCounts : null} />
      </td>
      <td className="muted when">
        <TimeText iso={host.last?.finishedAt} />
      </td>
      <td>
        <button type="button" className="small" disabled={scanDisabled} onClick={() => onScanHost(host.name)} aria-label={`Scan ${host.name}`}>
          Scan
        </button>
      </td>
    </tr>
  );
}

/** The worst severity and how many findings ask for action (informational ones in the title only). */
function FindingsCell({ counts }: { counts: Partial<Record<Severity, number>> | null }) {
  if (!counts) return <span className="muted">—</span>;
  const worst = worstSeverity(counts);
  const actionable = actionableCount(counts);
  const title = SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
  if (!worst || worst === 'info')
    return (
      <span className="ok" title={title || 'no findings'}>
        ✓ none
      </span>
    );
  return (
    <span title={title} className="finding-summary">
      <SeverityBadge severity={worst} /> {actionable}
    </span>
  );
}

function osText(host: HostView): string {
  const identity = host.last?.identity;
  if (identity?.osName) return `${identity.osName}${identity.osVersion ? ` ${identity.osVersion}` : ''}`;
  return host.os === 'auto' ? 'auto-detect' : host.os;
}
