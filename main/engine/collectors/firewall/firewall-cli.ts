// `opsdeck parse firewall --format nft-json|iptables-save|ipfstat|fwadm-json
// [FILE|-]`: one saved output in (from a host OpsDeck cannot reach, kept as
// offline evidence), the normalized rule model out as plain JSON with a
// short summary. The text is taken as the command's stdout, exit status 0.
import { cliResult, isCliFormat, type ParseCliResult } from '../parse-cli-result';
import type { Parsed } from '../parse-result';
import type { FirewallRuleset } from './firewall-model';
import { parseFwadmList } from './fwadm-json';
import { parseIpfstat, parseIpfstat6 } from './ipfstat';
import { parseIptablesSave } from './iptables-save';
import { parseNftJson } from './nft-json';

export const FIREWALL_CLI_FORMATS = ['nft-json', 'iptables-save', 'ipfstat', 'fwadm-json'] as const;
export type FirewallCliFormat = (typeof FIREWALL_CLI_FORMATS)[number];

/** The value is the normalized model: tables, chains, rules, sets (JSON-serialisable). */
export type FirewallCliResult = ParseCliResult<FirewallCliFormat, FirewallRuleset | null>;

export function isFirewallCliFormat(text: string): text is FirewallCliFormat {
  return isCliFormat(FIREWALL_CLI_FORMATS, text);
}

function counts(ruleset: FirewallRuleset | null): Record<string, number> {
  return {
    tables: ruleset?.tables.length ?? 0,
    chains: ruleset?.chains.length ?? 0,
    rules: ruleset?.rules.length ?? 0,
    unmodelledRules: ruleset?.rules.filter((rule) => rule.unmodelled).length ?? 0,
  };
}

export function parseFirewallForCli(format: FirewallCliFormat, text: string): FirewallCliResult {
  switch (format) {
    case 'nft-json': {
      const parsed = parseNftJson(text, '', 0);
      const ruleset = parsed.value;
      return result(format, parsed, ruleset, { ...counts(ruleset), sets: ruleset?.sets.length ?? 0, version: ruleset?.versions.nftables ?? null });
    }
    case 'iptables-save': {
      const parsed = parseIptablesSave(text, '', 0);
      const save = parsed.value;
      return result(format, parsed, save?.ruleset ?? null, {
        ...counts(save?.ruleset ?? null),
        family: save?.family ?? null,
        backend: save?.backend ?? null,
        legacyTablesPresent: save?.legacyTablesPresent ?? null,
      });
    }
    case 'ipfstat': {
      // ipfstat -6io lists IPv6 rules; tell the two apart by their addresses and protocols.
      const v6 = /\b(ipv6-icmp|icmp6|inet6)\b|\s[0-9a-f]*:[0-9a-f:]*:[0-9a-f:/]*\s/i.test(text);
      const parsed = (v6 ? parseIpfstat6 : parseIpfstat)(text, '', 0);
      const ruleset = parsed.value?.ruleset ?? null;
      return result(format, parsed, ruleset, {
        ...counts(ruleset),
        family: parsed.value?.family ?? null,
        inbound: ruleset?.rules.filter((rule) => rule.chain === 'in').length ?? 0,
        outbound: ruleset?.rules.filter((rule) => rule.chain === 'out').length ?? 0,
      });
    }
    case 'fwadm-json': {
      const parsed = parseFwadmList(text, '', 0);
      const ruleset = parsed.value?.ruleset ?? null;
      const fwadm = [...new Map((ruleset?.rules ?? []).map((rule) => [rule.fwadm?.uuid ?? rule.id, rule.fwadm])).values()];
      return result(format, parsed, ruleset, {
        ...counts(ruleset),
        fwadmRules: fwadm.length,
        enabled: fwadm.filter((rule) => rule?.enabled).length,
        global: fwadm.filter((rule) => rule?.global).length,
      });
    }
  }
}

function result(format: FirewallCliFormat, parsed: Parsed<unknown>, value: FirewallRuleset | null, summary: FirewallCliResult['summary']): FirewallCliResult {
  return cliResult(format, parsed, summary, value);
}
