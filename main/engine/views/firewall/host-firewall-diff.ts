// Two hosts' firewalls compared: their effective exposure port by port
// (the sources that can, or may, connect — compared as address sets, so
// two rulesets written differently but letting in the same networks are
// the same), the base chains whose default policy differs, and the rules
// one has that the other has not (as a multiset of chain + text, counters
// left out, so a reordered ruleset is not a difference).
import type { ExposureDiffRow, ExposureDiffSide, FirewallHostDiffView, RuleDiffRow } from '../../../../preload/contract';
import { EMPTY_SET, unionSets, type AddrSet } from '../../collectors/firewall/address-set';
import type { ExposureEntry } from '../../collectors/firewall/exposure';
import type { FirewallFacts } from '../../collectors/firewall/firewall-facts';
import type { FirewallRule } from '../../collectors/firewall/firewall-model';
import { sourceUniverse } from '../../collectors/firewall/input-path';
import { reachedSources, undeterminedSources, versionOf } from '../../posture/firewall-baseline';
import type { LogicalNetworks } from '../../inventory/inventory-schema';
import type { HostPolicy } from '../../posture/host-context';
import { allRules } from './host-rules-view';
import { comparePorts, portExposureView, portKey, worseExposure } from './port-conformance';
import { sameAcrossSites } from './site-networks';

export interface DiffHost {
  name: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  roles: string[];
  policy: HostPolicy;
  facts: FirewallFacts;
}

export const RULE_DIFF_LIMIT = 2000;

interface PortSide {
  view: ExposureDiffSide & { proto: 'tcp' | 'udp'; port: number; family: 'ipv4' | 'ipv6' };
  reached: AddrSet;
  maybe: AddrSet;
}

/** `networks`: the inventory's per-site networks, so each site's own copy of one compares as the same. */
export function firewallHostDiff(a: DiffHost, b: DiffHost, limit = RULE_DIFF_LIMIT, networks?: LogicalNetworks): FirewallHostDiffView {
  const rulesA = allRules(a.facts);
  const rulesB = allRules(b.facts);
  return {
    a: { host: a.name, dc: a.dc, siteRole: a.siteRole, roles: [...a.roles], rules: rulesA.length },
    b: { host: b.name, dc: b.dc, siteRole: b.siteRole, roles: [...b.roles], rules: rulesB.length },
    exposure: exposureDiff(a, b, networks),
    policies: policyDiff(a.facts, b.facts),
    rules: ruleDiff(rulesA, rulesB, limit),
  };
}

function portSides(host: DiffHost): Map<string, PortSide> {
  const sides = new Map<string, PortSide>();
  for (const entry of host.facts.exposure) {
    if (entry.reachability === 'local-only') continue;
    const { proto, port, family, reachability, conformance, reach, decidedBy } = portExposureView(entry, host.policy);
    const view = { proto, port, family, reachability, conformance, reach, decidedBy };
    const key = portKey(view);
    const existing = sides.get(key);
    const reached = reachedSources(entry);
    const maybe = undeterminedOf(entry);
    if (!existing) sides.set(key, { view, reached, maybe });
    else sides.set(key, { view: worseExposure(existing.view, view), reached: unionSets(existing.reached, reached), maybe: unionSets(existing.maybe, maybe) });
  }
  return sides;
}

function undeterminedOf(entry: ExposureEntry): AddrSet {
  // Unreadable rules leave every source undetermined; the entry lists none.
  if (entry.basis === 'ruleset-unavailable') return sourceUniverse(versionOf(entry));
  return undeterminedSources(entry);
}

function exposureDiff(a: DiffHost, b: DiffHost, networks: LogicalNetworks | undefined): ExposureDiffRow[] {
  const sidesA = portSides(a);
  const sidesB = portSides(b);
  const keys = new Set([...sidesA.keys(), ...sidesB.keys()]);
  const rows: ExposureDiffRow[] = [];
  for (const key of keys) {
    const left = sidesA.get(key);
    const right = sidesB.get(key);
    const { proto, port, family } = (left ?? right)!.view;
    const version = family === 'ipv4' ? 4 : 6;
    const reached = sameAcrossSites({ sources: left?.reached ?? EMPTY_SET, dc: a.dc }, { sources: right?.reached ?? EMPTY_SET, dc: b.dc }, networks, version);
    const maybe = sameAcrossSites({ sources: left?.maybe ?? EMPTY_SET, dc: a.dc }, { sources: right?.maybe ?? EMPTY_SET, dc: b.dc }, networks, version);
    const differs = !reached.same || !maybe.same;
    const via = differs ? [] : [...new Set([...reached.via, ...maybe.via])];
    rows.push({ proto, port, family, a: left ? sideOf(left) : null, b: right ? sideOf(right) : null, differs, ...(via.length ? { samePerSite: via } : {}) });
  }
  return rows.sort(comparePorts);
}

function sideOf(side: PortSide): ExposureDiffSide {
  const { reachability, conformance, reach, decidedBy } = side.view;
  return { reachability, conformance, reach, decidedBy };
}

function policyDiff(a: FirewallFacts, b: FirewallFacts): FirewallHostDiffView['policies'] {
  const policies = (facts: FirewallFacts) => {
    const chains = facts.zoneRules ? [...facts.ruleset.chains, ...facts.zoneRules.chains] : facts.ruleset.chains;
    return new Map(chains.filter((chain) => chain.hook !== null).map((chain) => [`${chain.family} ${chain.table} ${chain.name}`, chain.policy ?? 'none']));
  };
  const left = policies(a);
  const right = policies(b);
  const chains = [...new Set([...left.keys(), ...right.keys()])].sort();
  return chains.filter((chain) => left.get(chain) !== right.get(chain)).map((chain) => ({ chain, a: left.get(chain) ?? null, b: right.get(chain) ?? null }));
}

/** A rule's text without its packet and byte counters, which change with traffic, not with the ruleset. */
export function comparableRuleText(text: string): string {
  return text
    .replace(/\bcounter packets \d+ bytes \d+/g, 'counter')
    .replace(/^\[\d+:\d+\]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function ruleKey(rule: FirewallRule): { key: string; chain: string } {
  const chain = `${rule.family} ${rule.table} ${rule.chain}`;
  return { key: `${chain}\u0000${comparableRuleText(rule.text)}`, chain };
}

function ruleDiff(rulesA: FirewallRule[], rulesB: FirewallRule[], limit: number): FirewallHostDiffView['rules'] {
  const countsB = new Map<string, number>();
  for (const rule of rulesB) {
    const { key } = ruleKey(rule);
    countsB.set(key, (countsB.get(key) ?? 0) + 1);
  }
  const onlyA = surplus(rulesA, countsB);
  const countsA = new Map<string, number>();
  for (const rule of rulesA) {
    const { key } = ruleKey(rule);
    countsA.set(key, (countsA.get(key) ?? 0) + 1);
  }
  const onlyB = surplus(rulesB, countsA);
  const total = (rows: RuleDiffRow[]) => rows.reduce((sum, row) => sum + row.count, 0);
  const onlyATotal = total(onlyA);
  return { onlyA: onlyA.slice(0, limit), onlyB: onlyB.slice(0, limit), onlyATotal, onlyBTotal: total(onlyB), same: rulesA.length - onlyATotal, limit };
}

/** Rules of `rules` beyond what `otherCounts` holds, in their order of first appearance. */
function surplus(rules: FirewallRule[], otherCounts: Map<string, number>): RuleDiffRow[] {
  const seen = new Map<string, RuleDiffRow>();
  const mine = new Map<string, number>();
  for (const rule of rules) {
    const { key, chain } = ruleKey(rule);
    const count = (mine.get(key) ?? 0) + 1;
    mine.set(key, count);
    if (count <= (otherCounts.get(key) ?? 0)) continue;
    const row = seen.get(key);
    if (row) row.count++;
    else seen.set(key, { chain, action: rule.action.kind, text: comparableRuleText(rule.text), count: 1 });
  }
  return [...seen.values()];
}
