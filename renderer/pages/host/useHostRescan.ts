// "Rescan this host": starts a scan of the one host and follows it until its
// run finishes. The engine runs one scan at a time; a refusal (another scan
// running) is shown as the engine words it.
import { useCallback, useEffect, useState } from 'react';
import { getOpsDeck } from '../../api/opsdeck';

export function useHostRescan(name: string): { running: boolean; error: string | null; rescan: () => void } {
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!runId) return;
    return getOpsDeck()?.on('scan:finished', (finished) => {
      if (finished.runId === runId) setRunId(null);
    });
  }, [runId]);
  const rescan = useCallback(() => {
    setError(null);
    void getOpsDeck()
      ?.scan.start({ scope: { kind: 'host', name } })
      .then((result) => (result.ok ? setRunId(result.value.runId) : setError(result.error.message)));
  }, [name]);
  return { running: runId !== null, error, rescan };
}
