// Every probed service, worst first: the negotiated protocol and cipher, the
// certificate's expiry, old versions, forward secrecy, STARTTLS and HSTS, each
// in words and colour; the findings counted by severity.
import type { DatacentreView } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { FindingCounts } from '../../components/FindingCounts';
import { worstRank } from '../../components/severity-order';
import { CERTIFICATE_WARNING_DAYS, type ServiceRow, type Tri } from './transport-view';

const NOT_READ = <span className="warning">? not read</span>;

function TriText({ value, good, bad }: { value: Tri; good: string; bad: string }) {
  if (value === 'n/a') return <span className="muted">—</span>;
  if (value === 'unknown') return NOT_READ;
  return value === 'yes' ? <span className="ok">✓ {good}</span> : <span className="error">✗ {bad}</span>;
}

function Expiry({ row }: { row: ServiceRow }) {
  if (row.daysLeft === null || row.certificateExpires === null) return NOT_READ;
  const text = row.daysLeft < 0 ? `expired ${-row.daysLeft} days ago` : `in ${row.daysLeft} days`;
  return (
    <span className={row.daysLeft <= CERTIFICATE_WARNING_DAYS ? 'error' : 'ok'} title={row.certificateExpires}>
      {row.daysLeft <= CERTIFICATE_WARNING_DAYS ? '✗' : '✓'} {text} <span className="muted small">({row.certificateExpires.slice(0, 10)})</span>
    </span>
  );
}

export function TransportServiceTable({ rows, sites }: { rows: ServiceRow[]; sites: DatacentreView[] }) {
  const siteRank = (dc: string) => sites.findIndex((site) => site.id === dc);
  const sorted = [...rows].sort(
    (a, b) =>
      worstRank(a.findings) - worstRank(b.findings) ||
      siteRank(a.dc) - siteRank(b.dc) ||
      a.host.localeCompare(b.host, 'en', { numeric: true }) ||
      a.service.localeCompare(b.service, 'en', { numeric: true }),
  );
  return (
    <div className="wide-scroll">
      <table className="grid transport-services" aria-label="Transport per service">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Site</th>
            <th scope="col">Service</th>
            <th scope="col">Negotiated</th>
            <th scope="col">Certificate expires</th>
            <th scope="col">TLS 1.0 / 1.1</th>
            <th scope="col">Forward secrecy</th>
            <th scope="col">STARTTLS</th>
            <th scope="col">HSTS</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            return (
              <tr key={`${row.host} ${row.service}`} data-host={row.host} data-service={row.service}>
                <th scope="row" className="mono">
                  <a href={routeHref({ page: 'host', name: row.host })}>{row.host}</a>
                </th>
                <td>{sites.find((site) => site.id === row.dc)?.name ?? row.dc}</td>
                <td className="mono">
                  {row.service}
                  {row.name !== row.host && <div className="muted small">{row.name}</div>}
                </td>
                <td className="mono small" data-testid="negotiated">
                  {row.handshake === 'established' ? (
                    `${row.protocol ?? '?'} ${row.cipher ?? ''}`
                  ) : row.handshake === 'failed' ? (
                    <span className="error">✗ no handshake: {row.failure}</span>
                  ) : (
                    NOT_READ
                  )}
                </td>
                <td data-testid="certificate-expiry">
                  <Expiry row={row} />
                </td>
                <td data-testid="old-versions">
                  {row.oldVersionsAccepted === null ? (
                    NOT_READ
                  ) : row.oldVersionsAccepted.length === 0 ? (
                    <span className="ok">✓ refused</span>
                  ) : (
                    <span className="error">✗ {row.oldVersionsAccepted.join(', ')} accepted</span>
                  )}
                </td>
                <td>
                  <TriText value={row.forwardSecrecyOnly} good="only" bad="static RSA accepted" />
                </td>
                <td>
                  <TriText value={row.starttls} good="offered" bad="not offered" />
                </td>
                <td>
                  {row.hsts === 'n/a' ? (
                    <span className="muted">—</span>
                  ) : row.hsts === null ? (
                    NOT_READ
                  ) : row.hsts === 'missing' ? (
                    <span className="error">✗ missing</span>
                  ) : (
                    <span className={row.hsts >= 180 ? 'ok' : 'error'}>
                      {row.hsts >= 180 ? '✓' : '✗'} max-age {row.hsts} days
                    </span>
                  )}
                </td>
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
