// Every host's exposure summary for the fleet matrix, reloaded after each scan.
// Each call is timed (performance measure "matrix-fetch", call to hosts
// received); the page measures from the same start mark to the matrix painted.
import { useEffect, useState } from 'react';
import type { FirewallHostExposureView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function useFirewallExposure(): { hosts: FirewallHostExposureView[] | null; error: string | null } {
  const [hosts, setHosts] = useState<FirewallHostExposureView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () => {
      performance.mark('matrix-fetch-start');
      void api.firewall.fleetExposure({}).then((result) => {
        performance.mark('matrix-fetch-end');
        performance.measure('matrix-fetch', 'matrix-fetch-start', 'matrix-fetch-end');
        if (result.ok) {
          setHosts(result.value);
          setError(null);
        } else setError(result.error.message);
      });
    };
    load();
    return api.on('scan:finished', load);
  }, []);
  return { hosts, error };
}
