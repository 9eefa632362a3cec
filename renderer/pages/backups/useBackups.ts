// The backups facts, findings, stored restore tests and integrity cycles,
// reloaded after each scan and each finished restore test.
import type { AreaHostView, BackupFactsView, FindingView, IntegrityCycleView, RestoreTestEvidence } from '../../../preload/contract';
import { allOk } from '../../api/all-ok';
import { useEngineQuery } from '../../api/useEngineQuery';

export interface BackupsData {
  facts: AreaHostView<BackupFactsView>[];
  findings: FindingView[];
  tests: RestoreTestEvidence[];
  cycles: IntegrityCycleView[];
}

export function useBackups(): { data: BackupsData | null; error: string | null } {
  const { value, error } = useEngineQuery(
    async (api) => allOk(await Promise.all([api.posture.backups({}), api.posture.findings({}), api.backups.restoreTests({ limit: 500 }), api.backups.integrityCycles({})] as const)),
    { reloadOn: ['scan:finished', 'restore-test:finished'] },
  );
  return { data: value ? { facts: value[0], findings: value[1], tests: value[2], cycles: value[3] } : null, error };
}
