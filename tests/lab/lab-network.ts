// Builds the lab's network: one bridge per site in the root namespace (the
// root namespace's own address on it is where OpsDeck and the other tools
// run from), a namespace per bastion and host on a veth into that bridge,
// IPv6 off, an `unreachable` route for the lab's whole range so nothing
// addressed to it leaves the machine, each namespace's firewall, and
// optional netem latency towards the secondary site.
import { writeFileSync } from 'node:fs';
import { bastionNftRuleset, IP6TABLES_LEGACY_RULES, iptablesLegacyRules, nftRuleset } from './lab-firewall-rules';
import type { StateRecorder } from './lab-state';
import { must, mustInNetns, run } from './lab-system';
import { LAB_SUPERNET, type LabHost, type LabNode, type LabSite, type LabTopology } from './lab-topology';

/** Refuses to build over anything already using the lab's range. */
export function checkRangeIsFree(): void {
  const routes = run('ip', ['-4', 'route', 'show', 'root', LAB_SUPERNET]).stdout.trim();
  const addresses = run('ip', ['-4', '-o', 'addr', 'show'])
    .stdout.split('\n')
    .filter((line) => /\sinet 10\.250\./.test(line));
  if (routes || addresses.length > 0) {
    throw new Error(`${LAB_SUPERNET} is already in use on this machine (${[routes, ...addresses].filter(Boolean).join('; ')}); the lab will not build over it`);
  }
}

function disableIpv6OnRootLink(name: string): void {
  writeFileSync(`/proc/sys/net/ipv6/conf/${name}/disable_ipv6`, '1');
}

export function addUnreachableRoute(recorder: StateRecorder): void {
  recorder.create({ kind: 'route', type: 'unreachable', prefix: LAB_SUPERNET }, () => must('ip', ['route', 'add', 'unreachable', LAB_SUPERNET]));
}

export function addSiteBridge(site: LabSite, recorder: StateRecorder): void {
  recorder.create({ kind: 'link', name: site.bridge }, () => must('ip', ['link', 'add', site.bridge, 'type', 'bridge']));
  disableIpv6OnRootLink(site.bridge);
  must('ip', ['addr', 'add', `${site.gateway}/24`, 'dev', site.bridge]);
  must('ip', ['link', 'set', site.bridge, 'up']);
}

export function addNode(site: LabSite, node: LabNode, recorder: StateRecorder): void {
  recorder.create({ kind: 'netns', name: node.netns }, () => must('ip', ['netns', 'add', node.netns]));
  mustInNetns(node.netns, 'sysctl', ['-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
  // The root end is deleted with the namespace (a veth pair dies with either end).
  recorder.create({ kind: 'link', name: node.rootLink }, () => must('ip', ['link', 'add', node.rootLink, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', node.netns]));
  disableIpv6OnRootLink(node.rootLink);
  must('ip', ['link', 'set', node.rootLink, 'master', site.bridge]);
  must('ip', ['link', 'set', node.rootLink, 'up']);
  must('ip', ['-n', node.netns, 'addr', 'add', `${node.address}/24`, 'dev', 'eth0']);
  must('ip', ['-n', node.netns, 'link', 'set', 'eth0', 'up']);
  must('ip', ['-n', node.netns, 'link', 'set', 'lo', 'up']);
}

/** Loads (or puts back, after a test changed it) the host's firewall as the lab defines it. */
export function loadHostFirewall(topology: LabTopology, host: LabHost): void {
  if (host.firewall === 'iptables-legacy') {
    mustInNetns(host.netns, 'iptables-legacy-restore', [], { input: iptablesLegacyRules(topology, host) });
    mustInNetns(host.netns, 'ip6tables-legacy-restore', [], { input: IP6TABLES_LEGACY_RULES });
  } else {
    mustInNetns(host.netns, 'nft', ['-f', '-'], { input: `flush ruleset\n${nftRuleset(topology, host)}` });
  }
}

export function loadBastionFirewall(site: LabSite): void {
  mustInNetns(site.bastion.netns, 'nft', ['-f', '-'], { input: bastionNftRuleset() });
}

export type LatencyOutcome = { applied: true; delayMs: number; site: string } | { applied: false; reason: string };

/**
 * Delays what the root namespace (the operator's side, at the primary site)
 * sends onto the secondary site's bridge: the round trip to every secondary
 * node grows by delayMs; traffic inside a site is not delayed. Needs the
 * kernel's sch_netem.
 */
export function addSiteLatency(topology: LabTopology, delayMs: number): LatencyOutcome {
  if (delayMs <= 0) return { applied: false, reason: 'not asked for (--latency-ms 0)' };
  const far = topology.sites.find((site) => site.role === 'secondary');
  if (!far) return { applied: false, reason: 'no secondary site' };
  const result = run('tc', ['qdisc', 'add', 'dev', far.bridge, 'root', 'netem', 'delay', `${delayMs}ms`]);
  if (result.status !== 0) return { applied: false, reason: `this kernel has no tc netem (${result.stderr.trim() || `exit ${result.status}`}); the sites are joined without added latency` };
  return { applied: true, delayMs, site: far.id };
}
