// A host's backups on its page: per job the snapshot timeline (newest
// snapshots with their times, and the RPO line), the "Run restore test"
// action with progress, cancel and the result, and the restore-test history,
// each test's evidence expandable and exportable as JSON.
import { useCallback, useEffect, useState } from 'react';
import type { BackupFactsView, RestoreTestEvidence } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { downloadText } from '../../components/download-text';
import { RestoreTestEvidenceView } from '../backups/RestoreTestEvidenceView';
import { useRestoreTestRun } from '../backups/useRestoreTestRun';

type JobView = BackupFactsView['jobs'][number];

const HOUR_MS = 3_600_000;
const TIMELINE_SNAPSHOTS = 14;

function SnapshotTimeline({ job, now }: { job: JobView; now: Date }) {
  const shown = job.snapshots.slice(-TIMELINE_SNAPSHOTS);
  const rpo = job.rpoHours ?? null;
  const oldest = shown[0] ? Date.parse(shown[0].time) : now.getTime() - 7 * 24 * HOUR_MS;
  const from = Math.min(oldest, now.getTime() - (rpo ?? 24) * HOUR_MS) - HOUR_MS;
  const span = now.getTime() - from;
  const x = (ms: number) => 10 + ((ms - from) / span) * 580;
  const rpoX = rpo === null ? null : x(now.getTime() - rpo * HOUR_MS);
  return (
    <figure className="chart snapshot-timeline" aria-label={`${job.tool} job ${job.index}: ${shown.length} newest snapshots${rpo !== null ? `, RPO ${rpo} h` : ''}`}>
      <svg width="600" height="52" viewBox="0 0 600 52" role="img">
        <line x1="10" y1="26" x2="590" y2="26" stroke="#888" />
        {rpoX !== null && (
          <g>
            <line x1={rpoX} y1="6" x2={rpoX} y2="46" stroke="#c62828" strokeDasharray="4 3" />
            <text x={rpoX + 3} y="12" fontSize="10" fill="#c62828">
              RPO {rpo} h
            </text>
          </g>
        )}
        {shown.map((snapshot) => (
          <circle key={snapshot.id} cx={x(Date.parse(snapshot.time))} cy="26" r="4" fill={snapshot.tags.includes('restore-test') ? '#1565c0' : '#2e7d32'}>
            <title>{`${snapshot.time} ${snapshot.id.slice(0, 12)}`}</title>
          </circle>
        ))}
        <text x="590" y="46" fontSize="10" textAnchor="end">
          now
        </text>
      </svg>
      <figcaption>
        <ol className="snapshot-times">
          {[...shown].reverse().map((snapshot) => (
            <li key={snapshot.id}>
              <span className="mono">{snapshot.time.replace('T', ' ').slice(0, 16)}</span> {snapshot.id.slice(0, 12)}
              {snapshot.tags.includes('restore-test') ? ' (restore-test record)' : ''}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}

export function HostBackupsSection({ host, facts }: { host: string; facts: BackupFactsView | null }) {
  const jobs = facts?.jobs ?? [];
  const [history, setHistory] = useState<RestoreTestEvidence[]>([]);
  const { run, start, cancel } = useRestoreTestRun();
  const load = useCallback(() => {
    void getOpsDeck()
      ?.backups.restoreTests({ host, limit: 20 })
      .then((result) => {
        if (result.ok) setHistory(result.value);
      });
  }, [host]);
  useEffect(() => {
    load();
    return getOpsDeck()?.on('restore-test:finished', load);
  }, [load]);
  if (jobs.length === 0) return null;
  const now = new Date();
  const running = run !== null && run.result === null && run.error === null;
  return (
    <section aria-labelledby="host-backups" data-testid="host-backups">
      <h2 id="host-backups">Backups</h2>
      {jobs.map((job) => (
        <div key={job.index}>
          <h3>
            {job.tool} job {job.index}: newest snapshots
          </h3>
          <SnapshotTimeline job={job} now={now} />
        </div>
      ))}
      <p>
        <button type="button" onClick={() => start(host)} disabled={running} data-testid="host-restore-test">
          Run restore test
        </button>{' '}
        {running && (
          <>
            <span aria-live="polite" data-testid="host-restore-phase">
              {run.progress ? `${run.progress.phase} ${run.progress.detail}` : 'starting'}
            </span>{' '}
            <button type="button" onClick={cancel} disabled={!run.testId}>
              Cancel
            </button>
          </>
        )}
      </p>
      {run?.error && <p className="error">{run.error}</p>}
      {run?.result && <RestoreTestEvidenceView evidence={run.result} />}
      <h3>Restore-test history ({history.length})</h3>
      {history.length === 0 && <p className="muted">No restore test of this host is stored yet.</p>}
      {history.map((test) => (
        <details key={test.testId} data-testid="restore-history-entry">
          <summary>
            {test.startedAt.replace('T', ' ').slice(0, 16)} — {test.outcome} — {test.files.length} files, {(test.durationMs / 1000).toFixed(1)} s
          </summary>
          <RestoreTestEvidenceView evidence={test} />
          <table className="restore-commands">
            <thead>
              <tr>
                <th scope="col">Command</th>
                <th scope="col">Exit</th>
                <th scope="col">Duration</th>
                <th scope="col">stdout sha256</th>
              </tr>
            </thead>
            <tbody>
              {test.commands.map((command) => (
                <tr key={command.id}>
                  <td className="mono">{command.id}</td>
                  <td>{command.exitCode ?? command.error ?? '-'}</td>
                  <td>{command.durationMs} ms</td>
                  <td className="mono">{command.stdoutSha256.slice(0, 16)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => downloadText(`restore-test-${test.host}-${test.startedAt.slice(0, 10)}.json`, `${JSON.stringify(test, null, 2)}\n`, 'application/json')}>
            Export evidence as JSON
          </button>
        </details>
      ))}
    </section>
  );
}
