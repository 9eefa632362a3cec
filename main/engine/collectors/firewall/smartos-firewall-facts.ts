// Firewall facts of a SmartOS global zone. Its own sockets are filtered by
// the GZ's ipf lists when svc:/network/ipfilter is online (a disabled
// service filters nothing, whatever rules a file may hold). The zones have
// their own firewalls: fwadm rules for zones whose firewall_enabled is true.
//
// illumos netstat shows a dual-stack socket (an AF_INET6 socket accepting
// IPv4-mapped connections) only in the IPv6 table; a wildcard IPv6 listener
// with no IPv4 listener on the same port is therefore analysed for both
// versions — over-reporting a port beats missing one.
import type { CommandOutput } from '../host-command';
import { wasRead } from '../parse-result';
import { appendAll, emptyRuleset, type FamilyVisibility, type FirewallRuleset, type Listener } from './firewall-model';
import { effectiveExposure, unlistedPortExposure } from './exposure';
import { FIREWALL_COMMAND_IDS as ids } from './firewall-commands';
import type { FirewallFacts } from './firewall-facts';
import { parseFwadmList } from './fwadm-json';
import { parseIpfstat, parseIpfstat6, type IpfRules } from './ipfstat';
import { parseSmartosNetstat } from './smartos-netstat';
import { firewallSources, readProblem } from './source-status';
import { OutputReader } from '../output-reader';
import { parseSvcsIpfilter } from './svcs-ipfilter';
import { parseVmadmList } from './vmadm-list';
import { zoneFirewalls } from './zone-firewall';

export function smartosFirewallFacts(outputs: CommandOutput[]): FirewallFacts {
  const reader = new OutputReader(outputs);
  const svcs = reader.read(ids.svcsIpfilter, parseSvcsIpfilter);
  const ipf4 = reader.read(ids.ipfstatV4, parseIpfstat);
  const ipf6 = reader.read(ids.ipfstatV6, parseIpfstat6);
  const fwadm = reader.read(ids.fwadmList, parseFwadmList);
  const vmadm = reader.read(ids.vmadmList, parseVmadmList);
  const net4 = reader.read(ids.netstatInet, parseSmartosNetstat);
  const net6 = reader.read(ids.netstatInet6, parseSmartosNetstat);
  const sources = firewallSources('smartos', reader);
  const warnings: string[] = [];
  const disabled = svcs?.status === 'service-disabled';
  const serviceState = svcs?.value?.state ?? null;
  const ruleset = emptyRuleset();
  if (!disabled) {
    for (const parsed of [ipf4, ipf6]) if (parsed && wasRead(parsed.status)) merge(ruleset, parsed.value!);
  }
  const ipfVisibility = (parsed: typeof ipf4, id: string, tool: string): FamilyVisibility => {
    if (disabled) return { state: 'complete', reasons: [] };
    if (parsed?.status === 'ok') return { state: 'complete', reasons: [] };
    if (parsed?.status === 'partial') return { state: 'incomplete', reasons: [`${parsed.message} — they may accept or drop anything, so nothing behind them counts as blocked`] };
    return { state: 'unknown', reasons: [`${tool}: ${readProblem(reader, id)}`] };
  };
  ruleset.visibility = { ipv4: ipfVisibility(ipf4, ids.ipfstatV4, 'ipfstat -io'), ipv6: ipfVisibility(ipf6, ids.ipfstatV6, 'ipfstat -6io') };
  const listeners = dualStack([...(net4 && wasRead(net4.status) ? net4.value!.listeners : []), ...(net6 && wasRead(net6.status) ? net6.value!.listeners : [])], warnings);
  const zoneRules = fwadm && wasRead(fwadm.status) ? fwadm.value!.ruleset : null;
  const zones = vmadm && wasRead(vmadm.status) ? zoneFirewalls(vmadm.value!.zones, zoneRules?.rules ?? []) : null;
  return {
    os: 'smartos',
    sources,
    ruleset,
    iptables: { ipv4: null, ipv6: null },
    ipfilter: svcs?.value ? { state: svcs.value.state, line: svcs.value.line } : null,
    firewall: firewallState(disabled, serviceState, reader.check(ids.svcsIpfilter)?.message ?? null, ruleset),
    listeners,
    listenersKnown: net4?.status === 'ok' || net6?.status === 'ok',
    processesShown: false,
    exposure: effectiveExposure(ruleset, listeners),
    defaultInput: { ipv4: unlistedPortExposure(ruleset, 4), ipv6: unlistedPortExposure(ruleset, 6) },
    zones,
    zoneRules,
    warnings: [...warnings, ...sources.flatMap((source) => source.warnings.map((warning) => `${source.command}: ${warning}`))],
  };
}

function merge(into: FirewallRuleset, list: IpfRules): void {
  appendAll(into.tables, list.ruleset.tables);
  appendAll(into.chains, list.ruleset.chains);
  appendAll(into.rules, list.ruleset.rules);
  appendAll(into.unmodelledObjects, list.ruleset.unmodelledObjects);
}

function dualStack(listeners: Listener[], warnings: string[]): Listener[] {
  const v4 = new Set(listeners.filter((each) => each.family === 'ipv4').map((each) => `${each.proto}/${each.port}`));
  return listeners.map((each) => {
    if (each.family !== 'ipv6' || each.address !== '::' || v4.has(`${each.proto}/${each.port}`)) return each;
    warnings.push(`${each.proto}/${each.port} listens on :: with no IPv4 socket: analysed as dual-stack (netstat cannot tell)`);
    return { ...each, family: 'dual' as const };
  });
}

function firewallState(disabled: boolean, state: string | null, message: string | null, ruleset: FirewallRuleset): { state: 'active' | 'inactive' | 'unknown'; reason: string } {
  if (disabled) return { state: 'inactive', reason: message ?? 'svc:/network/ipfilter is disabled' };
  if (state !== null && state !== 'online' && state !== 'degraded') return { state: 'inactive', reason: `svc:/network/ipfilter is ${state}` };
  if (ruleset.visibility.ipv4.state === 'unknown' && ruleset.visibility.ipv6.state === 'unknown') {
    return { state: 'unknown', reason: [message, ...ruleset.visibility.ipv4.reasons, ...ruleset.visibility.ipv6.reasons].filter(Boolean).join('; ') };
  }
  const rules = ruleset.rules.filter((rule) => rule.chain === 'in').length;
  return rules > 0
    ? { state: 'active', reason: `ipfilter ${state ?? 'state unknown'}, ${rules} inbound rule(s)` }
    : { state: 'inactive', reason: `ipfilter ${state ?? 'state unknown'} but no inbound rule is loaded (ipf passes everything)` };
}
