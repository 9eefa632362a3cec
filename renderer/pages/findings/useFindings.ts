import { useCallback, useEffect, useState } from 'react';
import type { FindingView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

/** The fleet's findings from each host's latest scan, refreshed when a scan finishes. */
export function useFindings(): { findings: FindingView[] | null; error: string | null } {
  const [findings, setFindings] = useState<FindingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void getOpsDeck()
      ?.posture.findings({})
      .then((result) => (result.ok ? setFindings(result.value) : setError(result.error.message)));
  }, []);
  useEffect(() => {
    load();
    return getOpsDeck()?.on('scan:finished', load);
  }, [load]);
  return { findings, error };
}
