// One restore test started from the page: its progress events, cancel, and
// the evidence when it finishes.
import { useEffect, useState } from 'react';
import type { RestoreTestEvidence, RestoreTestProgressEvent } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export interface RestoreTestRun {
  host: string;
  testId: string | null;
  progress: RestoreTestProgressEvent | null;
  result: RestoreTestEvidence | null;
  error: string | null;
}

export function useRestoreTestRun() {
  const [run, setRun] = useState<RestoreTestRun | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const offProgress = api.on('restore-test:progress', (event) => setRun((current) => (current && current.testId === event.testId ? { ...current, progress: event } : current)));
    const offDone = api.on('restore-test:finished', (evidence) => setRun((current) => (current && current.testId === evidence.testId ? { ...current, result: evidence } : current)));
    return () => {
      offProgress();
      offDone();
    };
  }, []);
  const start = (host: string) => {
    const api = getOpsDeck();
    if (!api) return;
    setRun({ host, testId: null, progress: null, result: null, error: null });
    void api.backups
      .restoreTest({ host })
      .then((result) => setRun((current) => (current && current.host === host ? (result.ok ? { ...current, testId: result.value.testId } : { ...current, error: result.error.message }) : current)));
  };
  const cancel = () => {
    const api = getOpsDeck();
    if (api && run?.testId) void api.backups.cancelRestoreTest({ testId: run.testId });
  };
  return { run, start, cancel };
}
