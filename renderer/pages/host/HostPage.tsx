// One host: its identity, findings, scan history (rescan on request) and the
// raw outputs of its last scan, collapsed until opened, always shown as
// escaped, monospaced text (React text nodes, never HTML).
import { useEffect } from 'react';
import type { PatchFactsView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { useEngineQuery } from '../../api/useEngineQuery';
import { EngineErrorNote } from '../../components/EngineErrorNote';
import { routeHref } from '../../app/routes';
import { TimeText } from '../../components/TimeText';
import { FindingsTable } from '../../components/FindingsTable';
import { PendingUpdatesTable, type PendingUpdateView } from '../../components/PendingUpdatesTable';
import { PhaseBadge } from '../../components/PhaseBadge';
import { DeviceTree } from './DeviceTree';
import { HostBackupsSection } from './HostBackupsSection';
import { HostHistory } from './HostHistory';
import { RawOutputSection } from './RawOutputSection';
import { useHostRescan } from './useHostRescan';

export function HostPage({ name }: { name: string }) {
  const lastScan = useEngineQuery((api) => api.host.lastScan({ name }), { key: name });
  const history = useEngineQuery((api) => api.host.history({ name }), { key: name });
  const { reload: reloadLastScan } = lastScan;
  const { reload: reloadHistory } = history;
  const rescan = useHostRescan(name);
  useEffect(
    () =>
      getOpsDeck()?.on('scan:host-result', (summary) => {
        if (summary.host !== name) return;
        reloadLastScan();
        reloadHistory();
      }),
    [name, reloadLastScan, reloadHistory],
  );
  const detail = lastScan.value ?? (lastScan.loaded && !lastScan.error ? null : undefined);
  const error = lastScan.error ?? history.error;

  const encryption = detail?.facts.encryption ?? null;
  return (
    <div className="host-page">
      <header className="page-head">
        <a href="#/fleet">← Fleet</a>
        <h1 className="mono">{name}</h1>
        {detail && <PhaseBadge phase={detail.phase} />}
        <div className="toolbar">
          <button type="button" onClick={rescan.rescan} disabled={rescan.running}>
            {rescan.running ? 'Scanning…' : 'Rescan this host'}
          </button>
          <a href={routeHref({ page: 'firewall', host: name })}>Firewall rules and exposure</a>
        </div>
      </header>
      <EngineErrorNote error={error} />
      <EngineErrorNote error={rescan.error} />
      {detail === null && <p>This host has not been scanned yet in this session.</p>}
      {detail && (
        <>
          {detail.reason && <p className="error">{detail.reason}</p>}
          <dl className="identity">
            <dt>Hostname</dt>
            <dd className="mono">{detail.identity?.hostname ?? '—'}</dd>
            <dt>OS</dt>
            <dd>{[detail.identity?.osName, detail.identity?.osVersion].filter(Boolean).join(' ') || '—'}</dd>
            <dt>Kernel / platform image</dt>
            <dd className="mono">{detail.identity?.kernel ?? '—'}</dd>
            <dt>Uptime</dt>
            <dd>{formatUptime(detail.identity?.uptimeSeconds ?? null)}</dd>
            <dt>Scanned</dt>
            <dd>
              <TimeText iso={detail.finishedAt} />
            </dd>
          </dl>
          <h2>Findings ({detail.findings.length})</h2>
          {detail.findingsFrom && (
            <p className="warning" data-testid="findings-from">
              The last scan did not answer: these are the findings of the last scan that did, <TimeText iso={detail.findingsFrom.finishedAt} />.
            </p>
          )}
          <FindingsTable findings={detail.findings} showHost={false} />
          <HostBackupsSection host={name} facts={detail.facts.backups ?? null} />
          {pendingUpdatesOf(detail.facts.patches).length > 0 && (
            <>
              <h2>Pending updates</h2>
              <PendingUpdatesTable updates={pendingUpdatesOf(detail.facts.patches)} />
            </>
          )}
          {encryption && (
            <section aria-labelledby="disk-encryption">
              <h2 id="disk-encryption">Disk encryption</h2>
              <DeviceTree facts={encryption} host={name} />
            </section>
          )}
          <h2>Scan history</h2>
          {history.value && <HostHistory history={history.value} />}
          <h2>Raw outputs (evidence)</h2>
          <p className="muted">Each command's output exactly as the host sent it; open one to read it.</p>
          {detail.outputs.map((output, index) => (
            <details key={`${output.id}-${index}`} className="raw-output-details">
              <summary>
                <code>{output.command.replace(/^(sudo -n )?env LC_ALL=C /, '')}</code>{' '}
                <span className={output.error || (output.exitCode !== null && output.exitCode !== 0) ? 'error' : 'muted'}>
                  exit {output.exitCode ?? '—'}
                  {output.error ? ` · ${output.error}` : ''}
                  {output.truncated ? ' · cut at a cap' : ''}
                </span>
              </summary>
              <RawOutputSection host={name} runId={detail.runId} index={index} output={output} />
            </details>
          ))}
        </>
      )}
    </div>
  );
}

function pendingUpdatesOf(patches: PatchFactsView | undefined): PendingUpdateView[] {
  return patches?.pendingUpdates ?? [];
}

function formatUptime(seconds: number | null): string {
  if (seconds === null) return '—';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
}
