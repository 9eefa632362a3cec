// One host's firewall view (every rule, whole: the table is windowed, so
// 50,000 rows cost only the transfer), reloaded when a scan that covered
// the host finishes (its drift findings come at the end of the run).
import { useEffect, useState } from 'react';
import type { FirewallHostRulesView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function useHostFirewall(name: string): { view: FirewallHostRulesView | null | undefined; error: string | null } {
  const [view, setView] = useState<FirewallHostRulesView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    let current = true;
    let scannedNow = false;
    const load = () => {
      performance.mark('rules-fetch-start');
      void api.firewall.hostRules({ host: name }).then((result) => {
        if (!current) return;
        performance.mark('rules-fetch-end');
        performance.measure('rules-fetch', 'rules-fetch-start', 'rules-fetch-end');
        if (result.ok) {
          setView(result.value);
          setError(null);
        } else setError(result.error.message);
      });
    };
    load();
    const offResult = api.on('scan:host-result', (summary) => {
      if (summary.host === name) scannedNow = true;
    });
    const offFinished = api.on('scan:finished', () => {
      if (!scannedNow) return;
      scannedNow = false;
      load();
    });
    return () => {
      current = false;
      offResult();
      offFinished();
    };
  }, [name]);
  return { view, error };
}
