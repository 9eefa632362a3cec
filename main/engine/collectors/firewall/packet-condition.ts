// Whether a rule's match holds for the packet the exposure analysis asks
// about: the first packet of a new connection from a remote client to one
// listening socket (TCP SYN or a UDP datagram), conntrack state `new`,
// arriving on one class of interface for one class of local address. The
// only free variable is the source address, so a condition is a pair of
// address sets: where the match certainly holds (`yes`) and where it may
// hold but depends on something not modelled (`maybe`). Everything else
// folds to true/false here.
import { complementSet, EMPTY_SET, intersectSets, isEmptySet, setFromNetworks, subtractSets, unionSets, type AddrSet } from './address-set';
import type { ExtraMatch, RuleMatch, ValueMatch } from './firewall-model';
import type { IpVersion } from './ip-address';

export interface Condition {
  yes: AddrSet;
  maybe: AddrSet;
  reasons: string[];
}

/** An input interface the packet may arrive on: one named in the rules, one matching a named wildcard, or any other. */
export type InterfaceClass = { kind: 'named'; name: string } | { kind: 'pattern'; prefix: string; text: string } | { kind: 'other' };

/** The local address the packet is sent to: the socket's own, one block of addresses the rules single out, or any other. */
export type DestinationClass = { kind: 'range'; start: bigint; end: bigint; text: string } | { kind: 'other' } | { kind: 'unknown' };

export interface PacketContext {
  version: IpVersion;
  proto: 'tcp' | 'udp';
  port: number;
  iface: InterfaceClass;
  destination: DestinationClass;
  /** Every source address considered (the version's address space minus addresses no remote host can send from). */
  universe: AddrSet;
}

const NONE: Condition = { yes: EMPTY_SET, maybe: EMPTY_SET, reasons: [] };

function all(context: PacketContext): Condition {
  return { yes: context.universe, maybe: EMPTY_SET, reasons: [] };
}

function unknown(context: PacketContext, reason: string): Condition {
  return { yes: EMPTY_SET, maybe: context.universe, reasons: [reason] };
}

function bool(value: boolean, context: PacketContext): Condition {
  return value ? all(context) : NONE;
}

export function isNever(condition: Condition): boolean {
  return isEmptySet(condition.yes) && isEmptySet(condition.maybe);
}

export function andConditions(a: Condition, b: Condition, context: PacketContext): Condition {
  if (isNever(a) || isNever(b)) return NONE;
  const yes = intersectSets(a.yes, b.yes);
  const maybe = isEmptySet(a.maybe) && isEmptySet(b.maybe) ? EMPTY_SET : subtractSets(intersectSets(unionSets(a.yes, a.maybe), unionSets(b.yes, b.maybe)), yes, context.version);
  return { yes, maybe, reasons: isEmptySet(maybe) ? [] : [...a.reasons, ...b.reasons] };
}

function orConditions(a: Condition, b: Condition, context: PacketContext): Condition {
  const yes = unionSets(a.yes, b.yes);
  const maybe = subtractSets(unionSets(a.maybe, b.maybe), yes, context.version);
  return { yes, maybe, reasons: isEmptySet(maybe) ? [] : [...a.reasons, ...b.reasons] };
}

function notCondition(a: Condition, context: PacketContext): Condition {
  const yes = intersectSets(context.universe, complementSet(unionSets(a.yes, a.maybe), context.version));
  return { yes, maybe: a.maybe, reasons: a.reasons };
}

function valueHolds(match: ValueMatch, test: (value: string) => boolean): boolean {
  return match.values.some(test) !== match.negate;
}

function interfaceMatches(value: string, iface: InterfaceClass): boolean | null {
  const wildcard = value.endsWith('*') || value.endsWith('+');
  const prefix = wildcard ? value.slice(0, -1) : value;
  switch (iface.kind) {
    case 'named':
      return wildcard ? iface.name.startsWith(prefix) : iface.name === value;
    case 'pattern':
      // The class is "an interface matching this wildcard, named by no rule".
      if (!wildcard) return false;
      if (iface.prefix.startsWith(prefix)) return true;
      return prefix.startsWith(iface.prefix) ? null : false;
    case 'other':
      return false;
  }
}

const SYN_ONLY = new Set(['syn']);

function extraCondition(extra: ExtraMatch, context: PacketContext): Condition {
  switch (extra.kind) {
    case 'tcp-flags': {
      if (context.proto !== 'tcp') return NONE;
      const masked = extra.mask.filter((flag) => SYN_ONLY.has(flag));
      const holds = extra.op === 'any' ? masked.length > 0 : masked.length === extra.value.length && extra.value.every((flag) => masked.includes(flag));
      return bool(holds !== extra.negate, context);
    }
    case 'icmp-type':
      return NONE;
    case 'address-type': {
      // The packet is unicast to one of the host's own addresses, from a remote unicast address.
      const types = extra.types.map((type) => type.toLowerCase());
      const holds = extra.side === 'destination' ? types.includes('local') : types.includes('unicast');
      return bool(holds !== extra.negate, context);
    }
    case 'packet-type':
      return bool(extra.types.some((type) => type === 'host' || type === 'unicast') !== extra.negate, context);
    case 'rate-limit':
      // A client that stays under the limit gets through: "reachable" means it can connect at all.
      return bool(!extra.over, context);
    case 'fragment':
      return bool(extra.negate, context);
    case 'reverse-path':
      return bool(extra.passes, context);
    case 'vm-selector':
      return unknown(context, 'rule selects VMs (fwadm), not this host');
  }
}

/** Cache of address sets per networks array (named sets share one array across rules). */
const networkSets = new WeakMap<readonly string[], Map<IpVersion, { set: AddrSet; skipped: string[] }>>();

function networksSet(networks: readonly string[], version: IpVersion): { set: AddrSet; skipped: string[] } {
  let byVersion = networkSets.get(networks);
  if (!byVersion) {
    byVersion = new Map();
    networkSets.set(networks, byVersion);
  }
  let entry = byVersion.get(version);
  if (!entry) {
    entry = setFromNetworks(networks, version);
    byVersion.set(version, entry);
  }
  return entry;
}

function destinationHolds(networks: readonly string[], negate: boolean, context: PacketContext): Condition {
  const destination = context.destination;
  if (destination.kind === 'unknown') return unknown(context, 'destination-address match (the host has several addresses)');
  const { set } = networksSet(networks, context.version);
  let inside: boolean | null;
  if (destination.kind === 'other') inside = false;
  else {
    const overlap = intersectSets(set, [destination.start, destination.end]);
    inside = isEmptySet(overlap) ? false : overlap.length === 2 && overlap[0] === destination.start && overlap[1] === destination.end ? true : null;
  }
  if (inside === null) return unknown(context, 'destination-address match covers part of the local addresses');
  return bool(inside !== negate, context);
}

/**
 * The cheap boolean tests (IP version, protocol, port, conntrack state,
 * output interface): true when they alone rule the match out, as they do for
 * most rules of a large ruleset. No allocation.
 */
export function missesCheaply(match: RuleMatch, context: PacketContext): boolean {
  if (match.ipVersion !== undefined && match.ipVersion !== context.version) return true;
  if (match.protocols) {
    for (const each of match.protocols) if (!valueHolds(each, (value) => value === context.proto || value === 'all')) return true;
  }
  if (match.destinationPorts) {
    for (const each of match.destinationPorts) {
      let inside = false;
      for (const range of each.ranges) if (range.from <= context.port && context.port <= range.to) inside = true;
      if (inside === each.negate) return true;
    }
  }
  if (match.ctStates) {
    for (const each of match.ctStates) if (!valueHolds(each, (value) => value === 'new')) return true;
  }
  if (match.outInterfaces) {
    // On the input path there is no output interface yet: a positive oif match never holds.
    for (const each of match.outInterfaces) if (!each.negate) return true;
  }
  return false;
}

/** The condition under which `match` holds for the packet of `context`. */
export function matchCondition(match: RuleMatch, context: PacketContext, depth = 0): Condition {
  if (missesCheaply(match, context)) return NONE;
  let condition = all(context);
  if (match.inInterfaces) {
    for (const each of match.inInterfaces) {
      const results = each.values.map((value) => interfaceMatches(value, context.iface));
      const any = results.includes(true) ? true : results.includes(null) ? null : false;
      if (any === null) condition = andConditions(condition, unknown(context, `input interface wildcard ${each.values.join(',')}`), context);
      else if (any === each.negate) return NONE;
    }
  }
  if (match.extras) {
    for (const extra of match.extras) {
      condition = andConditions(condition, extraCondition(extra, context), context);
      if (isNever(condition)) return NONE;
    }
  }
  if (match.sourcePorts) {
    for (const each of match.sourcePorts) {
      // Clients connect from ephemeral ports (1024-65535); only a test covering all or none of them is decided.
      const covers = each.ranges.some((range) => range.from <= 1024 && range.to >= 65535);
      const disjoint = each.ranges.every((range) => range.to < 1024);
      if (covers || disjoint) {
        if (covers === each.negate) return NONE;
      } else condition = andConditions(condition, unknown(context, 'source-port match (clients use ephemeral ports)'), context);
    }
  }
  if (match.destinations) {
    for (const each of match.destinations) {
      condition = andConditions(condition, destinationHolds(each.networks, each.negate, context), context);
      if (isNever(condition)) return NONE;
    }
  }
  if (match.sources) {
    for (const each of match.sources) {
      const { set, skipped } = networksSet(each.networks, context.version);
      let source: Condition = { yes: intersectSets(set, context.universe), maybe: EMPTY_SET, reasons: [] };
      if (skipped.length) source = orConditions(source, unknown(context, `source networks not understood: ${skipped.slice(0, 3).join(', ')}`), context);
      if (each.negate) source = notCondition(source, context);
      condition = andConditions(condition, source, context);
      if (isNever(condition)) return NONE;
    }
  }
  if (match.alternatives) {
    for (const each of match.alternatives) {
      let any: Condition = NONE;
      if (depth > 4) any = unknown(context, 'nested set match');
      else for (const option of each.options) any = orConditions(any, matchCondition(option, context, depth + 1), context);
      condition = andConditions(condition, each.negate ? notCondition(any, context) : any, context);
      if (isNever(condition)) return NONE;
    }
  }
  if (match.unmodelled && match.unmodelled.length) condition = andConditions(condition, unknown(context, `not modelled: ${match.unmodelled.join('; ')}`), context);
  return condition;
}
