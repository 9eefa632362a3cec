// One host: its identity and the raw outputs of its last scan, always shown
// as escaped, monospaced text (React text nodes, never HTML).
import { useEffect, useState } from 'react';
import type { HostScanDetail } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { routeHref } from '../../app/routes';
import { FindingsTable } from '../../components/FindingsTable';
import { PendingUpdatesTable, type PendingUpdateView } from '../../components/PendingUpdatesTable';
import { PhaseBadge } from '../../components/PhaseBadge';
import { DeviceTree } from './DeviceTree';
import { encryptionFactsOf } from './encryption-facts-view';
import { RawOutputSection } from './RawOutputSection';

export function HostPage({ name }: { name: string }) {
  const [detail, setDetail] = useState<HostScanDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.host.lastScan({ name }).then((result) => {
        if (result.ok) setDetail(result.value);
        else setError(result.error.message);
      });
    load();
    return api.on('scan:host-result', (summary) => {
      if (summary.host === name) load();
    });
  }, [name]);

  const encryption = detail ? encryptionFactsOf(detail.facts.encryption) : null;
  return (
    <div className="host-page">
      <header className="page-head">
        <a href="#/fleet">← Fleet</a>
        <h1 className="mono">{name}</h1>
        {detail && <PhaseBadge phase={detail.phase} />}
        <div className="toolbar">
          <a href={routeHref({ page: 'firewall', host: name })}>Firewall rules and exposure</a>
        </div>
      </header>
      {error && <p role="alert" className="error">{error}</p>}
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
            <dd>{detail.finishedAt ? new Date(detail.finishedAt).toLocaleString() : '—'}</dd>
          </dl>
          <h2>Findings ({detail.findings.length})</h2>
          <FindingsTable findings={detail.findings} showHost={false} />
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
          <h2>Raw outputs (evidence)</h2>
          {detail.outputs.map((output, index) => (
            <RawOutputSection key={`${output.id}-${index}`} host={name} runId={detail.runId} index={index} output={output} />
          ))}
        </>
      )}
    </div>
  );
}

function pendingUpdatesOf(patches: unknown): PendingUpdateView[] {
  const updates = (patches as { pendingUpdates?: PendingUpdateView[] } | undefined)?.pendingUpdates;
  return Array.isArray(updates) ? updates : [];
}

function formatUptime(seconds: number | null): string {
  if (seconds === null) return '—';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
}
