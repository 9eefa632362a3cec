// Filtering a host's rules as the operator types: free text (every word
// must occur in the rule, its comment, chain, table, family or action), a
// destination port, an action, a chain. Each rule's searchable text is
// built once, so a keystroke over 50,000 rules is one pass of substring
// tests.
import type { FirewallRuleRowView } from '../../../preload/contract';

export interface RuleFilter {
  text: string;
  /** A port number as typed; empty for any. */
  port: string;
  /** An action (accept, drop, jump…); empty for any. */
  action: string;
  /** A chain key (chainKeyOf); empty for any. */
  chain: string;
}

export const NO_FILTER: RuleFilter = { text: '', port: '', action: '', chain: '' };

export interface IndexedRules {
  rows: FirewallRuleRowView[];
  haystacks: string[];
  chains: string[];
}

export function chainKeyOf(rule: Pick<FirewallRuleRowView, 'family' | 'table' | 'chain'>): string {
  return `${rule.family} ${rule.table} ${rule.chain}`;
}

export function indexRules(rows: FirewallRuleRowView[]): IndexedRules {
  const haystacks = new Array<string>(rows.length);
  const chains = new Array<string>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const rule = rows[index]!;
    chains[index] = chainKeyOf(rule);
    haystacks[index] = `${rule.text}\n${rule.comment ?? ''}\n${chains[index]}\n${rule.action} ${rule.target ?? ''}\n${rule.source}`.toLowerCase();
  }
  return { rows, haystacks, chains };
}

/** A port filter as typed: a port number, null for none, or 'invalid' (not a number from 0 to 65535). */
export function parsePortFilter(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,5}$/.test(trimmed)) return 'invalid';
  const port = Number(trimmed);
  return port <= 65_535 ? port : 'invalid';
}

function namesPort(ports: number[], port: number): boolean {
  for (let index = 0; index + 1 < ports.length; index += 2) if (ports[index]! <= port && port <= ports[index + 1]!) return true;
  return false;
}

/** Indices of the rules that pass the filter, in their order. An invalid port filter passes nothing. */
export function filterRules(index: IndexedRules, filter: RuleFilter): number[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const port = parsePortFilter(filter.port);
  const out: number[] = [];
  if (port === 'invalid') return out;
  const { rows, haystacks, chains } = index;
  for (let at = 0; at < rows.length; at++) {
    if (filter.chain && chains[at] !== filter.chain) continue;
    const rule = rows[at]!;
    if (filter.action && rule.action !== filter.action) continue;
    if (port !== null && !namesPort(rule.ports, port)) continue;
    if (words.length > 0) {
      const haystack = haystacks[at]!;
      let all = true;
      for (const word of words) {
        if (!haystack.includes(word)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
    }
    out.push(at);
  }
  return out;
}

/** The values the action and chain selects offer, with how many rules each has, sorted by name. */
export function filterOptions(index: IndexedRules): { actions: { value: string; count: number }[]; chains: { value: string; count: number }[] } {
  const actions = new Map<string, number>();
  const chains = new Map<string, number>();
  for (let at = 0; at < index.rows.length; at++) {
    const action = index.rows[at]!.action;
    actions.set(action, (actions.get(action) ?? 0) + 1);
    chains.set(index.chains[at]!, (chains.get(index.chains[at]!) ?? 0) + 1);
  }
  return {
    actions: [...actions].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value)),
    chains: [...chains].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true })),
  };
}
