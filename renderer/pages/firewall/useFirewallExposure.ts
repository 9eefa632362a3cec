// Every host's exposure summary for the fleet matrix, reloaded after each scan.
// Each call is timed (performance measure "matrix-fetch", call to hosts
// received); the page measures from the same start mark to the matrix painted.
import type { FirewallHostExposureView } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';

export function useFirewallExposure(): { hosts: FirewallHostExposureView[] | null; error: string | null } {
  const { value, error } = useEngineQuery(
    async (api) => {
      performance.mark('matrix-fetch-start');
      const result = await api.firewall.fleetExposure({});
      performance.mark('matrix-fetch-end');
      performance.measure('matrix-fetch', 'matrix-fetch-start', 'matrix-fetch-end');
      return result;
    },
    { reloadOn: ['scan:finished'] },
  );
  return { hosts: value, error };
}
