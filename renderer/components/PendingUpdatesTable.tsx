// A host's pending updates, security first, filterable by package or suite.
// Windowed: a host that has not been upgraded for a release can list thousands.
import { useMemo, useState } from 'react';
import { SpacerRow, useVirtualRows } from './use-virtual-rows';

const ROW_HEIGHT = 30;

export interface PendingUpdateView {
  name: string;
  from: string | null;
  to: string;
  security: boolean;
  suites: string[];
}

export function PendingUpdatesTable({ updates }: { updates: PendingUpdateView[] }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return updates
      .filter((update) => !needle || `${update.name} ${update.suites.join(' ')}`.toLowerCase().includes(needle))
      .sort((a, b) => Number(b.security) - Number(a.security) || a.name.localeCompare(b.name));
  }, [updates, filter]);
  const { scroller, items, before, after } = useVirtualRows(shown.length, ROW_HEIGHT);
  return (
    <section aria-label="Pending updates">
      <div className="toolbar filters">
        <label>
          Filter <input type="search" aria-label="Filter pending updates" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <span className="muted">
          {shown.length} of {updates.length}, {updates.filter((update) => update.security).length} security
        </span>
      </div>
      <div className="table-scroll" ref={scroller} tabIndex={0} aria-label="Pending updates, scrollable">
        <table className="grid" data-testid="pending-updates">
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Installed</th>
              <th scope="col">Candidate</th>
              <th scope="col">Kind</th>
              <th scope="col">Suite</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={before} columns={5} />
            {items
              .map((item) => shown[item.index]!)
              .map((update) => (
                <tr key={`${update.name}=${update.to}`} style={{ height: ROW_HEIGHT }}>
                  <td className="mono">{update.name}</td>
                  <td className="mono">{update.from ?? '—'}</td>
                  <td className="mono">{update.to}</td>
                  <td>{update.security ? <span className="badge severity-high">security</span> : 'regular'}</td>
                  <td className="mono">{update.suites.join(', ')}</td>
                </tr>
              ))}
            <SpacerRow height={after} columns={5} />
          </tbody>
        </table>
      </div>
    </section>
  );
}
