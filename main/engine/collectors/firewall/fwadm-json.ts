// `fwadm list -j` (SmartOS global zone) into the rule model. A pretty JSON
// array; keys per rule in fwrule serialize() order: created_by, description,
// enabled (always), global (only when true), log, owner_uuid (owned rules
// only), rule, uuid, version (`<epoch-ms>.<pid>`, not semver). Empty: `[]`.
//
// fwadm rules are zone (VM) rules, not global-zone ones: a rule becomes an
// `in` rule for the VMs it targets with TO (from the FROM networks), and an
// `out` rule for the VMs it names with FROM. The VM side is kept as a
// `vm-selector` match. fwrule(7): a VM with its firewall enabled blocks all
// inbound and allows all outbound traffic; where an ALLOW and a BLOCK rule
// cover the same VM and port, the one against the default wins (inbound:
// ALLOW).
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { appendAll, chainId, emptyRuleset, ruleId, type FirewallRule, type FirewallRuleset, type RuleMatch } from './firewall-model';
import { parseFwadmRuleText, type FwadmTargets } from './fwadm-rule';
import { jsonNestingDepth } from './json-depth';
import { toolFailure } from './tool-failure';
import { errorMessage } from '../../errors/error-message';

export interface FwadmRules {
  ruleset: FirewallRuleset;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFwadmList(stdout: string, stderr: string, exitCode: number | null): Parsed<FwadmRules> {
  const failure = toolFailure('fwadm', stdout, stderr, exitCode);
  if (failure) return failure;
  const refused = refuseInput(stdout, 'fwadm list -j');
  if (refused) return refused;
  const text = stdout.trim();
  // `fwadm list` (table) prints nothing at all for an empty rule set; -j prints `[]`.
  if (text === '') return parsedOk({ ruleset: fwadmRuleset([]) }, ['fwadm printed nothing: no rules']);
  if (!text.startsWith('[')) return parsedFailure('unparsed', 'fwadm list -j output is not a JSON array (table output? OpsDeck reads `fwadm list -j`)');
  if (jsonNestingDepth(text, 16) > 16) return parsedFailure('unparsed', 'fwadm list -j output nests too deeply: not fwadm output');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return parsedFailure('unparsed', `fwadm list -j output is not valid JSON (${errorMessage(error)}); truncated?`);
  }
  if (!Array.isArray(document)) return parsedFailure('unparsed', 'fwadm list -j output is not a JSON array');
  const readable = document.filter((entry) => isObject(entry) && typeof entry.rule === 'string').length;
  if (document.length > 0 && readable * 2 < document.length) {
    return parsedFailure('unparsed', `not fwadm list -j output: ${document.length - readable} of ${document.length} array elements are not rule objects with a "rule" text`);
  }
  const warnings: string[] = [];
  const skipped: SkippedInput[] = [];
  const rules: FirewallRule[] = [];
  document.forEach((entry, position) => {
    if (!isObject(entry) || typeof entry.rule !== 'string') {
      skipped.push(skippedInput(`[${position}]`, JSON.stringify(entry) ?? String(entry), 'no "rule" text: what it allows or blocks is unknown'));
      return;
    }
    if (typeof entry.enabled !== 'boolean') warnings.push(`fwadm rule ${String(entry.uuid)} does not say whether it is enabled (list -o?): assumed enabled`);
    appendAll(rules, fwadmModelRules(entry, position));
  });
  return parsedOk({ ruleset: fwadmRuleset(rules) }, warnings, skipped, 'fwadm list -j');
}

function fwadmRuleset(rules: FirewallRule[]): FirewallRuleset {
  const ruleset = emptyRuleset();
  ruleset.tables.push({ id: 'fwadm:inet/fwadm', source: 'fwadm', family: 'inet', name: 'fwadm', handle: null });
  for (const name of ['in', 'out']) {
    ruleset.chains.push({
      id: chainId('fwadm', 'inet', 'fwadm', name),
      source: 'fwadm',
      family: 'inet',
      table: 'fwadm',
      name,
      // Zone rules: not on the global zone's own path, so no hook.
      hook: null,
      type: 'filter',
      priority: null,
      policy: name === 'in' ? 'drop' : 'accept',
      device: null,
      counters: null,
      evaluation: 'first-match',
      handle: null,
    });
  }
  ruleset.rules = rules;
  return ruleset;
}

function hasVms(targets: FwadmTargets): boolean {
  return targets.allVms || targets.vms.length > 0 || targets.tags.length > 0;
}

function fwadmModelRules(entry: Record<string, unknown>, position: number): FirewallRule[] {
  const text = entry.rule as string;
  const parsed = parseFwadmRuleText(text);
  const fwadm = {
    uuid: typeof entry.uuid === 'string' ? entry.uuid : '',
    enabled: entry.enabled !== false,
    global: entry.global === true,
    ownerUuid: typeof entry.owner_uuid === 'string' ? entry.owner_uuid : null,
    description: typeof entry.description === 'string' ? entry.description : null,
  };
  const raw = JSON.stringify(entry);
  const base = (chain: 'in' | 'out', match: RuleMatch, unmodelledParts: string[]): FirewallRule => ({
    id: ruleId('fwadm', 'inet', 'fwadm', chain, position),
    source: 'fwadm',
    family: 'inet',
    table: 'fwadm',
    chain,
    position,
    handle: null,
    match,
    action: parsed
      ? { kind: parsed.action === 'allow' ? 'accept' : 'drop', target: null, detail: parsed.priority !== null ? `priority ${parsed.priority}` : null }
      : { kind: 'unmodelled', target: null, detail: text },
    statements: entry.log === true ? ['log'] : [],
    counters: null,
    comment: fwadm.description,
    text,
    raw,
    unmodelled: unmodelledParts.length > 0,
    unmodelledParts,
    expansion: null,
    ipf: null,
    fwadm,
  });
  if (!parsed) return [base('in', { unmodelled: [text] }, [`rule text not understood: ${text}`])];
  const common = (): RuleMatch => {
    const match: RuleMatch = {};
    if (parsed.protocol !== 'all') match.protocols = [{ negate: false, values: [parsed.protocol], sets: [] }];
    if (parsed.ports) match.destinationPorts = [{ negate: false, ranges: parsed.ports, sets: [] }];
    if (parsed.icmpTypes.length) match.extras = [{ kind: 'icmp-type', negate: false, types: parsed.icmpTypes }];
    return match;
  };
  const out: FirewallRule[] = [];
  if (hasVms(parsed.to)) {
    const match = common();
    if (!parsed.from.any && parsed.from.networks.length) match.sources = [{ negate: false, networks: parsed.from.networks, sets: [], dynamic: false }];
    if (hasVms(parsed.from)) (match.extras ??= []).push({ kind: 'vm-selector', side: 'source', allVms: parsed.from.allVms, vms: parsed.from.vms, tags: parsed.from.tags });
    (match.extras ??= []).push({ kind: 'vm-selector', side: 'destination', allVms: parsed.to.allVms, vms: parsed.to.vms, tags: parsed.to.tags });
    out.push(base('in', match, []));
  }
  if (hasVms(parsed.from)) {
    const match = common();
    if (!parsed.to.any && parsed.to.networks.length) match.destinations = [{ negate: false, networks: parsed.to.networks, sets: [], dynamic: false }];
    (match.extras ??= []).push({ kind: 'vm-selector', side: 'source', allVms: parsed.from.allVms, vms: parsed.from.vms, tags: parsed.from.tags });
    if (hasVms(parsed.to)) match.extras.push({ kind: 'vm-selector', side: 'destination', allVms: parsed.to.allVms, vms: parsed.to.vms, tags: parsed.to.tags });
    out.push(base('out', match, []));
  }
  if (out.length === 0) return [base('in', { unmodelled: [text] }, ['rule targets no VM (fwrule(7): "rule does not affect VMs")'])];
  return out;
}
