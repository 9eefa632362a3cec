// The fleet: both sites side by side, every host with its identity and last
// scan state, and scans of the fleet, a site, a role or one host.
import { useState } from 'react';
import type { FleetView } from '../../../preload/contract';
import { InventoryProblems } from '../../components/InventoryProblems';
import { SiteHostTable } from './SiteHostTable';
import { ScanProgress } from './ScanProgress';
import type { HostOrder } from './site-rows';
import { useFleet } from './useFleet';
import { useScanRun } from './useScanRun';

export function FleetPage() {
  const { fleet, error } = useFleet();
  const scan = useScanRun();
  const [order, setOrder] = useState<HostOrder>('problems-first');
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!fleet) return <p>Loading the fleet…</p>;
  const roles = [...new Set(fleet.hosts.flatMap((host) => host.roles))].sort();
  return (
    <div className="fleet-page">
      <header className="page-head">
        <h1>Fleet</h1>
        <span className={`fleet-label fleet-${fleet.source.kind}`}>{fleet.source.label}</span>
        <div className="toolbar" role="toolbar" aria-label="Scan">
          <button type="button" disabled={scan.running || fleet.hosts.length === 0} onClick={() => void scan.start({ kind: 'fleet' }, 'the whole fleet')}>
            Scan fleet
          </button>
          {roles.length > 0 && (
            <label>
              Role{' '}
              <select disabled={scan.running} value="" onChange={(event) => event.target.value && void scan.start({ kind: 'role', role: event.target.value }, `role ${event.target.value}`)}>
                <option value="">scan a role…</option>
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={order === 'problems-first'} onChange={(event) => setOrder(event.target.checked ? 'problems-first' : 'name')} />
            Problem hosts first
          </label>
        </div>
      </header>
      {scan.error && (
        <p role="alert" className="error">
          {scan.error}
        </p>
      )}
      {scan.run && <ScanProgress run={scan.run} running={scan.running} onCancel={() => void scan.cancel()} />}
      <InventoryProblems problems={fleet.problems} />
      {fleet.hosts.length === 0 ? (
        <EmptyFleet fleet={fleet} />
      ) : (
        <div className="sites">
          {fleet.datacentres.map((dc) => (
            <SiteHostTable
              key={dc.id}
              dc={dc}
              hosts={fleet.hosts.filter((host) => host.dc === dc.id)}
              order={order}
              scanDisabled={scan.running}
              onScanSite={() => void scan.start({ kind: 'dc', id: dc.id }, `site ${dc.name}`)}
              onScanHost={(name) => void scan.start({ kind: 'host', name }, name)}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function EmptyFleet({ fleet }: { fleet: FleetView }) {
  return (
    <div className="empty">
      <p>{fleet.source.kind === 'none' ? 'No inventory is configured yet.' : 'The inventory lists no hosts.'}</p>
      <p>
        Open <a href="#/settings">Settings</a> to load an OpsDeck inventory file.
      </p>
    </div>
  );
}
