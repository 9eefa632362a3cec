// One nft -j match (`{"match": {"op", "left", "right"}}`) folded into the rule
// model. Returns false when the left side is something the model does not
// cover; the caller then keeps the match verbatim as unmodelled.
//
// Shapes seen in real output (nft-j-list-ruleset.md): ct state as
// `"op": "in", "right": "invalid"` (bitmask test), `"op": "==", "right":
// {"set": [...]}` and `"op": "in", "right": ["established", "related"]`;
// `tcp flags syn` is `"op": "in"` (any of the bits), `tcp flags & (syn|ack)
// == syn` a `{"&": [left, mask]}` left side; `fib saddr . iif oif missing` is
// `"right": false`; `ip protocol 6` is printed as `"right": "tcp"`.
import type { PortRange, RuleMatch, ValueMatch } from './firewall-model';
import { portNumber, protocolName } from './ip-services';
import { addressText, type NftItem, type ResolvedRight } from './nft-values';

type Left =
  | { kind: 'address'; side: 'source' | 'destination'; version: 4 | 6 }
  | { kind: 'port'; side: 'source' | 'destination'; proto: string | null }
  | { kind: 'l4proto'; version: 4 | 6 | null }
  | { kind: 'nfproto' }
  | { kind: 'ethertype' }
  | { kind: 'ip-version'; version: 4 | 6 }
  | { kind: 'iface'; direction: 'in' | 'out' }
  | { kind: 'ct-state' }
  | { kind: 'tcp-flags'; mask: string[] | null }
  | { kind: 'icmp-type'; proto: string }
  | { kind: 'pkttype' }
  | { kind: 'fib-type'; side: 'source' | 'destination' }
  | { kind: 'fib-oif' }
  | { kind: 'concat'; parts: unknown[] }
  /** A field the model does not cover, but which still implies a protocol or IP version. */
  | { kind: 'implies'; proto: string | null; version: 4 | 6 | null };

const ALL_TCP_FLAGS = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ecn', 'cwr'];
const TRANSPORTS = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function classifyLeft(left: unknown): Left | null {
  if (!isObject(left)) return null;
  if (isObject(left.payload)) {
    const protocol = String(left.payload.protocol ?? '');
    const field = String(left.payload.field ?? '');
    if (protocol === 'ip' || protocol === 'ip6') {
      const version = protocol === 'ip' ? 4 : 6;
      if (field === 'saddr' || field === 'daddr') return { kind: 'address', side: field === 'saddr' ? 'source' : 'destination', version };
      if (field === 'protocol' || field === 'nexthdr') return { kind: 'l4proto', version };
      if (field === 'version') return { kind: 'ip-version', version };
      return { kind: 'implies', proto: null, version };
    }
    if (TRANSPORTS.has(protocol) || protocol === 'th') {
      const proto = protocol === 'th' ? null : protocol;
      if (field === 'dport' || field === 'sport') return { kind: 'port', side: field === 'sport' ? 'source' : 'destination', proto };
      if (protocol === 'tcp' && field === 'flags') return { kind: 'tcp-flags', mask: null };
      return { kind: 'implies', proto, version: null };
    }
    if (protocol === 'icmp' || protocol === 'icmpv6') {
      const proto = protocol === 'icmp' ? 'icmp' : 'ipv6-icmp';
      return field === 'type' ? { kind: 'icmp-type', proto } : { kind: 'implies', proto, version: protocol === 'icmp' ? 4 : 6 };
    }
    return null;
  }
  if (isObject(left.meta)) {
    switch (left.meta.key) {
      case 'l4proto':
        return { kind: 'l4proto', version: null };
      case 'nfproto':
        return { kind: 'nfproto' };
      case 'protocol':
        return { kind: 'ethertype' };
      case 'iif':
      case 'iifname':
        return { kind: 'iface', direction: 'in' };
      case 'oif':
      case 'oifname':
        return { kind: 'iface', direction: 'out' };
      case 'pkttype':
        return { kind: 'pkttype' };
      default:
        return null;
    }
  }
  if (isObject(left.ct)) return left.ct.key === 'state' && left.ct.dir === undefined ? { kind: 'ct-state' } : null;
  if (isObject(left.fib)) {
    const flags = Array.isArray(left.fib.flags) ? left.fib.flags.map(String) : [];
    if (left.fib.result === 'type') {
      if (flags.includes('daddr')) return { kind: 'fib-type', side: 'destination' };
      if (flags.includes('saddr')) return { kind: 'fib-type', side: 'source' };
    }
    if ((left.fib.result === 'oif' || left.fib.result === 'oifname') && flags.includes('saddr')) return { kind: 'fib-oif' };
    return null;
  }
  if (Array.isArray(left['&']) && left['&'].length === 2) {
    const inner = classifyLeft(left['&'][0]);
    const mask = left['&'][1];
    if (inner?.kind === 'tcp-flags') {
      const bits = Array.isArray(mask) ? mask.map(String) : typeof mask === 'string' ? [mask] : null;
      return bits ? { kind: 'tcp-flags', mask: bits } : null;
    }
    return null;
  }
  if (Array.isArray(left.concat)) return { kind: 'concat', parts: left.concat };
  return null;
}

function scalarText(item: NftItem): string | null {
  return typeof item === 'string' || typeof item === 'number' ? String(item) : null;
}

// Arrays here are built at their final size (map, literals): a rule model lives as long as the facts, and an
// array grown by push() keeps room for 17 elements — at 100k rules that is most of the model's memory.

function texts(items: NftItem[]): string[] | null {
  const out = items.map(scalarText);
  return out.includes(null) ? null : (out as string[]);
}

function portRange(item: NftItem): PortRange | null {
  if (typeof item === 'number' || typeof item === 'string') {
    const port = portNumber(item);
    return port === null ? null : { from: port, to: port };
  }
  if (typeof item === 'object' && 'range' in item) {
    const from = portNumber(item.range[0] as string | number);
    const to = portNumber(item.range[1] as string | number);
    return from === null || to === null ? null : { from, to };
  }
  return null;
}

function portRanges(items: NftItem[], op: string): PortRange[] | null {
  if (['<', '>', '<=', '>='].includes(op)) {
    const [item] = items;
    const port = items.length === 1 && item !== undefined && (typeof item === 'number' || typeof item === 'string') ? portNumber(item) : null;
    if (port === null) return null;
    if (op === '<') return port === 0 ? [] : [{ from: 0, to: port - 1 }];
    if (op === '<=') return [{ from: 0, to: port }];
    if (op === '>') return port === 65535 ? [] : [{ from: port + 1, to: 65535 }];
    return [{ from: port, to: 65535 }];
  }
  const out = items.map(portRange);
  return out.includes(null) ? null : (out as PortRange[]);
}

function push<K extends keyof RuleMatch>(match: RuleMatch, key: K, value: NonNullable<RuleMatch[K]> extends Array<infer T> ? T : never): void {
  const list = match[key] as unknown[] | undefined;
  (match as Record<string, unknown>)[key] = list ? [...list, value] : [value];
}

/** Address texts per item list: a named set's items are one array, so every rule using the set shares one networks array too. */
const networksOfItems = new WeakMap<NftItem[], string[] | null>();

function networksOf(items: NftItem[]): string[] | null {
  let networks = networksOfItems.get(items);
  if (networks === undefined) {
    const texts = items.map(addressText);
    networks = texts.includes(null) ? null : (texts as string[]);
    networksOfItems.set(items, networks);
  }
  return networks;
}

function impliedProtocol(match: RuleMatch, proto: string): void {
  const already = match.protocols?.some((each) => !each.negate && each.values.length === 1 && each.values[0] === proto);
  if (!already) push(match, 'protocols', { negate: false, values: [proto], sets: [] });
}

function impliedVersion(match: RuleMatch, version: 4 | 6 | null): void {
  if (version !== null && match.ipVersion === undefined) match.ipVersion = version;
}

function valueMatch(negate: boolean, values: string[], right: ResolvedRight): ValueMatch {
  return { negate, values, sets: right.sets };
}

/** Folds `left op right` into `match`; false when the model cannot express it. */
export function applyNftMatch(match: RuleMatch, left: unknown, op: string, right: ResolvedRight): boolean {
  const kind = classifyLeft(left);
  if (!kind || right.missing !== null) return false;
  const negate = op === '!=';
  const plainOp = op === '==' || op === '!=' || op === 'in';
  const items = right.items;
  switch (kind.kind) {
    case 'address': {
      if (!plainOp) return false;
      const networks = networksOf(items);
      if (networks === null) return false;
      impliedVersion(match, kind.version);
      push(match, kind.side === 'source' ? 'sources' : 'destinations', { negate, networks, sets: right.sets, dynamic: right.dynamic });
      return true;
    }
    case 'port': {
      const ranges = portRanges(items, op);
      if (ranges === null || (!plainOp && !['<', '>', '<=', '>='].includes(op))) return false;
      if (kind.proto) impliedProtocol(match, kind.proto);
      push(match, kind.side === 'source' ? 'sourcePorts' : 'destinationPorts', { negate, ranges, sets: right.sets });
      return true;
    }
    case 'l4proto': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      impliedVersion(match, kind.version);
      push(match, 'protocols', valueMatch(negate, values.map(protocolName), right));
      return true;
    }
    case 'nfproto':
    case 'ethertype':
    case 'ip-version': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      const versions = new Set(
        values.map((value) => {
          const text = value.toLowerCase();
          if (kind.kind === 'ip-version') return text === '4' ? 4 : text === '6' ? 6 : 0;
          return text === 'ipv4' || text === 'ip' ? 4 : text === 'ipv6' || text === 'ip6' ? 6 : 0;
        }),
      );
      if (versions.has(0)) return false;
      const chosen = negate ? ([4, 6] as const).filter((version) => !versions.has(version)) : [...versions];
      if (chosen.length === 1) match.ipVersion = chosen[0] as 4 | 6;
      else if (chosen.length === 0) return false;
      if (kind.kind === 'ip-version') impliedVersion(match, kind.version);
      return true;
    }
    case 'iface': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      push(match, kind.direction === 'in' ? 'inInterfaces' : 'outInterfaces', valueMatch(negate, values, right));
      return true;
    }
    case 'ct-state': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      push(
        match,
        'ctStates',
        valueMatch(
          negate,
          values.map((value) => value.toLowerCase()),
          right,
        ),
      );
      return true;
    }
    case 'tcp-flags': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      impliedProtocol(match, 'tcp');
      const flags = values.filter((value) => value !== '0');
      if (kind.mask) {
        if (right.shape === 'set') return false;
        push(match, 'extras', { kind: 'tcp-flags', negate, op: '==', mask: kind.mask, value: flags });
      } else if (op === 'in') {
        push(match, 'extras', { kind: 'tcp-flags', negate: false, op: 'any', mask: flags, value: [] });
      } else {
        // `tcp flags == syn` compares every bit; a set (`{ syn, ack }`) is one of several exact values.
        if (right.shape === 'set' && flags.length > 1) return false;
        push(match, 'extras', { kind: 'tcp-flags', negate, op: '==', mask: ALL_TCP_FLAGS, value: flags });
      }
      return true;
    }
    case 'icmp-type': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      impliedProtocol(match, kind.proto);
      push(match, 'extras', { kind: 'icmp-type', negate, types: values });
      return true;
    }
    case 'pkttype': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      push(match, 'extras', { kind: 'packet-type', negate, types: values.map((value) => value.toLowerCase()) });
      return true;
    }
    case 'fib-type': {
      const values = texts(items);
      if (!values || !plainOp) return false;
      push(match, 'extras', { kind: 'address-type', side: kind.side, negate, types: values.map((value) => value.toLowerCase()) });
      return true;
    }
    case 'fib-oif': {
      const [item] = items;
      const missing = items.length === 1 && (item === false || item === 0 || item === 'missing');
      if (!missing || !plainOp) return false;
      // `oif missing` is true for packets FAILING the reverse-path test.
      push(match, 'extras', { kind: 'reverse-path', passes: negate });
      return true;
    }
    case 'concat':
      return applyConcat(match, kind.parts, negate, right, plainOp);
    case 'implies':
      // The field itself is not modelled: record what it implies, report it unmodelled.
      if (kind.proto) impliedProtocol(match, kind.proto);
      impliedVersion(match, kind.version);
      return false;
  }
}

function applyConcat(match: RuleMatch, parts: unknown[], negate: boolean, right: ResolvedRight, plainOp: boolean): boolean {
  if (!plainOp) return false;
  const options: RuleMatch[] = [];
  for (const item of right.items) {
    if (typeof item !== 'object' || !('concat' in item) || item.concat.length !== parts.length) return false;
    const option: RuleMatch = {};
    for (let index = 0; index < parts.length; index++) {
      const value = item.concat[index];
      const component: ResolvedRight = { shape: 'scalar', items: [value as NftItem], sets: [], dynamic: false, missing: null };
      if (!applyNftMatch(option, parts[index], '==', component)) return false;
    }
    options.push(option);
  }
  push(match, 'alternatives', { negate, options, sets: right.sets });
  return true;
}
