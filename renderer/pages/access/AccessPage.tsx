// Who can log in and whether it is logged (annex §7, §8): per site (both
// side by side) the keys that belong to nobody on the staff list, password
// logins, sshd's LogLevel, auditd and log forwarding; then every host, every
// installed key (options and comments verbatim, as text) and the findings.
import type { DatacentreView } from '../../../preload/contract';
import { FindingsTable } from '../../components/FindingsTable';
import { useFleet } from '../fleet/useFleet';
import { AccessHostTable } from './AccessHostTable';
import { AccessKeyTable } from './AccessKeyTable';
import { hostAccessRow, siteAccessSummary, type SiteAccessSummary } from './access-view';
import { useAccess } from './useAccess';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function AccessPage() {
  const { hosts, findings, error } = useAccess();
  const { fleet } = useFleet();
  const sites: DatacentreView[] = fleet?.datacentres ?? [];
  const rows = (hosts ?? []).map((host) => hostAccessRow(host, findings));
  return (
    <div>
      <header className="page-head">
        <h1>Access</h1>
      </header>
      <p className="muted page-intro">
        Who can log in on each host — accounts with a login shell and a password or key, every authorized_keys entry compared with the inventory&apos;s staff list, on SmartOS inside every running zone
        too (read through zlogin) — and whether logins are logged (sshd LogLevel VERBOSE records the key used), privileged commands audited (auditd) and logs forwarded to the site&apos;s log hosts.
        Annex 2 §7 (remote hands have no logins) and §8 (staff access logged, administrator access audited).
      </p>
      <EngineErrorNote error={error} />
      {hosts && hosts.length === 0 && <p className="muted">No access data yet: scan the fleet first.</p>}
      {hosts && hosts.length > 0 && (
        <>
          <div className="site-cards">
            {sites.map((site) => (
              <SiteAccessCard key={site.id} site={site} summary={siteAccessSummary(rows.filter((row) => row.dc === site.id))} />
            ))}
          </div>
          <h2>Hosts</h2>
          <AccessHostTable rows={rows} sites={sites} />
          <h2>Installed keys</h2>
          <AccessKeyTable hosts={hosts} findings={findings} />
          <h2>Access findings</h2>
          <FindingsTable findings={findings} showHost />
        </>
      )}
    </div>
  );
}

function SiteAccessCard({ site, summary }: { site: DatacentreView; summary: SiteAccessSummary }) {
  const figure = (count: number, good: string, bad: (count: number) => string) => (count === 0 ? <span className="ok">✓ {good}</span> : <span className="error">✗ {bad(count)}</span>);
  const hosts = (count: number) => `${count} host${count === 1 ? '' : 's'}`;
  return (
    <section className="site-card" aria-label={`${site.name} access summary`} data-testid={`access-site-${site.id}`}>
      <h2>
        {site.name} <span className="muted">({site.role})</span>
      </h2>
      <dl>
        <dt>Hosts without an access finding</dt>
        <dd>
          {summary.hostsWithoutFindings}/{summary.hosts}
        </dd>
        <dt>Installed keys</dt>
        <dd>{summary.keys}</dd>
        <dt>Keys of no current staff member</dt>
        <dd data-testid={`access-not-staff-${site.id}`}>{figure(summary.keysNotStaff, 'none', (count) => `${count} (unknown or former staff)`)}</dd>
        <dt>Password logins allowed</dt>
        <dd data-testid={`access-passwords-${site.id}`}>{figure(summary.passwordLogins, 'nowhere', (count) => `on ${hosts(count)}`)}</dd>
        <dt>Login key not logged (LogLevel)</dt>
        <dd data-testid={`access-loglevel-${site.id}`}>{figure(summary.keyNotLogged, 'VERBOSE everywhere', (count) => `on ${hosts(count)}`)}</dd>
        <dt>Privileged commands not audited</dt>
        <dd>{figure(summary.notAudited, 'audited everywhere', (count) => `on ${hosts(count)}`)}</dd>
        <dt>Logs not forwarded to the log hosts</dt>
        <dd>{figure(summary.notForwarded, 'forwarded everywhere', (count) => `on ${hosts(count)}`)}</dd>
        <dt>Not fully checked</dt>
        <dd>{summary.unchecked === 0 ? <span className="ok">✓ none</span> : <span className="warning">? {hosts(summary.unchecked)}</span>}</dd>
      </dl>
    </section>
  );
}
