// Every listening socket of the host, what can reach it, its conformance
// with the role baseline, and the rule (or policy, or binding) that
// decides it — with a button that finds that rule in the rules table.
import type { FirewallHostRulesView } from '../../../preload/contract';
import { ConformanceMark } from './ConformanceMark';
import { FAMILY_LABEL } from './exposure-marks';

export function ExposureTable({ view, onShowRule }: { view: FirewallHostRulesView; onShowRule: (ruleId: string) => void }) {
  if (!view.listenersKnown) return <p className="error">The listening sockets could not be read: which services the rules expose is unknown.</p>;
  if (view.exposure.length === 0) return <p className="muted">No listening sockets.</p>;
  return (
    <table className="grid exposure-list" aria-labelledby="exposure-heading">
      <thead>
        <tr>
          <th scope="col">Port</th>
          <th scope="col">IP</th>
          <th scope="col">Socket</th>
          <th scope="col">Reachable from</th>
          <th scope="col">Baseline</th>
          <th scope="col">Conformance</th>
          <th scope="col">Decided by</th>
        </tr>
      </thead>
      <tbody>
        {view.exposure.map((entry, index) => (
          <tr key={`${entry.proto}/${entry.port}/${entry.family}/${entry.address}/${index}`} data-port={`${entry.proto}/${entry.port}`} data-family={entry.family}>
            <th scope="row" className="mono">
              {entry.proto}/{entry.port}
            </th>
            <td>{FAMILY_LABEL[entry.family]}</td>
            <td className="mono">
              {entry.address}
              {entry.interface ? `%${entry.interface}` : ''}
              {entry.process && <span className="muted"> {entry.process}</span>}
            </td>
            <td>
              {entry.reach}
              {entry.reasons.length > 0 && <div className="muted">{entry.reasons.join('; ')}</div>}
            </td>
            <td className="mono">{entry.baseline ?? <span className="muted">no entry</span>}</td>
            <td>
              <ConformanceMark conformance={entry.conformance} />
            </td>
            <td className="decided-by">
              <code>{entry.decidedBy ?? '—'}</code>
              {entry.ruleId && (
                <button
                  type="button"
                  className="small"
                  onClick={() => onShowRule(entry.ruleId!)}
                  aria-label={`Show the rule deciding ${entry.proto}/${entry.port} ${FAMILY_LABEL[entry.family]} in the rules table`}
                >
                  Show rule
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
