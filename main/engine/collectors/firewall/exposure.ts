// What is really reachable: for every listening socket, from which source
// addresses a remote client can open a connection, decided by walking the
// input path (every base chain on the ingress/prerouting/input hooks, by
// priority, through jumps, gotos and returns, down to each chain's policy).
// IPv4 and IPv6 are evaluated separately; a dual-stack socket (`*:9100`)
// gives one entry per version. Sockets bound to loopback are local-only.
// Where the answer depends on something the model does not cover (an xt
// match without parameters, a mark, a hidden iptables-legacy table) the
// entry says "undetermined" and why. Every entry names the rule (or policy)
// that decided it.
import { EMPTY_SET, intersectSets, isEmptySet, setFromNetworks, setSize, setToCidrs, subtractSets, unionSets, type AddrSet } from './address-set';
import { ChainWalker, chainIndex, restrictTagged, setOf, type ChainIndex, type DecisionRef, type Tagged } from './chain-walk';
import type { FirewallRuleset, Listener } from './firewall-model';
import { inputPath, sourceUniverse, type InputPath } from './input-path';
import { parseAddress, type IpVersion } from './ip-address';
import type { DestinationClass, InterfaceClass, PacketContext } from './packet-condition';

export type Reachability = 'any' | 'some' | 'none' | 'local-only' | 'undetermined';

export type ExposureRef = DecisionRef | { kind: 'no-rules' | 'binding' | 'unavailable'; text: string };

export interface ExposureDecision {
  outcome: 'accepted' | 'dropped' | 'undetermined';
  /** Source networks this decision covers (CIDRs, at most 16). */
  sources: string[];
  ref: ExposureRef;
  reasons: string[];
}

export interface ExposureEntry {
  proto: 'tcp' | 'udp';
  family: 'ipv4' | 'ipv6';
  /** The socket's address as listed (`0.0.0.0`, `::`, `*`, `192.0.2.10`). */
  address: string;
  port: number;
  interface: string | null;
  /** Process names, comma-separated; null when the tool did not show them. */
  process: string | null;
  /** The listener's output line (evidence). */
  socket: string;
  reachability: Reachability;
  /** ruleset: decided by rules; no-rules: nothing filters this version; binding: loopback; ruleset-unavailable: rules not readable. */
  basis: 'ruleset' | 'no-rules' | 'ruleset-unavailable' | 'binding';
  /** Sources that can connect, as CIDRs (at most 256; `sourcesTotal` counts them all). `0.0.0.0/0` / `::/0` for any. */
  sources: string[];
  sourcesTotal: number;
  /**
   * Share of the version's possible remote sources that can connect, 0 to 1 (a block list of 5000 addresses
   * leaves 0.999999). Absent in facts stored before it existed.
   */
  sourcesShare?: number;
  /** Reachable from everything except these networks (when that is the shorter description). */
  exceptSources: string[] | null;
  /** Sources whose fate depends on something not modelled. */
  undeterminedSources: string[];
  /** Only through these input interfaces / local addresses; null when any will do. */
  viaInterfaces: string[] | null;
  viaDestinations: string[] | null;
  decidedBy: ExposureRef | null;
  decisions: ExposureDecision[];
  /** Why undetermined, and notes (partial visibility, link-local scope…). */
  reasons: string[];
  summary: string;
}

const MAX_SOURCES = 256;
const MAX_DECISIONS = 12;

interface PathOutcome {
  accepted: AddrSet;
  undetermined: AddrSet;
  acceptedTags: Tagged[];
  droppedTags: Tagged[];
  undeterminedTags: Tagged[];
}

function versionsOf(listener: Listener): IpVersion[] {
  return listener.family === 'dual' ? [4, 6] : listener.family === 'ipv4' ? [4] : [6];
}

function isWildcard(address: string): boolean {
  return address === '*' || address === '0.0.0.0' || address === '::';
}

function isLoopback(listener: Listener): boolean {
  if (listener.interface === 'lo') return true;
  return /^127\./.test(listener.address) || listener.address === '::1';
}

function processNames(listener: Listener): string | null {
  return listener.processes ? [...new Set(listener.processes.map((process) => process.name))].join(',') || null : null;
}

/** The chain index and input paths of one ruleset, built once for every socket and the input default (a ruleset is not changed once analysed). */
interface Prepared {
  chains: FirewallRuleset['chains'];
  index: ChainIndex;
  paths: Map<IpVersion, InputPath>;
  unnamedPort: number | null;
}

const prepared = new WeakMap<FirewallRuleset['rules'], Prepared>();

function prepare(ruleset: FirewallRuleset): { index: ChainIndex; path: (version: IpVersion) => InputPath; unnamedPort: () => number } {
  let entry = prepared.get(ruleset.rules);
  if (!entry || entry.chains !== ruleset.chains) {
    entry = { chains: ruleset.chains, index: chainIndex(ruleset), paths: new Map(), unnamedPort: null };
    prepared.set(ruleset.rules, entry);
  }
  const current = entry;
  const { index, paths } = current;
  return {
    index,
    unnamedPort: () => (current.unnamedPort ??= unnamedPort(ruleset)),
    path: (version) => {
      let path = paths.get(version);
      if (!path) {
        path = inputPath(ruleset, version);
        paths.set(version, path);
      }
      return path;
    },
  };
}

export function effectiveExposure(ruleset: FirewallRuleset, listeners: Listener[]): ExposureEntry[] {
  const { index, path } = prepare(ruleset);
  const entries: ExposureEntry[] = [];
  for (const listener of listeners) {
    for (const version of versionsOf(listener)) entries.push(socketExposure(ruleset, index, path(version), listener, version));
  }
  return entries;
}

/** What happens to a new TCP connection to a port no rule names, from anywhere: the input path's default. */
export function unlistedPortExposure(ruleset: FirewallRuleset, version: IpVersion): ExposureEntry {
  const { index, path, unnamedPort: port } = prepare(ruleset);
  const listener: Listener = {
    proto: 'tcp',
    family: version === 4 ? 'ipv4' : 'ipv6',
    address: version === 4 ? '0.0.0.0' : '::',
    port: port(),
    interface: null,
    processes: null,
    line: `(a port no rule names: tcp/${port()})`,
  };
  return socketExposure(ruleset, index, path(version), listener, version);
}

/** The highest unprivileged port no rule's destination-port match covers (65000 and down). */
function unnamedPort(ruleset: FirewallRuleset): number {
  const named: number[] = [];
  for (const rule of ruleset.rules) for (const each of rule.match.destinationPorts ?? []) for (const range of each.ranges) named.push(range.to * 65_536 + range.from);
  // By upper end, highest first: lowering the candidate below one range never lands it in a range already passed.
  const sorted = Float64Array.from(named).sort().reverse();
  let port = 65_000;
  for (const key of sorted) {
    const to = Math.floor(key / 65_536);
    const from = key % 65_536;
    if (from <= port && port <= to) port = from - 1;
  }
  return port > 1024 ? port : 65_000;
}

function base(listener: Listener, version: IpVersion): Omit<ExposureEntry, 'reachability' | 'basis' | 'decidedBy' | 'summary'> {
  return {
    proto: listener.proto,
    family: version === 4 ? 'ipv4' : 'ipv6',
    address: listener.address,
    port: listener.port,
    interface: listener.interface,
    process: processNames(listener),
    socket: listener.line,
    sources: [],
    sourcesTotal: 0,
    sourcesShare: 0,
    exceptSources: null,
    undeterminedSources: [],
    viaInterfaces: null,
    viaDestinations: null,
    decisions: [],
    reasons: [],
  };
}

function socketExposure(ruleset: FirewallRuleset, index: ChainIndex, path: InputPath, listener: Listener, version: IpVersion): ExposureEntry {
  const entry = base(listener, version);
  const label = `${listener.proto}/${listener.port}`;
  if (isLoopback(listener)) {
    const text = `bound to ${listener.interface === 'lo' ? 'interface lo' : listener.address}: only local processes can connect`;
    return { ...entry, reachability: 'local-only', basis: 'binding', decidedBy: { kind: 'binding', text }, summary: `${label} ${text}` };
  }
  const visibility = version === 4 ? ruleset.visibility.ipv4 : ruleset.visibility.ipv6;
  if (visibility.state === 'unknown') {
    const text = `the ${version === 4 ? 'IPv4' : 'IPv6'} rules could not be read: ${visibility.reasons.join('; ') || 'no source'}`;
    return { ...entry, reachability: 'undetermined', basis: 'ruleset-unavailable', reasons: visibility.reasons, decidedBy: { kind: 'unavailable', text }, summary: `${label}: ${text}` };
  }
  const universe = sourceUniverse(version);
  const v = version === 4 ? 'IPv4' : 'IPv6';
  const any = version === 4 ? '0.0.0.0/0' : '::/0';
  let region = universe;
  const reasons = [...path.notes];
  if (version === 6 && /^fe[89ab]/i.test(listener.address)) {
    region = intersectSets(universe, setFromNetworks(['fe80::/10'], 6).set);
    reasons.push('bound to a link-local address: only hosts on the same link can connect');
  }
  if (path.chains.length === 0) {
    const text = `no base chain on the ${v} input path: nothing filters ${v}`;
    const decision: ExposureDecision = { outcome: 'accepted', sources: [any], ref: { kind: 'no-rules', text }, reasons: [] };
    const partial = visibility.state === 'partial';
    return finish(
      { ...entry, reasons: partial ? [...reasons, ...visibility.reasons] : reasons, decisions: [decision] },
      partial ? EMPTY_SET : region,
      partial ? region : EMPTY_SET,
      version,
      partial ? 'ruleset' : 'no-rules',
      { kind: 'no-rules', text },
      label,
      null,
      null,
    );
  }
  const interfaces: InterfaceClass[] = listener.interface ? [{ kind: 'named', name: listener.interface }] : path.interfaces;
  const destinations = destinationClassesFor(listener, version, path);
  const outcomes: Array<{ iface: InterfaceClass; destination: DestinationClass; outcome: PathOutcome }> = [];
  for (const iface of interfaces) {
    for (const destination of destinations) {
      const context: PacketContext = { version, proto: listener.proto, port: listener.port, iface, destination, universe };
      outcomes.push({ iface, destination, outcome: walkPath(index, path, context, region) });
    }
  }
  let accepted: AddrSet = EMPTY_SET;
  let undetermined: AddrSet = EMPTY_SET;
  for (const { outcome } of outcomes) {
    accepted = unionSets(accepted, outcome.accepted);
    undetermined = unionSets(undetermined, outcome.undetermined);
  }
  undetermined = subtractSets(undetermined, accepted, version);
  if (visibility.state === 'partial' && !isEmptySet(accepted)) {
    // Hidden tables (iptables-legacy) can only drop more: what these rules accept is not certain.
    undetermined = unionSets(undetermined, accepted);
    accepted = EMPTY_SET;
    reasons.push(...visibility.reasons);
  }
  if (visibility.state === 'incomplete') {
    // Rules OpsDeck could not read may accept anything: err towards exposure — what was read to be accepted stays accepted, nothing is "dropped" for sure.
    undetermined = subtractSets(region, accepted, version);
    reasons.push(...visibility.reasons);
  }
  const decisions = mergeDecisions(
    outcomes.map((each) => each.outcome),
    version,
    accepted,
    undetermined,
  );
  const viaInterfaces = restriction(
    outcomes.map((each) => ({ cls: each.iface, accepted: each.outcome.accepted })),
    accepted,
    (cls) => (cls.kind === 'named' ? cls.name : cls.kind === 'pattern' ? cls.text : null),
  );
  const viaDestinations = restriction(
    outcomes.map((each) => ({ cls: each.destination, accepted: each.outcome.accepted })),
    accepted,
    (cls) => (cls.kind === 'range' && isWildcard(listener.address) ? cls.text : null),
  );
  const primary = primaryDecision(decisions, accepted, undetermined);
  for (const decision of decisions) if (decision.outcome === 'undetermined') reasons.push(...decision.reasons);
  return finish({ ...entry, reasons: [...new Set(reasons)], decisions }, accepted, undetermined, version, 'ruleset', primary, label, viaInterfaces, viaDestinations);
}

function destinationClassesFor(listener: Listener, version: IpVersion, path: InputPath): DestinationClass[] {
  if (isWildcard(listener.address)) return path.destinations;
  const parsed = parseAddress(listener.address);
  if (!parsed || parsed.version !== version) return [{ kind: 'unknown' }];
  return [{ kind: 'range', start: parsed.value, end: parsed.value, text: listener.address }];
}

function chainApplies(chain: InputPath['chains'][number], iface: InterfaceClass): boolean {
  if (!chain.device) return true;
  return iface.kind === 'named' && chain.device.split(',').includes(iface.name);
}

function walkPath(index: ChainIndex, path: InputPath, context: PacketContext, region: AddrSet): PathOutcome {
  const walker = new ChainWalker(index, context);
  let definite = region;
  let uncertain: AddrSet = EMPTY_SET;
  const acceptedTags: Tagged[] = [];
  const droppedTags: Tagged[] = [];
  const undeterminedTags: Tagged[] = [];
  for (const chain of path.chains) {
    if (!chainApplies(chain, context.iface)) continue;
    if (isEmptySet(definite) && isEmptySet(uncertain)) break;
    const sure = walker.walkBase(chain, definite);
    const unsure = isEmptySet(uncertain) ? null : walker.walkBase(chain, uncertain);
    definite = setOf(sure.accepted);
    uncertain = unionSets(setOf(sure.undetermined), unsure ? unionSets(setOf(unsure.accepted), setOf(unsure.undetermined)) : EMPTY_SET);
    acceptedTags.push(...sure.accepted);
    droppedTags.push(...sure.dropped, ...(unsure?.dropped ?? []));
    undeterminedTags.push(...sure.undetermined);
  }
  return {
    accepted: definite,
    undetermined: uncertain,
    acceptedTags: restrictTagged(acceptedTags, definite),
    droppedTags,
    undeterminedTags: restrictTagged(undeterminedTags, uncertain),
  };
}

function refKey(ref: ExposureRef): string {
  return ref.kind === 'rule' ? `rule:${ref.ruleId}` : ref.kind === 'policy' ? `policy:${ref.chainId}` : `${ref.kind}:${ref.text}`;
}

function mergeDecisions(outcomes: PathOutcome[], version: IpVersion, accepted: AddrSet, undetermined: AddrSet): ExposureDecision[] {
  const merged = new Map<string, { outcome: ExposureDecision['outcome']; set: AddrSet; ref: ExposureRef; reasons: Set<string> }>();
  const add = (outcome: ExposureDecision['outcome'], tagged: Tagged[], within: AddrSet | null) => {
    for (const each of tagged) {
      const set = within ? intersectSets(each.set, within) : each.set;
      if (isEmptySet(set)) continue;
      const key = `${outcome}|${refKey(each.ref)}`;
      const existing = merged.get(key);
      if (existing) {
        existing.set = unionSets(existing.set, set);
        each.reasons.forEach((reason) => existing.reasons.add(reason));
      } else merged.set(key, { outcome, set, ref: each.ref, reasons: new Set(each.reasons) });
    }
  };
  for (const outcome of outcomes) {
    add('accepted', outcome.acceptedTags, accepted);
    add('undetermined', outcome.undeterminedTags, undetermined);
  }
  const reachable = unionSets(accepted, undetermined);
  for (const outcome of outcomes) add('dropped', outcome.droppedTags, null);
  // A source dropped on one path but accepted on another (another interface) is reachable: show the drop only where it holds everywhere.
  for (const [key, value] of merged) {
    if (value.outcome !== 'dropped') continue;
    value.set = subtractSets(value.set, reachable, version);
    if (isEmptySet(value.set)) merged.delete(key);
  }
  const order = { accepted: 0, undetermined: 1, dropped: 2 };
  return [...merged.values()]
    .sort((a, b) => order[a.outcome] - order[b.outcome] || compareSize(setSize(b.set), setSize(a.set)) || (a.ref.kind === 'rule' ? -1 : 1))
    .slice(0, MAX_DECISIONS)
    .map((value) => ({ outcome: value.outcome, sources: sourcesOf(value.set, version, 16).cidrs, ref: value.ref, reasons: [...value.reasons], size: setSize(value.set) }))
    .map(({ size: _size, ...decision }) => decision);
}

function compareSize(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

function primaryDecision(decisions: ExposureDecision[], accepted: AddrSet, undetermined: AddrSet): ExposureRef | null {
  const outcome: ExposureDecision['outcome'] = !isEmptySet(accepted) ? 'accepted' : !isEmptySet(undetermined) ? 'undetermined' : 'dropped';
  const first = decisions.find((decision) => decision.outcome === outcome && decision.ref.kind === 'rule') ?? decisions.find((decision) => decision.outcome === outcome);
  return first?.ref ?? null;
}

function restriction<T>(classes: Array<{ cls: T; accepted: AddrSet }>, accepted: AddrSet, name: (cls: T) => string | null): string[] | null {
  if (isEmptySet(accepted)) return null;
  const byClass = new Map<T, AddrSet>();
  for (const each of classes) byClass.set(each.cls, unionSets(byClass.get(each.cls) ?? EMPTY_SET, each.accepted));
  const names: string[] = [];
  for (const [cls, set] of byClass) {
    const label = name(cls);
    // An unnamed class ("any other interface/address") that reaches as much as the union needs no restriction.
    if (label === null && !isEmptySet(set)) return null;
    if (label !== null && !isEmptySet(set)) names.push(label);
  }
  return names.length ? names : null;
}

function finish(
  entry: Omit<ExposureEntry, 'reachability' | 'basis' | 'decidedBy' | 'summary'>,
  accepted: AddrSet,
  undetermined: AddrSet,
  version: IpVersion,
  basis: ExposureEntry['basis'],
  decidedBy: ExposureRef | null,
  label: string,
  viaInterfaces: string[] | null,
  viaDestinations: string[] | null,
): ExposureEntry {
  const universe = sourceUniverse(version);
  const fromAll = !isEmptySet(accepted) && isEmptySet(subtractSets(universe, accepted, version));
  // "From any address, but only through eth1 / to one local address" is not "any": the restriction is the point.
  const everything = fromAll && viaInterfaces === null && viaDestinations === null;
  let reachability: Reachability;
  if (!isEmptySet(undetermined)) reachability = everything ? 'any' : 'undetermined';
  else if (isEmptySet(accepted)) reachability = 'none';
  else reachability = everything ? 'any' : 'some';
  const listed = sourcesOf(accepted, version, MAX_SOURCES);
  let exceptSources: string[] | null = null;
  if (!fromAll && !isEmptySet(accepted)) {
    const missing = subtractSets(universe, accepted, version);
    const complement = setToCidrs(missing, version, 16);
    if (complement.total <= 16 && setSize(accepted) > setSize(missing)) exceptSources = complement.cidrs;
  }
  const result: ExposureEntry = {
    ...entry,
    reachability,
    basis,
    sources: listed.cidrs,
    sourcesTotal: listed.total,
    sourcesShare: share(accepted, universe),
    exceptSources,
    undeterminedSources: sourcesOf(undetermined, version, 16).cidrs,
    viaInterfaces,
    viaDestinations,
    decidedBy,
    summary: '',
  };
  result.summary = summarize(result, label);
  return result;
}

function share(set: AddrSet, universe: AddrSet): number {
  const total = setSize(universe);
  // Six significant digits are plenty, and keep the number a plain JSON number.
  return total === 0n ? 0 : Number((setSize(set) * 1_000_000n) / total) / 1_000_000;
}

/** CIDRs of a source set; the whole source universe is written as `0.0.0.0/0` / `::/0` rather than the 14 blocks it takes. */
export function sourcesOf(set: AddrSet, version: IpVersion, limit: number): { cidrs: string[]; total: number } {
  if (!isEmptySet(set) && isEmptySet(subtractSets(sourceUniverse(version), set, version))) return { cidrs: [version === 4 ? '0.0.0.0/0' : '::/0'], total: 1 };
  return setToCidrs(set, version, limit);
}

function summarize(entry: ExposureEntry, label: string): string {
  const where = `${label} on ${entry.address}${entry.interface ? `%${entry.interface}` : ''} (${entry.family === 'ipv4' ? 'IPv4' : 'IPv6'}${entry.process ? `, ${entry.process}` : ''})`;
  const via = [entry.viaInterfaces ? `via ${entry.viaInterfaces.join(', ')}` : '', entry.viaDestinations ? `to ${entry.viaDestinations.join(', ')}` : ''].filter(Boolean).join(' ');
  const by = entry.decidedBy ? ` — ${entry.decidedBy.kind === 'rule' ? `rule \`${entry.decidedBy.text}\`` : entry.decidedBy.text}` : '';
  switch (entry.reachability) {
    case 'any':
      return `${where}: reachable from any address${via ? ` ${via}` : ''}${by}`;
    case 'some': {
      const from = entry.exceptSources
        ? `any address except ${entry.exceptSources.join(', ')}`
        : entry.sources[0] === '0.0.0.0/0' || entry.sources[0] === '::/0'
          ? 'any address'
          : `${entry.sources.slice(0, 4).join(', ')}${entry.sourcesTotal > 4 ? ` and ${entry.sourcesTotal - 4} more` : ''}`;
      return `${where}: reachable from ${from}${via ? ` ${via}` : ''}${by}`;
    }
    case 'none':
      return `${where}: not reachable${by}`;
    case 'undetermined':
      return `${where}: undetermined (${entry.reasons[0] ?? 'depends on unmodelled rules'})${by}`;
    case 'local-only':
      return `${where}: local only`;
  }
}
