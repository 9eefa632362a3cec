// The firewall against the promise "only necessary communications are
// allowed": a matrix of hosts × exposed ports for both sites side by side,
// each cell marked by its conformance with the role baseline (symbol and
// words, then colour). A host name opens its rules, exposure and diff.
// Timed in the page: "matrix-load" (fleetExposure call to the matrix
// painted) and "matrix-filter" (host filter change to the matrix painted).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DatacentreView, FirewallHostExposureView } from '../../../preload/contract';
import { useFleet } from '../fleet/useFleet';
import { CONFORMANCE_MARK, REACH_SHORT, REACH_LABEL } from './exposure-marks';
import { matrixColumns, type MatrixFilter } from './exposure-matrix';
import { measureUntilPainted } from './paint-marks';
import { SiteExposureMatrix } from './SiteExposureMatrix';
import { useFirewallExposure } from './useFirewallExposure';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function FirewallPage() {
  const { hosts, error } = useFirewallExposure();
  const { fleet } = useFleet();
  const [filter, setFilter] = useState<MatrixFilter>({ text: '', problemsOnly: false });
  const [includeBlocked, setIncludeBlocked] = useState(false);
  // Kept across re-renders: a running scan updates the fleet on every host it reports, never its datacentres.
  const datacentres = fleet?.datacentres;
  const sites: DatacentreView[] = useMemo(() => datacentres ?? [], [datacentres]);
  const hostsBySite = useMemo(() => {
    const bySite = new Map<string, FirewallHostExposureView[]>(sites.map((site) => [site.id, []]));
    for (const host of hosts ?? []) bySite.get(host.dc)?.push(host);
    return bySite;
  }, [hosts, sites]);
  const columns = useMemo(() => matrixColumns(hosts ?? [], includeBlocked), [hosts, includeBlocked]);

  const filterPending = useRef(false);
  const changeFilter = (patch: Partial<MatrixFilter>) => {
    performance.mark('matrix-filter-start');
    filterPending.current = true;
    setFilter((current) => ({ ...current, ...patch }));
  };
  useLayoutEffect(() => {
    if (!filterPending.current) return;
    filterPending.current = false;
    measureUntilPainted('matrix-filter-start', 'matrix-filter-end', 'matrix-filter');
  }, [filter]);
  // The matrix needs both the hosts and the sites (fleet.get); whichever arrives last paints it.
  const matrixReady = hosts !== null && sites.length > 0;
  useLayoutEffect(() => {
    if (matrixReady && performance.getEntriesByName('matrix-fetch-start', 'mark').length > 0) measureUntilPainted('matrix-fetch-start', 'matrix-painted', 'matrix-load');
  }, [hosts, matrixReady]);
  return (
    <div className="firewall-page">
      <header className="page-head">
        <h1>Firewall</h1>
      </header>
      <p className="muted page-intro">
        What each host&apos;s firewall really lets in, port by port, decided from its rules (nftables, iptables, ipf, fwadm) and listening sockets, against its role&apos;s baseline. Open a host for
        its rules, the rule that decides each port, and a comparison with another host.
      </p>
      <EngineErrorNote error={error} />
      {hosts && hosts.length === 0 && <p className="muted">No firewall data yet: scan the fleet first.</p>}
      {hosts && hosts.length > 0 && (
        <>
          <div className="toolbar filters">
            <label>
              Hosts <input type="search" aria-label="Filter hosts by name or role" value={filter.text} onChange={(event) => changeFilter({ text: event.target.value })} />
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={filter.problemsOnly}
                onChange={(event) => changeFilter({ problemsOnly: event.target.checked })}
                aria-label="Only hosts beyond their baseline, undetermined or not read"
              />
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
              <SiteExposureMatrix key={site.id} site={site} hosts={hostsBySite.get(site.id)!} columns={columns} filter={filter} />
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
