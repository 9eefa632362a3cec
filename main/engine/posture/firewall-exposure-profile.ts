// A host's effective exposure reduced to what two hosts can be compared on:
// per protocol, port and IP version, the sources that can reach it (loopback
// and blocked sockets left out), and its class — any address, some
// networks, or undetermined. Several sockets on one port (0.0.0.0:123 and
// 10.10.16.16:123) merge into one entry.
import { isEmptySet, setToCidrs, unionSets, type AddrSet } from '../collectors/firewall/address-set';
import type { ExposureEntry } from '../collectors/firewall/exposure';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { openToAll, reachedSources, serviceName, undeterminedSources, versionOf } from './firewall-baseline';

export type ExposureClass = 'any' | 'some' | 'undetermined';

export interface ProfileEntry {
  key: string;
  proto: 'tcp' | 'udp';
  port: number;
  family: 'ipv4' | 'ipv6';
  cls: ExposureClass;
  /** Sources that certainly reach it. */
  reached: AddrSet;
  entries: ExposureEntry[];
}

export type ExposureProfile = Map<string, ProfileEntry>;

export function profileKey(proto: string, port: number, family: string): string {
  return `${proto}/${port} ${family === 'ipv4' ? 'IPv4' : 'IPv6'}`;
}

/** Whether the facts say enough to compare this host with another: rules and sockets read. */
export function comparable(facts: FirewallFacts): boolean {
  return facts.firewall.state !== 'unknown' && facts.listenersKnown;
}

export function exposureProfile(facts: FirewallFacts): ExposureProfile {
  const profile: ExposureProfile = new Map();
  for (const entry of facts.exposure) {
    if (entry.reachability === 'local-only' || entry.reachability === 'none') continue;
    const key = profileKey(entry.proto, entry.port, entry.family);
    const reached = reachedSources(entry);
    const cls: ExposureClass = openToAll(entry) ? 'any' : entry.reachability === 'undetermined' && isEmptySet(reached) ? 'undetermined' : 'some';
    const existing = profile.get(key);
    if (!existing) {
      profile.set(key, { key, proto: entry.proto, port: entry.port, family: entry.family, cls, reached, entries: [entry] });
      continue;
    }
    existing.reached = unionSets(existing.reached, reached);
    existing.entries.push(entry);
    existing.cls = rank(cls) > rank(existing.cls) ? cls : existing.cls;
  }
  return profile;
}

function rank(cls: ExposureClass | 'none'): number {
  return { none: 0, undetermined: 1, some: 2, any: 3 }[cls];
}

/** Whether `a` is more open than `b` by class (absent = none). */
export function moreOpen(a: ExposureClass | 'none', b: ExposureClass | 'none'): boolean {
  return rank(a) > rank(b);
}

/** What reaches it, in a few words: `any address`, `10.10.8.0/22`, `nothing`, `undetermined`. */
export function reachText(entry: ProfileEntry | undefined): string {
  if (!entry) return 'nothing (not reachable)';
  if (entry.cls === 'any') return 'any address';
  if (entry.cls === 'undetermined') return `undetermined (${entry.entries[0]?.reasons[0] ?? 'unmodelled rules'})`;
  const version = versionOf(entry);
  const { cidrs, total } = setToCidrs(entry.reached, version, 4);
  const maybe = entry.entries.some((each) => !isEmptySet(undeterminedSources(each))) ? ' (more undetermined)' : '';
  return `${cidrs.join(', ')}${total > 4 ? ` and ${total - 4} more` : ''}${maybe}`;
}

export function portLabel(proto: string, port: number): string {
  const name = serviceName(proto, port);
  return name ? `${name} (${proto}/${port})` : `${proto}/${port}`;
}
