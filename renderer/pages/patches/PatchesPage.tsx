// Patch levels against the "within hours" promise: per site, hosts within
// their SLA, pending security updates, oldest pending, reboots needed;
// platform-image age per site; and every host graded against its role's SLA.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useEngineQuery } from '../../api/useEngineQuery';
import { useFleet } from '../fleet/useFleet';
import { PatchHistoryChart } from './PatchHistoryChart';
import { TimeText } from '../../components/TimeText';
import { HostPatchTable } from './HostPatchTable';
import { hostSlaHours, patchCompliance, type PatchGrade } from './patch-compliance';
import { AGE_BUCKETS, ageBucket, siteSummary } from './patch-view';
import { usePolicies } from './usePolicies';
import { EngineErrorNote } from '../../components/EngineErrorNote';

const GRADE_ORDER: Record<PatchGrade, number> = { behind: 0, unknown: 1, 'within-sla': 2, 'up-to-date': 3 };

export function PatchesPage() {
  const { value: hosts, error: factsError } = useEngineQuery((api) => api.posture.patches({}), { reloadOn: ['scan:finished'] });
  const { fleet } = useFleet();
  const { policies, error: policiesError } = usePolicies();
  const error = factsError ?? policiesError;
  const now = new Date();
  const graded = (hosts ?? [])
    .map((host) => ({
      host,
      compliance: patchCompliance(
        host.facts,
        hostSlaHours(
          fleet?.hosts.find((each) => each.name === host.host),
          policies,
        ),
        now,
      ),
    }))
    .sort(
      (a, b) =>
        GRADE_ORDER[a.compliance.grade] - GRADE_ORDER[b.compliance.grade] ||
        (b.compliance.pendingForHours ?? -1) - (a.compliance.pendingForHours ?? -1) ||
        a.host.host.localeCompare(b.host.host, 'en', { numeric: true }),
    );
  const compliantHosts = new Set(graded.filter((row) => row.compliance.grade === 'up-to-date' || row.compliance.grade === 'within-sla').map((row) => row.host.host));
  const sites = fleet?.datacentres ?? [];
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
      <EngineErrorNote error={error} />
      {hosts && hosts.length === 0 && <p className="muted">No patch data yet: scan the fleet first.</p>}
      {hosts && hosts.length > 0 && (
        <>
          <div className="site-cards">
            {sites.map((site) => {
              const summary = siteSummary(site.id, hosts, (host) => compliantHosts.has(host.host));
              return (
                <section key={site.id} className="site-card" aria-label={`${site.name} patch summary`} data-testid={`patch-summary-${site.id}`}>
                  <h2>
                    {site.name} <span className="muted">({site.role})</span>
                  </h2>
                  <dl>
                    <dt title="No security update pending beyond the host's SLA, and its pending list is known">Compliant</dt>
                    <dd>
                      {summary.compliant}/{summary.hosts} hosts
                    </dd>
                    <dt>Pending security updates</dt>
                    <dd>{summary.pendingSecurity}</dd>
                    <dt>Oldest pending since</dt>
                    <dd>
                      <TimeText iso={summary.oldestPendingSince} />
                    </dd>
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
          <HostPatchTable rows={graded} />
        </>
      )}
    </div>
  );
}
