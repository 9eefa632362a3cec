// A host's patch level graded against its role's SLA for security updates:
// behind only when a security update has been pending longer than the SLA
// (the engine's SLA clock, facts.firstSeen); pending regular updates are
// shown but are not "behind"; unknown when the pending list or the package
// index cannot be trusted. The SLA of a host with several roles is the
// strictest one, as the engine's host policy takes it (main/engine/fleet/host-policy.ts).
import type { HostView, RolePolicyView } from '../../../preload/contract';
import type { PatchFactsView } from './patch-view';

export const DEFAULT_PATCH_SLA_HOURS = 24;

export type PatchGrade = 'behind' | 'within-sla' | 'up-to-date' | 'unknown';

export interface PatchCompliance {
  grade: PatchGrade;
  slaHours: number;
  securityPending: number;
  otherPending: number;
  /** When the oldest pending security update was first seen pending (ISO), or null. */
  oldestSecuritySince: string | null;
  /** How long the oldest has been pending, in hours, or null. */
  pendingForHours: number | null;
  /** Security updates pending longer than the SLA. */
  overdue: number;
}

export function hostSlaHours(host: Pick<HostView, 'roles'> | undefined, policies: RolePolicyView[]): number {
  const slas = (host?.roles ?? []).map((role) => policies.find((policy) => policy.role === role)?.patchSlaHours).filter((hours): hours is number => hours !== undefined);
  return slas.length ? Math.min(...slas) : DEFAULT_PATCH_SLA_HOURS;
}

export function patchCompliance(facts: PatchFactsView, slaHours: number, now: Date): PatchCompliance {
  const security = facts.pendingUpdates.filter((update) => update.security);
  const firstSeen = facts.firstSeen ?? {};
  const sinceOf = (name: string, to: string) => firstSeen[`${name}=${to}`]?.pendingSince ?? null;
  const ages = security.map((update) => {
    const since = sinceOf(update.name, update.to);
    return { since, hours: since ? Math.max(0, (now.getTime() - Date.parse(since)) / 3_600_000) : 0 };
  });
  const oldest = ages.reduce<{ since: string | null; hours: number } | null>((worst, age) => (!worst || age.hours > worst.hours ? age : worst), null);
  const overdue = ages.filter((age) => age.hours > slaHours).length;
  const untrusted = facts.upToDate === 'unknown' || facts.packageIndex.stale !== false;
  const grade: PatchGrade = overdue > 0 ? 'behind' : untrusted ? 'unknown' : security.length > 0 ? 'within-sla' : 'up-to-date';
  return {
    grade,
    slaHours,
    securityPending: security.length,
    otherPending: facts.pendingUpdates.length - security.length,
    oldestSecuritySince: oldest?.since ?? null,
    pendingForHours: oldest ? oldest.hours : null,
    overdue,
  };
}

export const GRADE_LABELS: Record<PatchGrade, string> = {
  behind: '✕ behind SLA',
  'within-sla': '◔ within SLA',
  'up-to-date': '✓ up to date',
  unknown: '? unknown',
};
