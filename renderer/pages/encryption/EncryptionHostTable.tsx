// Every host's encryption state, worst first: status (icon and words), the
// bytes behind it, and its encryption findings; the host name opens its
// device tree.
import { useMemo } from 'react';
import type { DatacentreView, EncryptionCoverageView, HostView, Severity } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { LockMarker } from '../../components/LockMarker';
import { SeverityBadge } from '../../components/SeverityBadge';
import { bytesText } from '../../components/bytes-text';
import { SpacerRow, useWindowedTable } from '../../components/use-virtual-rows';
import { HOST_STATUS, percentText } from './coverage-summary';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const COLUMNS = 6;

export function EncryptionHostTable({ rows, sites, hosts }: { rows: EncryptionCoverageView[]; sites: DatacentreView[]; hosts: HostView[] }) {
  const sorted = useMemo(() => {
    const siteRank = (dc: string) => sites.findIndex((site) => site.id === dc);
    return [...rows].sort((a, b) => HOST_STATUS[a.status].rank - HOST_STATUS[b.status].rank || siteRank(a.dc) - siteRank(b.dc) || a.host.localeCompare(b.host, 'en', { numeric: true }));
  }, [rows, sites]);
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  const roles = new Map(hosts.map((host) => [host.name, host.roles.join(', ')]));
  const { windowed, scroller, indices, before, after, measureRow } = useWindowedTable(sorted.length, 42);
  return (
    <div className={windowed ? 'table-window' : undefined} ref={scroller} {...(windowed ? { tabIndex: 0, role: 'region', 'aria-label': `Encryption of ${sorted.length} hosts, scrollable` } : {})}>
      <table className="grid encryption-hosts" aria-label="Encryption per host">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Site</th>
            <th scope="col">Role</th>
            <th scope="col">Coverage</th>
            <th scope="col">Data encrypted</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={before} columns={COLUMNS} />
          {indices.map((index) => {
            const row = sorted[index]!;
            const total = row.bytes.encrypted + row.bytes.logsUnencrypted + row.bytes.dataUnencrypted + row.bytes.unknown;
            const findings = SEVERITIES.filter((severity) => (row.findings[severity] ?? 0) > 0);
            const count = findings.reduce((sum, severity) => sum + (row.findings[severity] ?? 0), 0);
            return (
              <tr key={row.host} data-host={row.host} data-index={index} ref={measureRow}>
                <th scope="row" className="mono">
                  <a href={routeHref({ page: 'host', name: row.host })}>{row.host}</a>
                </th>
                <td>{siteNames.get(row.dc) ?? row.dc}</td>
                <td>{roles.get(row.host) || '—'}</td>
                <td>
                  <LockMarker state={HOST_STATUS[row.status].lock} label={HOST_STATUS[row.status].label} />
                  {!row.complete && <div className="muted">volume list not read</div>}
                </td>
                <td>
                  {total > 0 ? `${bytesText(row.bytes.encrypted)} of ${bytesText(total)} (${percentText(row.bytes.encrypted, total)})` : '—'}
                  <div className="muted">
                    {row.volumes.encrypted}/{row.volumes.total} volumes{row.volumes.withoutSize > 0 ? `, ${row.volumes.withoutSize} without a size` : ''}
                  </div>
                </td>
                <td data-testid="finding-count">
                  {count === 0 ? (
                    <span className="muted">0</span>
                  ) : (
                    <span className="finding-counts">
                      <strong>{count}</strong>
                      {findings.map((severity) => (
                        <span key={severity}>
                          {' · '}
                          {row.findings[severity]} <SeverityBadge severity={severity} />
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
          <SpacerRow height={after} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}
