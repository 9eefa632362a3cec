// One scan at a time from this page: start, live progress from engine
// events, cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanFinishedEvent, ScanScope } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export interface ScanRunState {
  runId: string;
  scopeLabel: string;
  total: number;
  done: number;
  failed: number;
  finished: ScanFinishedEvent | null;
}

export function useScanRun() {
  const [run, setRun] = useState<ScanRunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runId = useRef<string | null>(null);

  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const offProgress = api.on('scan:progress', (event) => {
      if (event.runId !== runId.current) return;
      setRun((current) => (current ? { ...current, done: event.done, failed: event.failed, total: event.total } : current));
    });
    const offFinished = api.on('scan:finished', (event) => {
      if (event.runId !== runId.current) return;
      setRun((current) => (current ? { ...current, finished: event, done: event.total } : current));
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, []);

  const start = useCallback(async (scope: ScanScope, scopeLabel: string) => {
    const api = getOpsDeck();
    if (!api) return;
    setError(null);
    const result = await api.scan.start({ scope });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    runId.current = result.value.runId;
    setRun({ runId: result.value.runId, scopeLabel, total: result.value.total, done: 0, failed: 0, finished: null });
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
