// Every host's access facts and the access findings, reloaded after each scan.
import { useEffect, useState } from 'react';
import type { FindingView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import type { AccessFactsView, HostAccess } from './access-view';

export function useAccess(): { hosts: HostAccess[] | null; findings: FindingView[]; error: string | null } {
  const [hosts, setHosts] = useState<HostAccess[] | null>(null);
  const [findings, setFindings] = useState<FindingView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void Promise.all([api.posture.areaFacts({ area: 'access' }), api.posture.findings({})]).then(([facts, all]) => {
        if (!facts.ok) return setError(facts.error.message);
        if (!all.ok) return setError(all.error.message);
        setHosts(facts.value.map((row) => ({ host: row.host, dc: row.dc, facts: row.facts as AccessFactsView })));
        setFindings(all.value.filter((finding) => finding.area === 'access'));
        setError(null);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
  return { hosts, findings, error };
}
