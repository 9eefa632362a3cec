import type { FindingView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

/** The fleet's findings from each host's latest scan, refreshed when a scan finishes. */
export function useFindings(): { findings: FindingView[] | null; error: string | null } {
  const { value, error } = useEngineQuery((api) => api.posture.findings({}), { reloadOn: ['scan:finished'] });
  return { findings: value, error };
}
