// The fleet as the engine knows it, kept current by scan events.
import { useCallback, useEffect, useState } from 'react';
import type { FleetView, HostScanSummary } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function useFleet(): { fleet: FleetView | null; error: string | null; reload: () => void } {
  const [fleet, setFleet] = useState<FleetView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void getOpsDeck()
      ?.fleet.get({})
      .then((result) => {
        if (result.ok) {
          setFleet(result.value);
          setError(null);
        } else setError(result.error.message);
      });
  }, []);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    reload();
    const offChanged = api.on('fleet:changed', reload);
    const offResult = api.on('scan:host-result', (summary) => setFleet((current) => withSummary(current, summary)));
    return () => {
      offChanged();
      offResult();
    };
  }, [reload]);
  return { fleet, error, reload };
}

function withSummary(fleet: FleetView | null, summary: HostScanSummary): FleetView | null {
  if (!fleet) return fleet;
  return { ...fleet, hosts: fleet.hosts.map((host) => (host.name === summary.host ? { ...host, last: summary } : host)) };
}
