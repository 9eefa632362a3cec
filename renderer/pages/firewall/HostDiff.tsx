// Two hosts' firewalls side by side: the ports whose reach differs (or
// every port, on request), the default policies that differ, and the rules
// each has that the other has not.
import { useState } from 'react';
import type { ExposureDiffSide, RuleDiffRow } from '../../../preload/contract';
import { useEngineQuery } from '../../api/useEngineQuery';
import { EngineErrorNote } from '../../components/EngineErrorNote';
import { ConformanceMark } from './ConformanceMark';
import { FAMILY_LABEL } from './exposure-marks';

export function HostDiff({ a, b }: { a: string; b: string }) {
  const diff = useEngineQuery((api) => api.firewall.diff({ a, b }), { key: `${a}|${b}` });
  const [showSame, setShowSame] = useState(false);
  if (!diff.loaded) return <p className="muted">Comparing…</p>;
  if (!diff.value) return <EngineErrorNote error={diff.error} />;
  const view = diff.value;
  const rows = view.exposure.filter((row) => showSame || row.differs);
  const differing = view.exposure.filter((row) => row.differs).length;
  const perSite = view.exposure.filter((row) => row.samePerSite).length;
  return (
    <div className="host-diff" data-testid="host-diff">
      <h3>Effective exposure</h3>
      <div className="toolbar filters">
        <span data-testid="diff-summary">
          {differing === 0 ? 'Both hosts let in the same sources on every port.' : `${differing} port${differing === 1 ? '' : 's'} (per IP version) reachable from different sources.`}
          {perSite > 0 && ` ${perSite} more differ only by each site's own copy of a network named in the inventory (networks:), which is not a difference.`}
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={showSame} onChange={(event) => setShowSame(event.target.checked)} aria-label="Show ports with the same exposure too" /> show identical ports
        </label>
      </div>
      {rows.length > 0 && (
        <table className="grid diff-exposure">
          <thead>
            <tr>
              <th scope="col">Port</th>
              <th scope="col">IP</th>
              <th scope="col" className="mono">
                {view.a.host} <span className="muted">({view.a.dc})</span>
              </th>
              <th scope="col" className="mono">
                {view.b.host} <span className="muted">({view.b.dc})</span>
              </th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.proto}/${row.port}/${row.family}`} data-port={`${row.proto}/${row.port}`} data-family={row.family} data-differs={row.differs}>
                <th scope="row" className="mono">
                  {row.proto}/{row.port}
                </th>
                <td>{FAMILY_LABEL[row.family]}</td>
                <DiffSide side={row.a} />
                <DiffSide side={row.b} />
                <td>
                  {row.differs
                    ? row.a?.reachability !== row.b?.reachability
                      ? '≠ reach differs'
                      : '≠ other networks'
                    : row.samePerSite
                      ? `= same (each site's own ${row.samePerSite.join(', ')})`
                      : '= same'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.policies.length > 0 && (
        <>
          <h3>Default policies that differ</h3>
          <ul>
            {view.policies.map((policy) => (
              <li key={policy.chain} className="mono">
                {policy.chain}: {view.a.host} {policy.a ?? 'no such chain'}, {view.b.host} {policy.b ?? 'no such chain'}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Rules</h3>
      <p className="muted">
        {view.rules.same} rule{view.rules.same === 1 ? '' : 's'} on both (same chain and text, counters left out); {view.a.host} has {view.a.rules} in all, {view.b.host} {view.b.rules}.
      </p>
      <div className="diff-rules">
        <RuleList title={`Only on ${view.a.host}`} rows={view.rules.onlyA} total={view.rules.onlyATotal} testId="rules-only-a" />
        <RuleList title={`Only on ${view.b.host}`} rows={view.rules.onlyB} total={view.rules.onlyBTotal} testId="rules-only-b" />
      </div>
    </div>
  );
}

function DiffSide({ side }: { side: ExposureDiffSide | null }) {
  if (!side) return <td className="muted">not listening</td>;
  return (
    <td>
      <ConformanceMark conformance={side.conformance} /> — {side.reach}
      {side.decidedBy && (
        <div>
          <code className="muted">{side.decidedBy}</code>
        </div>
      )}
    </td>
  );
}

function RuleList({ title, rows, total, testId }: { title: string; rows: RuleDiffRow[]; total: number; testId: string }) {
  const listed = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <section className="diff-rule-list" aria-label={title} data-testid={testId}>
      <h4>
        {title} ({total})
      </h4>
      {rows.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label={`${title}, scrollable`}>
          <table className="grid">
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.chain}|${row.text}`}>
                  <td className="mono nowrap">{row.chain}</td>
                  <td className="mono">
                    {row.text}
                    {row.count > 1 ? <span className="muted"> ×{row.count}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > listed && <p className="muted">and {total - listed} more not listed</p>}
        </div>
      )}
    </section>
  );
}
