// One exposure entry against the host's role baseline, and what reaches it
// in a few words — the two things a matrix cell and a diff row say.
// The baseline arithmetic is the findings' own (posture/firewall-baseline),
// so a cell marked beyond the baseline always has a finding beside it.
import type { BaselineConformance, ExposureReachability, PortExposureView } from '../../../../preload/contract';
import { isEmptySet, subtractSets, type AddrSet } from '../../collectors/firewall/address-set';
import type { ExposureEntry } from '../../collectors/firewall/exposure';
import { baselineSources, reachedSources, undeterminedSources, versionOf } from '../../posture/firewall-baseline';
import type { HostPolicy } from '../../posture/host-context';

const MAX_TEXT = 240;

export function portConformance(entry: ExposureEntry, policy: HostPolicy): { conformance: BaselineConformance; baseline: string | null } {
  const version = versionOf(entry);
  const baseline = baselineSources(policy, entry.proto, entry.port, version);
  const text = baseline ? baseline.text.join(', ') : null;
  if (entry.reachability === 'local-only') return { conformance: 'conforming', baseline: text };
  if (entry.basis === 'ruleset-unavailable') return { conformance: 'undetermined', baseline: text };
  const beyond = (set: AddrSet) => (baseline ? subtractSets(set, baseline.set, version) : set);
  if (!isEmptySet(beyond(reachedSources(entry)))) return { conformance: 'beyond-baseline', baseline: text };
  if (!isEmptySet(beyond(undeterminedSources(entry)))) return { conformance: 'undetermined', baseline: text };
  return { conformance: baseline ? 'conforming' : 'no-baseline', baseline: text };
}

/** Who can connect: "any address", "any address except 192.0.2.0/24", "10.10.8.0/22 via eth1", "nothing (blocked)". */
export function reachText(entry: ExposureEntry): string {
  const via = [entry.viaInterfaces ? `via ${entry.viaInterfaces.join(', ')}` : '', entry.viaDestinations ? `to ${entry.viaDestinations.join(', ')}` : ''].filter(Boolean).join(' ');
  const withVia = (text: string) => (via ? `${text} ${via}` : text);
  switch (entry.reachability) {
    case 'local-only':
      return 'only local processes (loopback)';
    case 'none':
      return 'nothing (blocked)';
    case 'any':
      return withVia('any address');
    case 'some':
      return withVia(sourcesText(entry));
    case 'undetermined': {
      const why = entry.reasons[0] ?? (entry.basis === 'ruleset-unavailable' ? 'the rules could not be read' : 'depends on rules OpsDeck does not model');
      return entry.sources.length > 0 ? withVia(`${sourcesText(entry)}; more undetermined (${why})`) : `undetermined (${why})`;
    }
  }
}

function sourcesText(entry: ExposureEntry): string {
  if (entry.exceptSources) return `any address except ${entry.exceptSources.join(', ')}`;
  if (entry.sources[0] === '0.0.0.0/0' || entry.sources[0] === '::/0') return 'any address';
  const shown = entry.sources.slice(0, 3).join(', ');
  return entry.sourcesTotal > 3 ? `${shown} and ${entry.sourcesTotal - 3} more` : shown;
}

export function decidedByText(entry: ExposureEntry): string | null {
  const text = entry.decidedBy?.text ?? null;
  return text && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export function portExposureView(entry: ExposureEntry, policy: HostPolicy): PortExposureView {
  return {
    proto: entry.proto,
    port: entry.port,
    family: entry.family,
    reachability: entry.reachability,
    ...portConformance(entry, policy),
    reach: reachText(entry),
    decidedBy: decidedByText(entry),
    process: entry.process,
  };
}

const CONFORMANCE_RANK: Record<BaselineConformance, number> = { conforming: 0, 'no-baseline': 1, undetermined: 2, 'beyond-baseline': 3 };
const REACH_RANK: Record<ExposureReachability, number> = { 'local-only': 0, none: 1, undetermined: 2, some: 3, any: 4 };

/** Which of two views of one port speaks for it: the one further from the baseline, then the more open. */
export function worseExposure<T extends Pick<PortExposureView, 'conformance' | 'reachability'>>(a: T, b: T): T {
  const byConformance = CONFORMANCE_RANK[b.conformance] - CONFORMANCE_RANK[a.conformance];
  if (byConformance !== 0) return byConformance > 0 ? b : a;
  return REACH_RANK[b.reachability] > REACH_RANK[a.reachability] ? b : a;
}

export function portKey(view: Pick<PortExposureView, 'proto' | 'port' | 'family'>): string {
  return `${view.proto}/${view.port} ${view.family}`;
}

/** One view per protocol, port and IP version (several sockets on one port merged), in port order. */
export function mergedPortViews(entries: ExposureEntry[], policy: HostPolicy): PortExposureView[] {
  const byKey = new Map<string, PortExposureView>();
  for (const entry of entries) {
    const view = portExposureView(entry, policy);
    const key = portKey(view);
    const existing = byKey.get(key);
    byKey.set(key, existing ? worseExposure(existing, view) : view);
  }
  return [...byKey.values()].sort(comparePorts);
}

export function comparePorts(a: Pick<PortExposureView, 'proto' | 'port' | 'family'>, b: Pick<PortExposureView, 'proto' | 'port' | 'family'>): number {
  return a.port - b.port || a.proto.localeCompare(b.proto) || a.family.localeCompare(b.family);
}
