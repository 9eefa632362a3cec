// The one rule model for every firewall OpsDeck reads: nftables (native and
// iptables-nft tables), iptables-legacy, illumos ipf and SmartOS fwadm all
// become these plain, JSON-serialisable records. Whatever a parser cannot
// express here is kept verbatim (`unmodelled`), never dropped: the exposure
// analysis then answers "undetermined" instead of guessing.

/** Where a rule was read from. */
export type FirewallSource = 'nftables' | 'iptables-nft' | 'iptables-legacy' | 'ipf' | 'fwadm';

/** nftables families; iptables is `ip`, ip6tables `ip6`; ipf lists are `ip`/`ip6`; fwadm `inet`. */
export type RuleFamily = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';

export type ChainHook = 'ingress' | 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting' | 'egress';

export interface Counters {
  packets: number;
  bytes: number;
}

export interface FirewallTable {
  id: string;
  source: FirewallSource;
  family: RuleFamily;
  name: string;
  handle: number | null;
}

export interface FirewallChain {
  id: string;
  source: FirewallSource;
  family: RuleFamily;
  table: string;
  name: string;
  /** Base chains only; null for chains reached by jump/goto. */
  hook: ChainHook | null;
  /** nft chain type (filter, nat, route); iptables: the table's kind. */
  type: string | null;
  /** Numeric priority (nft prints the number in JSON; iptables tables map to their fixed priorities). */
  priority: number | null;
  /** Verdict for packets that fall off the end of a base chain. */
  policy: 'accept' | 'drop' | null;
  /** netdev/ingress chains: the device they are bound to, when the tool says. */
  device: string | null;
  counters: Counters | null;
  /**
   * `first-match` for nftables/iptables. ipf lists are `last-match`: the last
   * matching rule wins unless a `quick` rule matches first (ipf(5)).
   */
  evaluation: 'first-match' | 'last-match';
  handle: number | null;
}

export interface PortRange {
  from: number;
  to: number;
}

/** A value test (protocol, interface, conntrack state…). Matches when the value is one of `values` (or of the named sets), inverted by `negate`. */
export interface ValueMatch {
  negate: boolean;
  values: string[];
  /** Named sets the values were resolved from (`@allowed_if`). */
  sets: string[];
}

/** Source or destination networks: CIDRs, plain addresses and `a-b` ranges. */
export interface AddressMatch {
  negate: boolean;
  /** `192.0.2.0/24`, `198.51.100.10`, `2001:db8::/48`, `198.51.100.1-198.51.100.9`. */
  networks: string[];
  /** Named sets the networks were resolved from (`admin_v4`, ipset names). */
  sets: string[];
  /** The set is filled at run time (timeouts, `update @set`, ipset): `networks` is a snapshot. */
  dynamic: boolean;
}

export interface PortMatch {
  negate: boolean;
  ranges: PortRange[];
  sets: string[];
}

export type ExtraMatch =
  /** TCP flags: `(flags & mask) == value` (op `==`), or `(flags & mask) != 0` (op `any`). */
  | { kind: 'tcp-flags'; negate: boolean; op: '==' | 'any'; mask: string[]; value: string[] }
  | { kind: 'icmp-type'; negate: boolean; types: string[] }
  /** iptables `-m addrtype`, nft `fib saddr|daddr type`: LOCAL, UNICAST, BROADCAST… (lower-cased). */
  | { kind: 'address-type'; side: 'source' | 'destination'; negate: boolean; types: string[] }
  /** `meta pkttype`, `-m pkttype`: host/unicast, broadcast, multicast. */
  | { kind: 'packet-type'; negate: boolean; types: string[] }
  /**
   * limit/hashlimit/recent/connlimit/quota/meters. `over: false` matches while
   * traffic stays under the limit, `over: true` only beyond it.
   */
  | { kind: 'rate-limit'; over: boolean; text: string }
  /** Non-first IP fragments (iptables `-f`): a connection's first packet is never one. */
  | { kind: 'fragment'; negate: boolean }
  /** Reverse-path check (`fib saddr . iif oif missing`, `-m rpfilter`): matches packets that pass (true) or fail it. */
  | { kind: 'reverse-path'; passes: boolean }
  /** fwadm targets that name VMs rather than addresses. */
  | { kind: 'vm-selector'; side: 'source' | 'destination'; allVms: boolean; vms: string[]; tags: Array<{ name: string; value: string | null }> };

export interface RuleMatch {
  /** The rule only sees IPv4 (4) or IPv6 (6) packets (ip/ip6 payload in an inet table, `meta nfproto`). */
  ipVersion?: 4 | 6;
  /** Layer-4 protocol names (`tcp`, `udp`, `icmp`, `ipv6-icmp`, `all`). */
  protocols?: ValueMatch[];
  sources?: AddressMatch[];
  destinations?: AddressMatch[];
  sourcePorts?: PortMatch[];
  destinationPorts?: PortMatch[];
  /** Interface names; a trailing `*` (nft) or `+` (iptables) is a prefix wildcard, kept as printed. */
  inInterfaces?: ValueMatch[];
  outInterfaces?: ValueMatch[];
  /** Conntrack states, lower-case: new, established, related, invalid, untracked. */
  ctStates?: ValueMatch[];
  extras?: ExtraMatch[];
  /** Match expressions the model does not cover, verbatim. The rule's reach then depends on them. */
  unmodelled?: string[];
  /** Membership in a concatenated set (`ip saddr . tcp dport @pairs`): one of `options` matches. */
  alternatives?: Array<{ negate: boolean; options: RuleMatch[]; sets: string[] }>;
}

export type ActionKind = 'accept' | 'drop' | 'reject' | 'jump' | 'goto' | 'return' | 'continue' | 'queue' | 'log' | 'counter' | 'nat' | 'none' | 'other' | 'unmodelled';

export interface RuleAction {
  kind: ActionKind;
  /** jump/goto: the chain; nat: snat/dnat/masquerade/redirect; other: the statement. */
  target: string | null;
  /** Extra words: reject type, log prefix, nat address, ipf `return-rst`. */
  detail: string | null;
}

export interface FirewallRule {
  /** `<source>:<family>/<table>/<chain>#<position>` (`.n` for one verdict of an expanded verdict map). */
  id: string;
  source: FirewallSource;
  family: RuleFamily;
  table: string;
  chain: string;
  /** 0-based position in its chain, as listed. */
  position: number;
  handle: number | null;
  match: RuleMatch;
  action: RuleAction;
  /** Statements besides the verdict, rendered: `counter`, `log prefix "x: "`, `meta mark set 0x1`. */
  statements: string[];
  counters: Counters | null;
  comment: string | null;
  /** Human-readable rule (nft syntax, the iptables-save line, the ipf or fwadm rule). */
  text: string;
  /**
   * What the tool printed for this rule, verbatim: the iptables-save / ipfstat line, the fwadm JSON object; for
   * nft -j the rule's JSON object only when part of it is unmodelled (empty otherwise: `text` is the rule, and
   * the whole document is kept as evidence).
   */
  raw: string;
  /** True when some part of the rule is not modelled; see unmodelledParts. */
  unmodelled: boolean;
  unmodelledParts: string[];
  /** A verdict map (`vmap`) becomes one rule per verdict: which one, of how many. */
  expansion: { index: number; count: number } | null;
  /** ipf: `quick` stops evaluation at this rule; direction of the list. */
  ipf: { quick: boolean; direction: 'in' | 'out' } | null;
  /** fwadm: the rule's uuid, whether it is enabled, global, its owner. */
  fwadm: { uuid: string; enabled: boolean; global: boolean; ownerUuid: string | null; description: string | null } | null;
}

export interface NamedSet {
  id: string;
  source: FirewallSource;
  family: RuleFamily;
  table: string;
  name: string;
  /** nft key type (`ipv4_addr`, `inet_service`, `ipv4_addr . inet_service`). */
  type: string;
  flags: string[];
  /** Maps: the data type (`verdict`, `ipv4_addr`…); null for sets. */
  map: string | null;
  /** Elements rendered as text (`192.0.2.0/24`, `22`, `192.0.2.1 . 22`, `22 : accept`). */
  elements: string[];
  dynamic: boolean;
}

/** How much of one family's filtering OpsDeck could see. */
export interface FamilyVisibility {
  /**
   * complete: every table; partial: some tables hidden (they can only drop more);
   * incomplete: lines of the rules could not be read (they may accept or drop anything);
   * unknown: none readable.
   */
  state: 'complete' | 'partial' | 'incomplete' | 'unknown';
  reasons: string[];
}

export interface FirewallRuleset {
  tables: FirewallTable[];
  chains: FirewallChain[];
  rules: FirewallRule[];
  sets: NamedSet[];
  /** Top-level objects the parser does not model (flowtables, ct helpers, quotas…), verbatim. */
  unmodelledObjects: string[];
  visibility: { ipv4: FamilyVisibility; ipv6: FamilyVisibility };
  /** Tool version when it says (nft metainfo, iptables-save header). */
  versions: Record<string, string>;
  warnings: string[];
}

export interface ListenerProcess {
  name: string;
  pid: number | null;
  fd: number | null;
}

/** A listening socket (TCP LISTEN, UDP bound) from `ss` or illumos `netstat`. */
export interface Listener {
  proto: 'tcp' | 'udp';
  /** `ipv4`, `ipv6`, or `dual` for an IPv6 socket without IPV6_V6ONLY (`*:9100` in ss). */
  family: 'ipv4' | 'ipv6' | 'dual';
  /** Local address without brackets or scope: `0.0.0.0`, `::`, `*`, `127.0.0.1`, `fe80::5`. */
  address: string;
  port: number;
  /** SO_BINDTODEVICE or IPv6 scope (`%eth0`), else null. */
  interface: string | null;
  /** null when the tool did not show processes (ss without root, illumos netstat). */
  processes: ListenerProcess[] | null;
  /** The output line, verbatim (trailing spaces trimmed). */
  line: string;
}

/** Appends in a loop: `push(...items)` passes every item as an argument and overflows the stack past ~120k rules. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export function emptyRuleset(): FirewallRuleset {
  return {
    tables: [],
    chains: [],
    rules: [],
    sets: [],
    unmodelledObjects: [],
    visibility: { ipv4: { state: 'complete', reasons: [] }, ipv6: { state: 'complete', reasons: [] } },
    versions: {},
    warnings: [],
  };
}

// Built with join(): a template literal of several parts is a tree of string pieces in V8 until something flattens
// it, and a rule id lives as long as the facts (100k of them at 100k rules).
export function chainId(source: FirewallSource, family: RuleFamily, table: string, chain: string): string {
  return [source, ':', family, '/', table, '/', chain].join('');
}

export function ruleId(source: FirewallSource, family: RuleFamily, table: string, chain: string, position: number, expansion: number | null = null): string {
  return [source, ':', family, '/', table, '/', chain, '#', position, expansion === null ? '' : `.${expansion}`].join('');
}

export function noAction(): RuleAction {
  return { kind: 'none', target: null, detail: null };
}
