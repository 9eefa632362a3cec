// Cadence compliance per kind and site: "a site failover drill at least every
// 90 days". Only a passed drill demonstrates recovery, so only passed records
// count. Pure: `now` is given.
import type { CadenceRequirement, DrillPlans } from './drill-plan';

export interface CadenceStatus {
  kind: CadenceRequirement['kind'];
  site: string;
  everyDays: number;
  /** ISO instant of the latest passed drill of this kind at this site, or null if none. */
  lastPassed: string | null;
  /** When the next one is needed by (lastPassed + everyDays), or null if none ever passed. */
  dueBy: string | null;
  compliant: boolean;
  /** Whole days late; 0 when compliant. */
  daysLate: number;
}

const DAY_MS = 86_400_000;

export function cadenceCompliance(plans: DrillPlans, nowMs: number): CadenceStatus[] {
  return plans.cadence.map((requirement) => {
    const planIds = new Set(plans.plans.filter((plan) => plan.kind === requirement.kind && plan.scope.site === requirement.site).map((plan) => plan.id));
    const passed = plans.history.filter((record) => planIds.has(record.plan) && record.outcome === 'passed' && Date.parse(record.startedAt) <= nowMs).map((record) => Date.parse(record.finishedAt));
    const last = passed.length > 0 ? Math.max(...passed) : null;
    const dueBy = last === null ? null : last + requirement.everyDays * DAY_MS;
    const compliant = dueBy !== null && nowMs <= dueBy;
    return {
      kind: requirement.kind,
      site: requirement.site,
      everyDays: requirement.everyDays,
      lastPassed: last === null ? null : new Date(last).toISOString(),
      dueBy: dueBy === null ? null : new Date(dueBy).toISOString(),
      compliant,
      daysLate: compliant || dueBy === null ? 0 : Math.floor((nowMs - dueBy) / DAY_MS),
    };
  });
}
