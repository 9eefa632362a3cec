// Patch levels against the "within hours" promise: per site, hosts compliant,
// pending security updates, oldest pending, reboots needed; platform-image
// age per site; and every host's state.
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { getOpsDeck } from '../../api/opsdeck';
import { routeHref } from '../../app/routes';
import { useFleet } from '../fleet/useFleet';
import { PatchHistoryChart } from './PatchHistoryChart';
import { AGE_BUCKETS, ageBucket, isCompliant, oldestPendingSince, securityPending, siteSummary, type HostPatches, type PatchFactsView } from './patch-view';

export function PatchesPage() {
  const [hosts, setHosts] = useState<HostPatches[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { fleet } = useFleet();
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.posture.areaFacts({ area: 'patches' }).then((result) => {
        if (result.ok) setHosts(result.value.map((row) => ({ host: row.host, dc: row.dc, facts: row.facts as PatchFactsView })));
        else setError(result.error.message);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
  const sites = [...(fleet?.datacentres ?? [])].sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
  const ageData = AGE_BUCKETS.map((bucket) => {
    const row: Record<string, string | number> = { age: bucket.label };
    for (const site of sites) {
      row[site.id] = (hosts ?? []).filter((h) => h.dc === site.id && h.facts.kernelOrPlatformAgeDays !== null && ageBucket(h.facts.kernelOrPlatformAgeDays) === bucket.label).length;
    }
    return row;
  });
  return (
    <div>
      <header className="page-head">
        <h1>Patch levels</h1>
      </header>
      {error && <p role="alert" className="error">{error}</p>}
      {hosts && hosts.length === 0 && <p className="muted">No patch data yet: scan the fleet first.</p>}
      {hosts && hosts.length > 0 && (
        <>
          <div className="site-cards">
            {sites.map((site) => {
              const summary = siteSummary(site.id, hosts);
              return (
                <section key={site.id} className="site-card" aria-label={`${site.name} patch summary`} data-testid={`patch-summary-${site.id}`}>
                  <h2>
                    {site.name} <span className="muted">({site.role})</span>
                  </h2>
                  <dl>
                    <dt>Compliant</dt>
                    <dd>
                      {summary.compliant}/{summary.hosts} hosts
                    </dd>
                    <dt>Pending security updates</dt>
                    <dd>{summary.pendingSecurity}</dd>
                    <dt>Oldest pending since</dt>
                    <dd>{summary.oldestPendingSince ? new Date(summary.oldestPendingSince).toLocaleString() : '—'}</dd>
                    <dt>Reboots needed</dt>
                    <dd>{summary.rebootsNeeded}</dd>
                    <dt>Stale or unknown package index</dt>
                    <dd>{summary.staleIndex}</dd>
                  </dl>
                </section>
              );
            })}
            <PatchHistoryChart sites={sites.map((site) => ({ id: site.id, name: site.name }))} />
            <figure className="chart" aria-label="SmartOS platform image age per site">
              <figcaption>Platform image age (SmartOS)</figcaption>
              <BarChart width={420} height={180} data={ageData}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="age" />
                <YAxis allowDecimals={false} />
                <Tooltip isAnimationActive={false} />
                <Legend />
                {sites.map((site, index) => (
                  <Bar key={site.id} dataKey={site.id} fill={index === 0 ? '#0b5fd1' : '#d98b1f'} isAnimationActive={false} />
                ))}
              </BarChart>
            </figure>
          </div>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">State</th>
                <th scope="col">Security pending</th>
                <th scope="col">Pending since</th>
                <th scope="col">Reboot</th>
                <th scope="col">Kernel / platform</th>
                <th scope="col">Index age</th>
              </tr>
            </thead>
            <tbody>
              {[...hosts]
                .sort((a, b) => securityPending(b.facts) - securityPending(a.facts) || a.host.localeCompare(b.host, 'en', { numeric: true }))
                .map(({ host, facts }) => (
                  <tr key={host}>
                    <th scope="row" className="mono">
                      <a href={routeHref({ page: 'host', name: host })}>{host}</a>
                    </th>
                    <td>
                      <span className={`badge ${isCompliant(facts) ? 'badge-done' : facts.upToDate === 'unknown' ? 'badge-queued' : 'badge-failed'}`}>
                        {isCompliant(facts) ? '✓ up to date' : facts.upToDate === 'unknown' ? '? unknown' : '✕ behind'}
                      </span>
                      <div className="muted">{facts.upToDateReason}</div>
                    </td>
                    <td>{securityPending(facts)}</td>
                    <td>{oldestPendingSince(facts) ? new Date(oldestPendingSince(facts)!).toLocaleString() : '—'}</td>
                    <td>{facts.reboot.needed === true ? `needed: ${facts.reboot.reasons.map((r) => r.detail).join('; ')}` : facts.reboot.needed === 'unknown' ? 'unknown' : 'no'}</td>
                    <td className="mono">
                      {facts.kernelOrPlatform ?? '—'}
                      {facts.kernelOrPlatformAgeDays !== null && <span className="muted"> ({facts.kernelOrPlatformAgeDays} d)</span>}
                    </td>
                    <td>{facts.packageIndex.ageHours === null ? 'unknown' : `${Math.round(facts.packageIndex.ageHours)} h`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
