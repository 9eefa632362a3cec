// The backups facts, findings and stored restore tests, reloaded after each
// scan and each finished restore test.
import type { AreaHostView, BackupFactsView, FindingView, RestoreTestEvidence } from '../../../preload/contract';
import { allOk } from '../../api/all-ok';
import { useEngineQuery } from '../../api/useEngineQuery';

export interface BackupsData {
  facts: AreaHostView<BackupFactsView>[];
  findings: FindingView[];
  tests: RestoreTestEvidence[];
}

export function useBackups(): { data: BackupsData | null; error: string | null } {
  const { value, error } = useEngineQuery(
    async (api) => allOk(await Promise.all([api.posture.backups({}), api.posture.findings({}), api.backups.restoreTests({ limit: 500 })] as const)),
    { reloadOn: ['scan:finished', 'restore-test:finished'] },
  );
  return { data: value ? { facts: value[0], findings: value[1], tests: value[2] } : null, error };
}
