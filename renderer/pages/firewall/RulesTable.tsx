// Every rule of the host in one windowed table (only the rows in view are
// in the DOM, so 50,000 rules filter and scroll as fast as 50), filterable
// by text, destination port, action and chain. Each filter change is timed
// from the keystroke to the painted result (performance measure
// "rules-filter"); the first paint after the rules arrive is measure
// "rules-table-render".
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FirewallRuleRowView } from '../../../preload/contract';
import { SpacerRow, useVirtualRows } from '../../components/use-virtual-rows';
import { measureUntilPainted } from './paint-marks';
import { filterOptions, filterRules, indexRules, NO_FILTER, parsePortFilter, type RuleFilter } from './rules-filter';

const ROW_HEIGHT = 26;

export function RulesTable({ rules, focusRule }: { rules: FirewallRuleRowView[]; focusRule: { id: string; seq: number } | null }) {
  const index = useMemo(() => indexRules(rules), [rules]);
  const options = useMemo(() => filterOptions(index), [index]);
  const [filter, setFilter] = useState<RuleFilter>(NO_FILTER);
  const shown = useMemo(() => filterRules(index, filter), [index, filter]);
  const { scroller, virtualizer, items, before, after } = useVirtualRows(shown.length, ROW_HEIGHT, 16);

  // "Show rule" from the exposure list: clear the filters so the rule is listed, then scroll to it.
  const [focusSeq, setFocusSeq] = useState(0);
  if (focusRule && focusRule.seq !== focusSeq) {
    setFocusSeq(focusRule.seq);
    setFilter(NO_FILTER);
  }
  const scrolledSeq = useRef(0);
  useLayoutEffect(() => {
    if (!focusRule || scrolledSeq.current === focusRule.seq) return;
    const at = shown.findIndex((ruleIndex) => rules[ruleIndex]!.id === focusRule.id);
    if (at < 0) return;
    scrolledSeq.current = focusRule.seq;
    virtualizer.scrollToIndex(at, { align: 'center' });
    scroller.current?.scrollIntoView({ block: 'nearest' });
    scroller.current?.focus({ preventScroll: true });
  }, [focusRule, shown, rules, virtualizer, scroller]);

  const filterPending = useRef(false);
  const change = (patch: Partial<RuleFilter>) => {
    performance.mark('rules-filter-start');
    filterPending.current = true;
    setFilter((current) => ({ ...current, ...patch }));
  };
  useLayoutEffect(() => {
    if (!filterPending.current) return;
    filterPending.current = false;
    measureUntilPainted('rules-filter-start', 'rules-filter-end', 'rules-filter');
  }, [shown]);
  useLayoutEffect(() => {
    if (performance.getEntriesByName('rules-fetch-end', 'mark').length > 0) measureUntilPainted('rules-fetch-end', 'rules-table-painted', 'rules-table-render');
  }, [rules]);

  const portInvalid = parsePortFilter(filter.port) === 'invalid';
  const highlighted = focusRule?.id ?? null;
  return (
    <section aria-labelledby="rules-heading" className="rules-section">
      <div className="toolbar filters" role="search" aria-label="Filter rules">
        <label>
          Text <input type="search" aria-label="Filter rules by text" value={filter.text} onChange={(event) => change({ text: event.target.value })} />
        </label>
        <label>
          Port{' '}
          <input
            type="text"
            inputMode="numeric"
            size={6}
            aria-label="Filter rules by destination port"
            aria-invalid={portInvalid}
            value={filter.port}
            onChange={(event) => change({ port: event.target.value })}
          />
        </label>
        <label>
          Action{' '}
          <select aria-label="Filter rules by action" value={filter.action} onChange={(event) => change({ action: event.target.value })}>
            <option value="">any</option>
            {options.actions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.value} ({option.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Chain{' '}
          <select aria-label="Filter rules by chain" value={filter.chain} onChange={(event) => change({ chain: event.target.value })}>
            <option value="">any</option>
            {options.chains.map((option) => (
              <option key={option.value} value={option.value}>
                {option.value} ({option.count})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => change(NO_FILTER)} disabled={filter === NO_FILTER}>
          Clear filters
        </button>
        <span className="muted" data-testid="rules-count" aria-live="polite">
          {portInvalid ? 'port must be a number from 0 to 65535' : `${shown.length} of ${rules.length} rules`}
        </span>
      </div>
      <div className="table-scroll rules-scroll" ref={scroller} tabIndex={0} aria-label="Rules, scrollable">
        <table className="grid rules-table" data-testid="rules-table">
          <colgroup>
            <col className="col-chain" />
            <col className="col-position" />
            <col className="col-action" />
            <col />
            <col className="col-packets" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Chain</th>
              <th scope="col">#</th>
              <th scope="col">Action</th>
              <th scope="col">Rule</th>
              <th scope="col">Packets</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={before} columns={5} />
            {items.map((item) => {
              const rule = rules[shown[item.index]!]!;
              return <RuleRow key={rule.id} rule={rule} highlighted={rule.id === highlighted} />;
            })}
            <SpacerRow height={after} columns={5} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RuleRow({ rule, highlighted }: { rule: FirewallRuleRowView; highlighted: boolean }) {
  const chain = `${rule.family} ${rule.table} ${rule.chain}`;
  return (
    <tr data-rule={rule.id} className={highlighted ? 'rule-highlight' : undefined} style={{ height: ROW_HEIGHT }}>
      <td className="mono clip" title={`${chain} (${rule.source})`}>
        {chain}
      </td>
      <td className="mono">{rule.position}</td>
      <td className={`action action-${rule.action}`}>
        {rule.action}
        {rule.target ? ` ${rule.target}` : ''}
        {rule.unmodelled && (
          <span className="muted" title="part of this rule is not modelled: its reach is undetermined">
            {' '}
            (unmodelled)
          </span>
        )}
      </td>
      <td className="mono clip" title={rule.text}>
        {rule.text}
      </td>
      <td className="mono">{rule.packets ?? '—'}</td>
    </tr>
  );
}
