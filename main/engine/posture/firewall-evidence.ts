// Evidence for firewall findings: which commands' outputs show it (the rule
// source by the rule's origin, the socket list by OS) and the lines to quote
// — the socket line, then the deciding rule's text.
import type { ExposureEntry, ExposureRef } from '../collectors/firewall/exposure';
import { FIREWALL_COMMAND_IDS as ids } from '../collectors/firewall/firewall-commands';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';

export function refCommandIds(facts: FirewallFacts, ref: ExposureRef | null): string[] {
  if (facts.os === 'smartos') return ref && (ref.kind === 'rule' || ref.kind === 'policy') && ref.chainId.startsWith('ipf:ip6') ? [ids.ipfstatV6] : [ids.ipfstatV4, ids.svcsIpfilter];
  if (!ref || (ref.kind !== 'rule' && ref.kind !== 'policy')) return [ids.nftJson, ids.iptablesSave, ids.ip6tablesSave];
  const id = ref.chainId;
  const save = id.includes(':ip6/') ? ids.ip6tablesSave : ids.iptablesSave;
  if (id.startsWith('iptables-legacy:')) return [save];
  if (id.startsWith('iptables-nft:')) return [ids.nftJson, save];
  return [ids.nftJson];
}

export function listenerCommandIds(facts: FirewallFacts, entry: Pick<ExposureEntry, 'family'>): string[] {
  if (facts.os === 'debian') return [ids.ssListeners];
  return [entry.family === 'ipv4' ? ids.netstatInet : ids.netstatInet6];
}

export function entryCommandIds(facts: FirewallFacts, entry: ExposureEntry): string[] {
  return [...refCommandIds(facts, entry.decidedBy), ...listenerCommandIds(facts, entry)];
}

export function refText(ref: ExposureRef | null): string | null {
  if (!ref) return null;
  return ref.kind === 'rule' ? ref.text : ref.text;
}

/** The socket line and the rule (or policy) that decided its reach. */
export function entryExcerpt(entry: ExposureEntry): string[] {
  const rule = refText(entry.decidedBy);
  return [entry.socket.trim(), ...(rule ? [rule] : [])];
}

export function familiesText(entries: Array<Pick<ExposureEntry, 'family'>>): string {
  const families = new Set(entries.map((entry) => entry.family));
  return families.size === 2 ? 'IPv4 and IPv6' : families.has('ipv6') ? 'IPv6' : 'IPv4';
}
