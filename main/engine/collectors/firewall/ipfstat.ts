// `ipfstat -io` / `ipfstat -6io` (illumos ipf 4.1) into the rule model.
//
// The OUTBOUND list is printed before the inbound one, with no separator:
// each line is classified by its own `in`/`out` (ipfstat-io.md). `-n`
// prefixes `@N `, `-h` a hit count. No rules loaded: nothing on stdout and
// `empty list for ipfilter(out)` / `empty list for ipfilter(in)` on stderr,
// exit 0 — an empty ruleset, not an error. ipf evaluates a list to the END
// and the last matching rule wins, unless a `quick` rule matches first
// (ipf(5)); the chains carry `evaluation: 'last-match'`. With no matching
// rule ipf passes the packet (ipf -V "Default: pass all"; fwadm-managed
// zones end their inbound list with an explicit `block in all`).
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { chainId, emptyRuleset, ruleId, type FirewallRuleset, type RuleFamily } from './firewall-model';
import { parseIpfRule } from './ipf-rule';
import { outputLines } from '../output-lines';
import { toolFailure } from './tool-failure';

export interface IpfRules {
  family: 'ip' | 'ip6';
  ruleset: FirewallRuleset;
}

export function parseIpfstat(stdout: string, stderr: string, exitCode: number | null): Parsed<IpfRules> {
  return parseList(stdout, stderr, exitCode, 'ip');
}

export function parseIpfstat6(stdout: string, stderr: string, exitCode: number | null): Parsed<IpfRules> {
  return parseList(stdout, stderr, exitCode, 'ip6');
}

function parseList(stdout: string, stderr: string, exitCode: number | null, family: 'ip' | 'ip6'): Parsed<IpfRules> {
  const failure = toolFailure('ipfstat', stdout, stderr, exitCode);
  if (failure) return failure;
  const refused = refuseInput(stdout, 'ipfstat');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'ipfstat');
  const ruleset = emptyRuleset();
  ruleset.tables.push({ id: `ipf:${family}/ipf`, source: 'ipf', family, name: 'ipf', handle: null });
  for (const direction of ['in', 'out'] as const) {
    ruleset.chains.push({
      id: chainId('ipf', family, 'ipf', direction),
      source: 'ipf',
      family,
      table: 'ipf',
      name: direction,
      hook: direction === 'in' ? 'input' : 'output',
      type: 'filter',
      priority: 0,
      policy: 'accept',
      device: null,
      counters: null,
      evaluation: 'last-match',
      handle: null,
    });
  }
  const positions = { in: 0, out: 0 };
  const unknown: Array<{ line: string; number: number }> = [];
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    // ipfstat prints rules only: a "#" line is not its output (ipf.conf comments are not loaded).
    if (line.startsWith('#')) {
      unknown.push({ line, number: index + 1 });
      continue;
    }
    // `-n`: `@3 pass in …`; `-h`: `12 pass in …`.
    const prefix = /^(?:@(\d+)\s+)?(?:(\d+)\s+)?(.*)$/.exec(line)!;
    const hits = prefix[2];
    const text = prefix[3] ?? '';
    const parts = parseIpfRule(text);
    if (!parts) {
      unknown.push({ line, number: index + 1 });
      continue;
    }
    const position = positions[parts.direction]++;
    ruleset.rules.push({
      id: ruleId('ipf', family as RuleFamily, 'ipf', parts.direction, position),
      source: 'ipf',
      family,
      table: 'ipf',
      chain: parts.direction,
      position,
      handle: prefix[1] ? Number(prefix[1]) : null,
      match: parts.match,
      action: parts.action,
      statements: parts.statements,
      counters: hits !== undefined ? { packets: Number(hits), bytes: 0 } : null,
      comment: null,
      text,
      raw: raw.trimEnd(),
      unmodelled: parts.unmodelledParts.length > 0,
      unmodelledParts: parts.unmodelledParts,
      expansion: null,
      ipf: { quick: parts.quick, direction: parts.direction },
      fwadm: null,
    });
  }
  if (unknown.length > 0 && unknown.length >= ruleset.rules.length) {
    return parsedFailure('unparsed', `not ipfstat output: ${unknown.length} of ${unknown.length + ruleset.rules.length} lines are not ipf rules (${JSON.stringify(unknown[0]!.line.slice(0, 80))})`);
  }
  // ipf lists are last-match: a rule that could not be read may decide any packet, so it is not kept aside as if it did nothing.
  for (const { line, number } of unknown) skipped.push(skippedInput(`line ${number}`, line, 'not an ipf rule OpsDeck can read'));
  if (/empty list for ipfilter/.test(stderr) && ruleset.rules.length === 0) warnings.push('no ipf rules are loaded (empty list for ipfilter)');
  return parsedOk({ family, ruleset }, warnings, skipped, family === 'ip6' ? 'ipfstat -6io' : 'ipfstat -io');
}
