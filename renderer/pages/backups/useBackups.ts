// The backups facts, findings and stored restore tests, reloaded after each
// scan and each finished restore test.
import { useCallback, useEffect, useState } from 'react';
import type { FindingView, IntegrityCycleView, RestoreTestEvidence } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export interface BackupsData {
  facts: { host: string; dc: string; facts: unknown }[];
  findings: FindingView[];
  tests: RestoreTestEvidence[];
  cycles: IntegrityCycleView[];
}

export function useBackups(): { data: BackupsData | null; error: string | null } {
  const [data, setData] = useState<BackupsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    const api = getOpsDeck();
    if (!api) return;
    void Promise.all([api.posture.areaFacts({ area: 'backups' }), api.posture.findings({}), api.backups.restoreTests({ limit: 500 }), api.backups.integrityCycles({})]).then(([facts, findings, tests, cycles]) => {
      if (facts.ok && findings.ok && tests.ok && cycles.ok) {
        setData({ facts: facts.value, findings: findings.value, tests: tests.value, cycles: cycles.value });
        setError(null);
      } else setError([facts, findings, tests, cycles].map((result) => (result.ok ? '' : result.error.message)).filter(Boolean).join('; '));
    });
  }, []);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    load();
    const offScan = api.on('scan:finished', load);
    const offTest = api.on('restore-test:finished', load);
    return () => {
      offScan();
      offTest();
    };
  }, [load]);
  return { data, error };
}
