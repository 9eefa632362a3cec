// A host's pending updates, security first, filterable by package or suite.
import { useMemo, useState } from 'react';

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
          {shown.map((update) => (
            <tr key={`${update.name}=${update.to}`}>
              <td className="mono">{update.name}</td>
              <td className="mono">{update.from ?? '—'}</td>
              <td className="mono">{update.to}</td>
              <td>{update.security ? <span className="badge severity-high">security</span> : 'regular'}</td>
              <td className="mono">{update.suites.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
