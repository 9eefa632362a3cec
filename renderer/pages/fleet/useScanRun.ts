// The fleet's one scan as this page sees it: start, live progress from engine
// events, cancel. On load it asks the engine for the scan in progress and
// reattaches to it (a reloaded page shows the running scan, not a fresh
// "Scan fleet" button that would be refused as busy).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostPhase, ScanFinishedEvent, ScanRunView, ScanScope } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export interface ScanRunState {
  runId: string;
  scopeLabel: string;
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Hosts in the connecting phase now (host keys being settled, handshakes). */
  connecting: number;
  finished: ScanFinishedEvent | null;
}

/** How a scope is named in the progress line. */
export function scopeLabel(scope: ScanScope): string {
  switch (scope.kind) {
    case 'fleet':
      return 'the whole fleet';
    case 'dc':
      return `site ${scope.id}`;
    case 'role':
      return `role ${scope.role}`;
    case 'host':
      return scope.name;
  }
}

function attached(view: ScanRunView): ScanRunState {
  return {
    runId: view.runId,
    scopeLabel: scopeLabel(view.scope),
    total: view.total,
    done: view.done,
    failed: view.failed,
    cancelled: view.cancelled,
    connecting: view.hosts.filter((host) => host.phase === 'connecting').length,
    finished: null,
  };
}

export function useScanRun() {
  const [run, setRun] = useState<ScanRunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runId = useRef<string | null>(null);
  const phases = useRef(new Map<string, HostPhase>());

  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    let live = true;
    const offProgress = api.on('scan:progress', (event) => {
      if (event.runId !== runId.current) return;
      phases.current.set(event.host, event.phase);
      const connecting = [...phases.current.values()].filter((phase) => phase === 'connecting').length;
      setRun((current) => (current ? { ...current, done: event.done, failed: event.failed, cancelled: event.cancelled, total: event.total, connecting } : current));
    });
    const offFinished = api.on('scan:finished', (event) => {
      if (event.runId !== runId.current) return;
      setRun((current) => (current ? { ...current, finished: event, done: event.total, connecting: 0 } : current));
    });
    void api.scan.current({}).then((result) => {
      if (!live || !result.ok || !result.value.run || runId.current) return;
      const view = result.value.run;
      runId.current = view.runId;
      phases.current = new Map(view.hosts.map((host) => [host.host, host.phase]));
      setRun(attached(view));
    });
    return () => {
      live = false;
      offProgress();
      offFinished();
    };
  }, []);

  const start = useCallback(async (scope: ScanScope, label: string) => {
    const api = getOpsDeck();
    if (!api) return;
    setError(null);
    const result = await api.scan.start({ scope });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    runId.current = result.value.runId;
    phases.current = new Map();
    setRun({ runId: result.value.runId, scopeLabel: label, total: result.value.total, done: 0, failed: 0, cancelled: 0, connecting: 0, finished: null });
    // Progress sent before the start call returned (the connecting phase begins at once) was not ours yet: catch up.
    const now = await api.scan.current({});
    const view = now.ok ? now.value.run : null;
    if (view && view.runId === runId.current) {
      phases.current = new Map(view.hosts.map((host) => [host.host, host.phase]));
      setRun((current) => (current && !current.finished ? { ...attached(view), scopeLabel: label } : current));
    }
  }, []);

  const cancel = useCallback(async () => {
    const api = getOpsDeck();
    if (!api || !runId.current) return;
    const result = await api.scan.cancel({ runId: runId.current });
    if (!result.ok) setError(result.error.message);
  }, []);

  const running = run !== null && run.finished === null;
  return { run, running, error, start, cancel };
}
