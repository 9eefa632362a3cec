// Compare this host's firewall with another: its counterpart at the other
// site is offered first; the choice is kept in the address (#/firewall/a/b).
import type { ChangeEvent } from 'react';
import { routeHref } from '../../app/routes';
import { useFleet } from '../fleet/useFleet';
import { HostDiff } from './HostDiff';

export function CompareSection({ host, compare, counterpart }: { host: string; compare: string | null; counterpart: string | null }) {
  const { fleet } = useFleet();
  const others = (fleet?.hosts ?? [])
    .map((each) => each.name)
    .filter((name) => name !== host && name !== counterpart)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    window.location.hash = routeHref({ page: 'firewall', host, ...(event.target.value ? { compare: event.target.value } : {}) });
  };
  return (
    <section aria-labelledby="compare-heading" className="compare-section">
      <h2 id="compare-heading" tabIndex={-1}>
        Compare with another host
      </h2>
      <label>
        Compare <span className="mono">{host}</span> with{' '}
        <select aria-label="Host to compare with" value={compare ?? ''} onChange={choose}>
          <option value="">choose a host…</option>
          {counterpart && <option value={counterpart}>{counterpart} (counterpart at the other site)</option>}
          {others.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {compare && <HostDiff a={host} b={compare} />}
    </section>
  );
}
