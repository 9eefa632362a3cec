// Every host's encryption coverage from the engine, reloaded after each scan.
import { useEffect, useState } from 'react';
import type { EncryptionCoverageView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function useEncryptionCoverage(): { rows: EncryptionCoverageView[] | null; error: string | null } {
  const [rows, setRows] = useState<EncryptionCoverageView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.posture.encryptionCoverage({}).then((result) => {
        if (result.ok) {
          setRows(result.value);
          setError(null);
        } else setError(result.error.message);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
  return { rows, error };
}
