// Every host's encryption state, worst first: status (icon and words), the
// bytes behind it, and its encryption findings; the host name opens its
// device tree.
import type { DatacentreView, EncryptionCoverageView, HostView, Severity } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { LockMarker } from '../../components/LockMarker';
import { SeverityBadge } from '../../components/SeverityBadge';
import { bytesText } from '../../components/bytes-text';
import { HOST_STATUS, percentText } from './coverage-summary';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function EncryptionHostTable({ rows, sites, hosts }: { rows: EncryptionCoverageView[]; sites: DatacentreView[]; hosts: HostView[] }) {
  const siteRank = (dc: string) => sites.findIndex((site) => site.id === dc);
  const sorted = [...rows].sort((a, b) => HOST_STATUS[a.status].rank - HOST_STATUS[b.status].rank || siteRank(a.dc) - siteRank(b.dc) || a.host.localeCompare(b.host, 'en', { numeric: true }));
  return (
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
        {sorted.map((row) => {
          const total = row.bytes.encrypted + row.bytes.logsUnencrypted + row.bytes.dataUnencrypted + row.bytes.unknown;
          const findings = SEVERITIES.filter((severity) => (row.findings[severity] ?? 0) > 0);
          const count = findings.reduce((sum, severity) => sum + (row.findings[severity] ?? 0), 0);
          return (
            <tr key={row.host} data-host={row.host}>
              <th scope="row" className="mono">
                <a href={routeHref({ page: 'host', name: row.host })}>{row.host}</a>
              </th>
              <td>{sites.find((site) => site.id === row.dc)?.name ?? row.dc}</td>
              <td>{hosts.find((host) => host.name === row.host)?.roles.join(', ') || '—'}</td>
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
      </tbody>
    </table>
  );
}
