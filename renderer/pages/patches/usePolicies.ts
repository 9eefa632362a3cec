import type { RolePolicyView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

/** The roles' policies (for their patch SLAs), reloaded when the fleet changes. */
export function usePolicies(): { policies: RolePolicyView[]; error: string | null } {
  const { value, error } = useEngineQuery((api) => api.fleet.policies({}), { reloadOn: ['fleet:changed'] });
  return { policies: value ?? [], error };
}
