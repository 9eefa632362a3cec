// Findings about the host's filtering as a whole, from the input path's
// default (what happens to a connection to a port no rule names): nothing
// filters at all, the rules could not be read, the default is accept, or
// IPv6 accepts what IPv4 filters.
import { FIREWALL_COMMAND_IDS as ids } from '../collectors/firewall/firewall-commands';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { refCommandIds, refText } from './firewall-evidence';
import { FIREWALL_FINDING_KINDS as kinds, firewallFinding } from './firewall-finding-kinds';
import type { Finding } from './finding';
import type { HostContext } from './host-context';

function reachableListeners(facts: FirewallFacts, family: 'ipv4' | 'ipv6' | null): number {
  return facts.exposure.filter((entry) => (family === null || entry.family === family) && (entry.reachability === 'any' || entry.reachability === 'some')).length;
}

export function filteringFindings(facts: FirewallFacts, context: HostContext): Finding[] {
  const base = { host: context.host, dc: context.dc };
  if (facts.firewall.state === 'unknown') {
    return [
      firewallFinding({
        ...base,
        kind: kinds.rulesUnreadable,
        severity: 'medium',
        title: `Firewall rules could not be read: ${facts.firewall.reason.split('; ')[0]}`,
        detail: `Without the rules OpsDeck cannot tell what is reachable on ${context.host}.\n${facts.sources
          .filter((source) => source.status !== 'ok')
          .map((source) => `${source.command}: ${source.status}${source.message ? ` — ${source.message}` : ''}`)
          .join('\n')}`,
        commandIds: facts.sources.filter((source) => source.status !== 'ok').map((source) => source.commandId),
        excerpt: facts.sources.filter((source) => source.message).map((source) => `${source.command}: ${source.message}`),
      }),
    ];
  }
  if (facts.firewall.state === 'inactive') {
    const exposed = reachableListeners(facts, null);
    const smartos = facts.os === 'smartos';
    return [
      firewallFinding({
        ...base,
        kind: kinds.inactive,
        severity: exposed > 0 ? 'critical' : 'high',
        title: `Firewall inactive: ${facts.firewall.reason}`,
        detail: `Nothing filters inbound traffic to ${context.host}; every listening socket is reachable from any address (${exposed} reachable socket entries).`,
        commandIds: smartos ? [ids.svcsIpfilter, ids.ipfstatV4, ids.ipfstatV6] : [ids.nftJson, ids.iptablesSave, ids.ip6tablesSave],
        excerpt: [facts.ipfilter?.line ?? facts.firewall.reason, ...facts.exposure.filter((entry) => entry.reachability === 'any').map((entry) => entry.socket.trim())],
      }),
    ];
  }
  const findings: Finding[] = [];
  const v4 = facts.defaultInput.ipv4;
  const v6 = facts.defaultInput.ipv6;
  const v4Open = v4.reachability === 'any';
  const v6Open = v6.reachability === 'any';
  if (v4Open) {
    findings.push(
      firewallFinding({
        ...base,
        kind: kinds.inputAccept,
        severity: reachableListeners(facts, 'ipv4') > 0 ? 'high' : 'medium',
        title: `Input accepts connections to any port by default (${v6Open ? 'IPv4 and IPv6' : 'IPv4'}): no drop policy and no catch-all drop`,
        detail: `A new connection to a port no rule names (tcp/${v4.port}) is accepted from any address — ${refText(v4.decidedBy) ?? 'no rule decides'}. Any service started later is exposed without a rule change.`,
        commandIds: refCommandIds(facts, v4.decidedBy),
        excerpt: [refText(v4.decidedBy) ?? '', ...(v6Open ? [refText(v6.decidedBy) ?? ''] : [])],
      }),
    );
  } else if (v6Open && v4.reachability !== 'undetermined') {
    const exposedV6 = reachableListeners(facts, 'ipv6');
    findings.push(
      firewallFinding({
        ...base,
        kind: kinds.ipv6Unfiltered,
        severity: exposedV6 > 0 ? 'high' : 'medium',
        title: 'IPv6 is unfiltered while IPv4 is filtered: a port no rule names is reachable over IPv6 from any address',
        detail: `IPv4: ${v4.summary}\nIPv6: ${v6.summary}\n${exposedV6} IPv6 socket entries are reachable.`,
        commandIds: [...refCommandIds(facts, v4.decidedBy), ...refCommandIds(facts, v6.decidedBy)],
        excerpt: [`IPv4: ${refText(v4.decidedBy) ?? v4.summary}`, `IPv6: ${refText(v6.decidedBy) ?? v6.summary}`],
      }),
    );
  }
  return findings;
}
