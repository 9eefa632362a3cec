// What a packet for a local socket crosses, per IP version: every base chain
// on the ingress (netdev/inet), prerouting and input hooks of the tables of
// that version (ip or ip6, inet, netdev; iptables-legacy tables at their
// fixed priorities; the global zone's ipf `in` list), ordered by hook then
// priority. Each base chain decides on its own: an accept ends only that
// chain, a drop is final (nft(8) "BASE CHAIN"), so a packet must be
// accepted by all of them.
//
// Also the classes the analysis splits the packet space into, because the
// answer may differ between them: input interfaces the rules name (plus
// "any other"), and blocks of local addresses the rules single out with a
// destination match (plus "any other").
import { complementSet, intersectSets, setFromNetworks, setFromRanges, subtractSets, type AddrSet } from './address-set';
import type { ChainHook, FirewallChain, FirewallRuleset, RuleFamily } from './firewall-model';
import { formatAddress, maxAddress, parseNetwork, type IpVersion } from './ip-address';
import type { DestinationClass, InterfaceClass } from './packet-condition';

const HOOK_ORDER: Partial<Record<ChainHook, number>> = { ingress: 0, prerouting: 1, input: 2 };
const MAX_DESTINATION_CLASSES = 32;
const MAX_INTERFACE_CLASSES = 32;

export interface InputPath {
  version: IpVersion;
  chains: FirewallChain[];
  interfaces: InterfaceClass[];
  destinations: DestinationClass[];
  notes: string[];
}

export function familiesOf(version: IpVersion): RuleFamily[] {
  return version === 4 ? ['ip', 'inet', 'netdev'] : ['ip6', 'inet', 'netdev'];
}

/** Source addresses no remote host sends from (unspecified, loopback, multicast, reserved / mapped). */
const NOT_SOURCES: Record<IpVersion, string[]> = {
  4: ['0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4'],
  6: ['::/128', '::1/128', 'ff00::/8', '::ffff:0:0/96'],
};

export function sourceUniverse(version: IpVersion): AddrSet {
  return complementSet(setFromNetworks(NOT_SOURCES[version], version).set, version);
}

/** Local addresses a remote client cannot connect to (loopback, multicast, broadcast). */
const NOT_DESTINATIONS: Record<IpVersion, string[]> = {
  4: ['0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4'],
  6: ['::/128', '::1/128', 'ff00::/8'],
};

export function inputPath(ruleset: FirewallRuleset, version: IpVersion): InputPath {
  const families = new Set(familiesOf(version));
  const chains = ruleset.chains
    .map((chain, order) => ({ chain, order }))
    .filter(({ chain }) => chain.hook !== null && HOOK_ORDER[chain.hook] !== undefined && families.has(chain.family) && chain.source !== 'fwadm')
    .sort((a, b) => HOOK_ORDER[a.chain.hook!]! - HOOK_ORDER[b.chain.hook!]! || (a.chain.priority ?? 0) - (b.chain.priority ?? 0) || a.order - b.order)
    .map(({ chain }) => chain);
  const notes: string[] = [];
  const relevant = ruleset.rules.filter((rule) => families.has(rule.family) && rule.source !== 'fwadm');
  const literal = new Set<string>();
  const patterns = new Set<string>();
  const addInterface = (value: string) => {
    if (value.endsWith('*') || value.endsWith('+')) patterns.add(value.slice(0, -1));
    else if (value !== 'lo' && value !== '') literal.add(value);
  };
  for (const rule of relevant) for (const each of rule.match.inInterfaces ?? []) each.values.forEach(addInterface);
  for (const chain of chains) if (chain.device) chain.device.split(',').forEach(addInterface);
  let interfaces: InterfaceClass[] = [
    ...[...literal].sort().map((name): InterfaceClass => ({ kind: 'named', name })),
    ...[...patterns].sort().map((prefix): InterfaceClass => ({ kind: 'pattern', prefix, text: `${prefix}*` })),
    { kind: 'other' },
  ];
  if (interfaces.length > MAX_INTERFACE_CLASSES) {
    notes.push(`the rules name ${interfaces.length - 1} input interfaces; only the first ${MAX_INTERFACE_CLASSES - 1} are told apart`);
    interfaces = [...interfaces.slice(0, MAX_INTERFACE_CLASSES - 1), { kind: 'other' }];
  }
  return {
    version,
    chains,
    interfaces,
    destinations: destinationClasses(
      relevant.flatMap((rule) => (rule.match.destinations ?? []).flatMap((each) => each.networks)),
      version,
      notes,
    ),
    notes,
  };
}

function destinationClasses(networks: string[], version: IpVersion, notes: string[]): DestinationClass[] {
  const ranges: Array<[bigint, bigint]> = [];
  for (const network of new Set(networks)) {
    const range = parseNetwork(network);
    if (range && range.version === version) ranges.push([range.start, range.end]);
  }
  if (ranges.length === 0) return [{ kind: 'other' }];
  // Elementary blocks: every mentioned network is either wholly in or wholly out of each.
  const cuts = new Set<bigint>();
  for (const [start, end] of ranges) {
    cuts.add(start);
    if (end < maxAddress(version)) cuts.add(end + 1n);
  }
  const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const covered = setFromRanges(ranges);
  const usable = subtractSets(covered, setFromNetworks(NOT_DESTINATIONS[version], version).set, version);
  const classes: DestinationClass[] = [];
  for (let index = 0; index < sorted.length; index++) {
    const start = sorted[index]!;
    const end = index + 1 < sorted.length ? sorted[index + 1]! - 1n : maxAddress(version);
    const inside = intersectSets(usable, [start, end]);
    if (inside.length === 0) continue;
    for (let at = 0; at < inside.length; at += 2) {
      const from = inside[at]!;
      const to = inside[at + 1]!;
      classes.push({ kind: 'range', start: from, end: to, text: from === to ? formatAddress(version, from) : `${formatAddress(version, from)}-${formatAddress(version, to)}` });
    }
  }
  if (classes.length > MAX_DESTINATION_CLASSES) {
    notes.push(`destination-address matches split the local addresses into ${classes.length} blocks; they are not told apart`);
    return [{ kind: 'unknown' }];
  }
  return [...classes, { kind: 'other' }];
}
