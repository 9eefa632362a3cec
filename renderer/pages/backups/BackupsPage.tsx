// Backups against the promise "backups are verified by restoring them": per
// site (both side by side) the hosts within their RPO, restore-tested and
// integrity-checked, then every host with its newest backup, its last restore
// test, and the action that runs one (progress, cancel, result).
import type { DatacentreView } from '../../../preload/contract';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useFleet } from '../fleet/useFleet';
import { ageText, backupHostRows, siteBackupSummary } from './backup-summary';
import { RestoreTestEvidenceView } from './RestoreTestEvidenceView';
import { SiteBackupCard } from './SiteBackupCard';
import { useBackups } from './useBackups';
import { useRestoreTestRun } from './useRestoreTestRun';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function BackupsPage() {
  const { data, error } = useBackups();
  const { fleet } = useFleet();
  const { run, start, cancel } = useRestoreTestRun();
  const now = new Date();
  const sites: DatacentreView[] = fleet?.datacentres ?? [];
  const rows = data ? backupHostRows(data.facts, data.findings, data.tests) : null;
  const running = run !== null && run.result === null && run.error === null;
  return (
    <div>
      <header className="page-head">
        <h1>Backups</h1>
      </header>
      <p className="muted page-intro">
        Each host&apos;s backup jobs as the host itself runs them, against its RPO, its restore-test age and its integrity check. A restore test restores a sample of the newest snapshot on the host
        and compares it byte for byte with the live files.
      </p>
      <EngineErrorNote error={error} />
      {rows && rows.length === 0 && <p className="muted">No backup data yet: scan the fleet first (hosts need a backups policy in the inventory).</p>}
      {rows && rows.length > 0 && (
        <>
          <div className="site-cards coverage-cards backup-cards">
            {sites.map((site) => (
              <SiteBackupCard key={site.id} site={site} summary={siteBackupSummary(site.id, rows)} cycles={data!.cycles.filter((cycle) => cycle.dc === site.id)} />
            ))}
          </div>
          {run && (
            <section className="restore-run" aria-live="polite" data-testid="restore-run">
              <h2>Restore test of {run.host}</h2>
              {running && (
                <p>
                  <span data-testid="restore-phase">{run.progress ? `${run.progress.phase} ${run.progress.detail}` : 'starting'}</span>{' '}
                  <button type="button" onClick={cancel} disabled={!run.testId}>
                    Cancel
                  </button>
                </p>
              )}
              {run.error && <p className="error">{run.error}</p>}
              {run.result && <RestoreTestEvidenceView evidence={run.result} />}
            </section>
          )}
          <h2>Hosts</h2>
          <div className="table-scroll">
            <table className="backup-hosts">
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Host</th>
                  <th scope="col">Newest backup</th>
                  <th scope="col">RPO</th>
                  <th scope="col">Last restore test</th>
                  <th scope="col">Findings</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const latest =
                    row.jobs
                      .map((job) => job.latest?.time ?? null)
                      .filter((time): time is string => time !== null)
                      .sort()[0] ?? null;
                  const ownTest =
                    row.jobs
                      .map((job) => job.hostRestoreTest)
                      .filter((time): time is string => time !== null)
                      .sort()
                      .at(-1) ?? null;
                  return (
                    <tr key={row.host} data-host={row.host}>
                      <td>{sites.find((site) => site.id === row.dc)?.name ?? row.dc}</td>
                      <td>
                        <a href={`#/host/${encodeURIComponent(row.host)}`}>{row.host}</a>
                      </td>
                      <td>{latest ? `${ageText(latest, now)} (oldest job)` : row.jobs.map((job) => job.state).join(', ')}</td>
                      <td data-testid="rpo-state">{row.withinRpo ? '✓ within' : '✗ beyond or unknown'}</td>
                      <td data-testid="last-test">
                        {row.lastTest ? `${row.lastTest.outcome} ${ageText(row.lastTest.startedAt, now)} (OpsDeck)` : ownTest ? `recorded ${ageText(ownTest, now)} (host's job)` : 'never'}
                      </td>
                      <td className="backup-findings">
                        {row.findings.length === 0 ? (
                          '—'
                        ) : (
                          <ul>
                            {row.findings.map((finding) => (
                              <li key={finding.id}>
                                <SeverityBadge severity={finding.severity} /> {finding.title}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        <button type="button" disabled={running} onClick={() => start(row.host)} data-testid={`restore-test-${row.host}`}>
                          Run restore test
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
