// Encrypted transport on every mail-facing service (annex §5), as each site's
// bastion saw it: per site (both side by side) old protocols, suites without
// forward secrecy, certificates close to expiry (the soonest named),
// STARTTLS and HSTS; then every service, worst first, and the findings.
import type { DatacentreView } from '../../../preload/contract';
import { FindingsTable } from '../../components/FindingsTable';
import { useFleet } from '../fleet/useFleet';
import { EngineErrorNote } from '../../components/EngineErrorNote';
import { TransportServiceTable } from './TransportServiceTable';
import { CERTIFICATE_WARNING_DAYS, serviceRows, siteTransportSummary, type SiteTransportSummary } from './transport-view';
import { useTransport } from './useTransport';

export function TransportPage() {
  const { hosts, findings, error } = useTransport();
  const { fleet } = useFleet();
  const sites: DatacentreView[] = fleet?.datacentres ?? [];
  const now = new Date();
  const rows = (hosts ?? []).flatMap((host) => serviceRows(host, findings, now));
  return (
    <div>
      <header className="page-head">
        <h1>Transport</h1>
      </header>
      <p className="muted page-intro">
        Every mail-facing service the inventory lists for a host&apos;s roles, probed from its site&apos;s bastion with <code>openssl s_client</code>: the TLS versions it accepts (1.0 and 1.1 are
        findings), whether it takes a suite without forward secrecy, its certificate (name, chain, expiry), STARTTLS before any login, and Strict-Transport-Security on web pages. Annex 2 §5
        (protection of data during transmission).
      </p>
      <EngineErrorNote error={error} />
      {hosts && rows.length === 0 && <p className="muted">No transport data yet: scan the fleet first (hosts whose roles list mail services are probed from their site&apos;s bastion).</p>}
      {hosts && rows.length > 0 && (
        <>
          <div className="site-cards">
            {sites.map((site) => {
              const siteHosts = hosts.filter((host) => host.dc === site.id);
              return (
                <SiteTransportCard
                  key={site.id}
                  site={site}
                  summary={siteTransportSummary(
                    siteHosts,
                    rows.filter((row) => row.dc === site.id),
                  )}
                />
              );
            })}
          </div>
          <h2>Services</h2>
          <TransportServiceTable rows={rows} sites={sites} />
          <h2>Transport findings</h2>
          <FindingsTable findings={findings} showHost />
        </>
      )}
    </div>
  );
}

function SiteTransportCard({ site, summary }: { site: DatacentreView; summary: SiteTransportSummary }) {
  const services = (count: number) => `${count} service${count === 1 ? '' : 's'}`;
  const figure = (count: number, good: string) => (count === 0 ? <span className="ok">✓ {good}</span> : <span className="error">✗ {services(count)}</span>);
  const soonest = summary.soonestExpiry;
  return (
    <section className="site-card" aria-label={`${site.name} transport summary`} data-testid={`transport-site-${site.id}`}>
      <h2>
        {site.name} <span className="muted">({site.role})</span>
      </h2>
      <dl>
        <dt>Services without a transport finding</dt>
        <dd>
          {summary.servicesWithoutFindings}/{summary.services}
        </dd>
        <dt>No TLS handshake</dt>
        <dd>{figure(summary.noHandshake, 'none')}</dd>
        <dt>TLS 1.0 or 1.1 accepted</dt>
        <dd data-testid={`transport-old-${site.id}`}>{figure(summary.oldProtocols, 'nowhere')}</dd>
        <dt>A suite without forward secrecy accepted</dt>
        <dd>{figure(summary.withoutForwardSecrecy, 'nowhere')}</dd>
        <dt>Certificates expiring within {CERTIFICATE_WARNING_DAYS} days</dt>
        <dd data-testid={`transport-expiring-${site.id}`}>{figure(summary.expiringSoon, 'none')}</dd>
        <dt>Soonest certificate expiry</dt>
        <dd data-testid={`transport-soonest-${site.id}`}>
          {soonest === null ? (
            <span className="warning">? not read</span>
          ) : (
            <span className={soonest.daysLeft <= CERTIFICATE_WARNING_DAYS ? 'error' : 'ok'}>
              {soonest.daysLeft < 0 ? `expired ${-soonest.daysLeft} days ago` : `in ${soonest.daysLeft} days`} ({soonest.host} {soonest.service})
            </span>
          )}
        </dd>
        <dt>STARTTLS missing</dt>
        <dd>{figure(summary.starttlsMissing, 'offered everywhere')}</dd>
        <dt>HSTS missing on web pages</dt>
        <dd>{figure(summary.hstsMissing, 'sent everywhere')}</dd>
        <dt>Not fully checked</dt>
        <dd>
          {summary.unchecked === 0 && summary.notProbed === 0 ? (
            <span className="ok">✓ none</span>
          ) : (
            <span className="warning">
              ? {summary.unchecked > 0 ? services(summary.unchecked) : ''}
              {summary.unchecked > 0 && summary.notProbed > 0 ? ', ' : ''}
              {summary.notProbed > 0 ? `${summary.notProbed} host${summary.notProbed === 1 ? '' : 's'} not probed (no bastion)` : ''}
            </span>
          )}
        </dd>
      </dl>
    </section>
  );
}
