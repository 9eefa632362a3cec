// One host's firewall as its page shows it: what each socket is exposed to
// and the rule that decides it, the chains with their policies, and the
// rules as compact table rows (text, action, ports; the tool's verbatim
// output stays in the raw outputs). Rules can be asked for whole or a page
// at a time.
import type { FindingView, FirewallChainView, FirewallHostRulesView, FirewallRuleRowView, SocketExposureView } from '../../../../preload/contract';
import type { ExposureEntry } from '../../collectors/firewall/exposure';
import type { FirewallFacts } from '../../collectors/firewall/firewall-facts';
import type { FirewallRule, PortMatch, RuleMatch } from '../../collectors/firewall/firewall-model';
import type { HostPolicy } from '../../posture/host-context';
import { comparePorts, portExposureView } from './port-conformance';

export interface RulesHost {
  name: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  roles: string[];
  policy: HostPolicy;
  counterpart: string | null;
}

export interface RulesPage {
  offset?: number;
  limit?: number;
}

/** Every rule OpsDeck read on the host: the host's own rules, then (SmartOS) the fwadm rules of its zones. */
export function allRules(facts: FirewallFacts): FirewallRule[] {
  return facts.zoneRules ? [...facts.ruleset.rules, ...facts.zoneRules.rules] : facts.ruleset.rules;
}

export function hostRulesView(facts: FirewallFacts, host: RulesHost, scannedAt: string | null, findings: FindingView[], page: RulesPage = {}): FirewallHostRulesView {
  const rules = allRules(facts);
  const offset = Math.min(page.offset ?? 0, rules.length);
  const end = page.limit === undefined ? rules.length : Math.min(rules.length, offset + page.limit);
  return {
    host: host.name,
    dc: host.dc,
    siteRole: host.siteRole,
    roles: [...host.roles],
    os: facts.os,
    scannedAt,
    firewall: { state: facts.firewall.state, reason: facts.firewall.reason },
    listenersKnown: facts.listenersKnown,
    processesShown: facts.processesShown,
    counterpart: host.counterpart,
    sources: facts.sources.map((source) => ({ commandId: source.commandId, command: source.command, status: source.status, message: source.message })),
    warnings: [...facts.warnings, ...facts.ruleset.warnings],
    visibility: facts.ruleset.visibility,
    defaultInput: { ipv4: facts.defaultInput.ipv4.summary, ipv6: facts.defaultInput.ipv6.summary },
    exposure: facts.exposure.map((entry) => socketExposureView(entry, host.policy)).sort(comparePorts),
    chains: chainViews(facts, rules),
    findings: findings.filter((finding) => finding.host === host.name && finding.area === 'firewall'),
    totalRules: rules.length,
    offset,
    rules: rules.slice(offset, end).map(ruleRow),
  };
}

function socketExposureView(entry: ExposureEntry, policy: HostPolicy): SocketExposureView {
  return {
    ...portExposureView(entry, policy),
    decidedBy: entry.decidedBy?.text ?? null,
    address: entry.address,
    interface: entry.interface,
    socket: entry.socket,
    summary: entry.summary,
    ruleId: entry.decidedBy?.kind === 'rule' ? entry.decidedBy.ruleId : null,
    decisions: entry.decisions.map((decision) => ({
      outcome: decision.outcome,
      sources: decision.sources,
      decidedBy: decision.ref.text,
      ruleId: decision.ref.kind === 'rule' ? decision.ref.ruleId : null,
      reasons: decision.reasons,
    })),
    reasons: entry.reasons,
  };
}

function chainViews(facts: FirewallFacts, rules: FirewallRule[]): FirewallChainView[] {
  const counts = new Map<string, number>();
  for (const rule of rules) {
    const key = chainKey(rule.source, rule.family, rule.table, rule.chain);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const chains = facts.zoneRules ? [...facts.ruleset.chains, ...facts.zoneRules.chains] : facts.ruleset.chains;
  return chains.map((chain) => ({
    id: chain.id,
    source: chain.source,
    family: chain.family,
    table: chain.table,
    name: chain.name,
    hook: chain.hook,
    priority: chain.priority,
    policy: chain.policy,
    rules: counts.get(chainKey(chain.source, chain.family, chain.table, chain.name)) ?? 0,
  }));
}

function chainKey(source: string, family: string, table: string, chain: string): string {
  return `${source}:${family}/${table}/${chain}`;
}

export function ruleRow(rule: FirewallRule): FirewallRuleRowView {
  return {
    id: rule.id,
    source: rule.source,
    family: rule.family,
    table: rule.table,
    chain: rule.chain,
    position: rule.position,
    action: rule.action.kind,
    target: rule.action.target,
    text: rule.text,
    comment: rule.comment,
    packets: rule.counters?.packets ?? null,
    bytes: rule.counters?.bytes ?? null,
    ports: destinationPorts(rule.match),
    unmodelled: rule.unmodelled,
  };
}

/** The destination ports a rule names, including those of concatenated-set alternatives; negated matches left out. */
export function destinationPorts(match: RuleMatch): number[] {
  const out: number[] = [];
  const add = (ports: PortMatch[] | undefined) => {
    for (const each of ports ?? []) if (!each.negate) for (const range of each.ranges) out.push(range.from, range.to);
  };
  add(match.destinationPorts);
  for (const alternative of match.alternatives ?? []) if (!alternative.negate) for (const option of alternative.options) add(option.destinationPorts);
  return out;
}
