// Every host's access facts and the access findings, reloaded after each scan.
import type { FindingView } from '../../../preload/contract';
import { allOk } from '../../api/all-ok';
import { useEngineQuery } from '../../api/useEngineQuery';
import type { HostAccess } from './access-view';

export function useAccess(): { hosts: HostAccess[] | null; findings: FindingView[]; error: string | null } {
  const { value, error } = useEngineQuery(async (api) => allOk(await Promise.all([api.posture.access({}), api.posture.findings({})] as const)), { reloadOn: ['scan:finished'] });
  return { hosts: value?.[0] ?? null, findings: value?.[1].filter((finding) => finding.area === 'access') ?? [], error };
}
