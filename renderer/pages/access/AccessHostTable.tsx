// Every host's access state, worst first: login accounts, keys (with those
// of its SmartOS zones), zones read, password logins, LogLevel, auditd, forwarding and the latest login, each in words
// and colour; the findings counted by severity.
import type { DatacentreView } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { FindingCounts } from '../../components/FindingCounts';
import { worstRank } from '../../components/severity-order';
import type { HostAccessRow, Tri } from './access-view';

function TriText({ value, good, bad }: { value: Tri | 'n/a'; good: string; bad: string }) {
  if (value === 'n/a') return <span className="muted">not on this OS</span>;
  if (value === 'unknown') return <span className="warning">? not read</span>;
  return value === 'yes' ? <span className="ok">✓ {good}</span> : <span className="error">✗ {bad}</span>;
}

function ZonesRead({ zones }: { zones: HostAccessRow['zones'] }) {
  if (zones === null) return <span className="muted">—</span>;
  if (zones === 'unknown') return <span className="warning">? not read</span>;
  const skipped = zones.outOfScope > 0 ? <span className="muted small"> ({zones.outOfScope} stopped or VM)</span> : null;
  return zones.read === zones.expected ? (
    <span className="ok">
      ✓ {zones.read} of {zones.expected}
      {skipped}
    </span>
  ) : (
    <span className="warning">
      ? {zones.read} of {zones.expected}
      {skipped}
    </span>
  );
}

export function AccessHostTable({ rows, sites }: { rows: HostAccessRow[]; sites: DatacentreView[] }) {
  const siteRank = (dc: string) => sites.findIndex((site) => site.id === dc);
  const sorted = [...rows].sort((a, b) => worstRank(a.findings) - worstRank(b.findings) || siteRank(a.dc) - siteRank(b.dc) || a.host.localeCompare(b.host, 'en', { numeric: true }));
  return (
    <div className="wide-scroll">
      <table className="grid access-hosts" aria-label="Access per host">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Site</th>
            <th scope="col">Login accounts</th>
            <th scope="col">Keys</th>
            <th scope="col">Zones read</th>
            <th scope="col">Password logins</th>
            <th scope="col">sshd LogLevel</th>
            <th scope="col">Privileged commands</th>
            <th scope="col">Logs forwarded to</th>
            <th scope="col">Latest login</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            return (
              <tr key={row.host} data-host={row.host}>
                <th scope="row" className="mono">
                  <a href={routeHref({ page: 'host', name: row.host })}>{row.host}</a>
                </th>
                <td>{sites.find((site) => site.id === row.dc)?.name ?? row.dc}</td>
                <td>{row.loginAccounts ?? <span className="warning">? not read</span>}</td>
                <td>{row.keys ?? <span className="warning">? not read</span>}</td>
                <td data-testid="zones-read">
                  <ZonesRead zones={row.zones} />
                </td>
                <td data-testid="password-logins">
                  <TriText value={row.passwordLogins === 'unknown' ? 'unknown' : row.passwordLogins === 'yes' ? 'no' : 'yes'} good="refused" bad="allowed" />
                </td>
                <td data-testid="log-level">
                  <TriText value={row.keyLogged} good={row.logLevel ?? ''} bad={`${row.logLevel ?? ''} (key not logged)`} />
                </td>
                <td>
                  <TriText value={row.audited} good="audited" bad="not audited" />
                </td>
                <td className="mono">
                  {row.forwardsTo === null ? <span className="warning">? not read</span> : row.forwardsTo.length ? row.forwardsTo.join(', ') : <span className="error">✗ nowhere</span>}
                </td>
                <td className="mono small">{row.lastLogin ?? <span className="muted">—</span>}</td>
                <td data-testid="finding-count">
                  <FindingCounts findings={row.findings} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
