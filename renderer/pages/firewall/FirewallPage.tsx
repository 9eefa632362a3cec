// The firewall against the promise "only necessary communications are
// allowed": a matrix of hosts × exposed ports for both sites side by side,
// each cell marked by its conformance with the role baseline (symbol and
// words, then colour). A host name opens its rules, exposure and diff.
import { useMemo, useState } from 'react';
import type { DatacentreView } from '../../../preload/contract';
import { useFleet } from '../fleet/useFleet';
import { CONFORMANCE_MARK, REACH_SHORT, REACH_LABEL } from './exposure-marks';
import { matrixColumns } from './exposure-matrix';
import { SiteExposureMatrix } from './SiteExposureMatrix';
import { useFirewallExposure } from './useFirewallExposure';

export function FirewallPage() {
  const { hosts, error } = useFirewallExposure();
  const { fleet } = useFleet();
  const [text, setText] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [includeBlocked, setIncludeBlocked] = useState(false);
  const sites: DatacentreView[] = [...(fleet?.datacentres ?? [])].sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
  const columns = useMemo(() => matrixColumns(hosts ?? [], includeBlocked), [hosts, includeBlocked]);
  const filter = useMemo(() => ({ text, problemsOnly }), [text, problemsOnly]);
  return (
    <div className="firewall-page">
      <header className="page-head">
        <h1>Firewall</h1>
      </header>
      <p className="muted page-intro">
        What each host&apos;s firewall really lets in, port by port, decided from its rules (nftables, iptables, ipf, fwadm) and listening
        sockets, against its role&apos;s baseline. Open a host for its rules, the rule that decides each port, and a comparison with another host.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {hosts && hosts.length === 0 && <p className="muted">No firewall data yet: scan the fleet first.</p>}
      {hosts && hosts.length > 0 && (
        <>
          <div className="toolbar filters">
            <label>
              Hosts <input type="search" aria-label="Filter hosts by name or role" value={text} onChange={(event) => setText(event.target.value)} />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={problemsOnly} onChange={(event) => setProblemsOnly(event.target.checked)} aria-label="Only hosts beyond their baseline, undetermined or not read" />
              Only hosts to look at
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={includeBlocked} onChange={(event) => setIncludeBlocked(event.target.checked)} aria-label="Include ports that are listened on but blocked everywhere" />
              Include ports blocked everywhere
            </label>
          </div>
          <MatrixLegend />
          <div className="firewall-sites">
            {sites.map((site) => (
              <SiteExposureMatrix key={site.id} site={site} hosts={hosts.filter((host) => host.dc === site.id)} columns={columns} filter={filter} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function MatrixLegend() {
  return (
    <dl className="matrix-legend" aria-label="Legend">
      {(Object.keys(CONFORMANCE_MARK) as (keyof typeof CONFORMANCE_MARK)[]).map((conformance) => (
        <div key={conformance}>
          <dt className={`cell-${conformance}`}>{CONFORMANCE_MARK[conformance].symbol}</dt>
          <dd>{CONFORMANCE_MARK[conformance].label}</dd>
        </div>
      ))}
      {(['any', 'some', 'undetermined', 'none'] as const).map((reach) => (
        <div key={reach}>
          <dt className="mono">{REACH_SHORT[reach]}</dt>
          <dd>{REACH_LABEL[reach]}</dd>
        </div>
      ))}
      <div>
        <dt className="mono">·</dt>
        <dd>not listening</dd>
      </div>
    </dl>
  );
}
