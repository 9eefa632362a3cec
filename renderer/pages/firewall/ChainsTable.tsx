// A host's chains: base chains with their hook, priority and default
// policy first, then the chains reached by jumps; each with its rule count.
import type { FirewallChainView } from '../../../preload/contract';

export function ChainsTable({ chains }: { chains: FirewallChainView[] }) {
  if (chains.length === 0) return <p className="muted">No chains were read.</p>;
  const sorted = [...chains].sort((a, b) => Number(b.hook !== null) - Number(a.hook !== null) || (a.priority ?? 0) - (b.priority ?? 0));
  const jumpOnly = sorted.filter((chain) => chain.hook === null);
  return (
    <table className="grid chains" aria-label="Base chains">
      <thead>
        <tr>
          <th scope="col">Chain</th>
          <th scope="col">Source</th>
          <th scope="col">Hook</th>
          <th scope="col">Priority</th>
          <th scope="col">Policy</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {sorted
          .filter((chain) => chain.hook !== null)
          .map((chain) => (
            <tr key={chain.id}>
              <th scope="row" className="mono">
                {chain.family} {chain.table} {chain.name}
              </th>
              <td>{chain.source}</td>
              <td>{chain.hook}</td>
              <td>{chain.priority ?? '—'}</td>
              <td className={chain.policy === 'accept' && chain.hook === 'input' ? 'error' : undefined}>{chain.policy ?? '—'}</td>
              <td>{chain.rules}</td>
            </tr>
          ))}
        {jumpOnly.length > 0 && (
          <tr>
            <th scope="row" className="muted">
              {jumpOnly.length} chain{jumpOnly.length === 1 ? '' : 's'} reached by jump/goto
            </th>
            <td colSpan={4} className="muted">
              —
            </td>
            <td>{jumpOnly.reduce((sum, chain) => sum + chain.rules, 0)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
