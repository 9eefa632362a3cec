// Every host's transport facts and the transport findings, reloaded after each scan.
import type { FindingView } from '../../../preload/contract';
import { allOk } from '../../api/all-ok';
import { useEngineQuery } from '../../api/useEngineQuery';
import type { HostTransport } from './transport-view';

export function useTransport(): { hosts: HostTransport[] | null; findings: FindingView[]; error: string | null } {
  const { value, error } = useEngineQuery(async (api) => allOk(await Promise.all([api.posture.transport({}), api.posture.findings({})] as const)), { reloadOn: ['scan:finished'] });
  return { hosts: value?.[0] ?? null, findings: value?.[1].filter((finding) => finding.area === 'transport') ?? [], error };
}
