// The per-site roll-up of the patch facts (posture.patches: the contract's
// PatchFactsView, built by the engine).
import type { AreaHostView, PatchFactsView } from '../../../preload/contract';
export type { PatchFactsView };

export type HostPatches = AreaHostView<PatchFactsView>;

export interface SitePatchSummary {
  dc: string;
  hosts: number;
  /** Hosts with no security update pending beyond their SLA, whose pending list can be trusted. */
  compliant: number;
  pendingSecurity: number;
  oldestPendingSince: string | null;
  rebootsNeeded: number;
  staleIndex: number;
}

export function securityPending(facts: PatchFactsView): number {
  return facts.pendingUpdates.filter((update) => update.security).length;
}

export function oldestPendingSince(facts: PatchFactsView): string | null {
  const times = Object.values(facts.firstSeen ?? {}).map((entry) => entry.pendingSince);
  return times.length ? times.sort()[0]! : null;
}

export function isCompliant(facts: PatchFactsView): boolean {
  return facts.upToDate === true && facts.reboot.needed === false && facts.vulnerablePackages.length === 0;
}

export function siteSummary(dc: string, hosts: HostPatches[], isCompliantHost: (host: HostPatches) => boolean = (host) => isCompliant(host.facts)): SitePatchSummary {
  const site = hosts.filter((host) => host.dc === dc);
  const oldest =
    site
      .map((host) => oldestPendingSince(host.facts))
      .filter((time): time is string => time !== null)
      .sort()[0] ?? null;
  return {
    dc,
    hosts: site.length,
    compliant: site.filter(isCompliantHost).length,
    pendingSecurity: site.reduce((sum, host) => sum + securityPending(host.facts), 0),
    oldestPendingSince: oldest,
    rebootsNeeded: site.filter((host) => host.facts.reboot.needed === true).length,
    staleIndex: site.filter((host) => host.facts.packageIndex.stale !== false).length,
  };
}

export const AGE_BUCKETS = [
  { label: '< 30 d', max: 30 },
  { label: '30–90 d', max: 90 },
  { label: '90–180 d', max: 180 },
  { label: '180–365 d', max: 365 },
  { label: '≥ 1 year', max: Infinity },
];

export function ageBucket(days: number): string {
  return AGE_BUCKETS.find((bucket) => days < bucket.max)!.label;
}
