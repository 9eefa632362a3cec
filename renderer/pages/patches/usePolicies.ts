import { useEffect, useState } from 'react';
import type { RolePolicyView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

/** The roles' policies (for their patch SLAs), reloaded when the fleet changes. */
export function usePolicies(): RolePolicyView[] {
  const [policies, setPolicies] = useState<RolePolicyView[]>([]);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () => void api.fleet.policies({}).then((result) => result.ok && setPolicies(result.value));
    load();
    return api.on('fleet:changed', load);
  }, []);
  return policies;
}
