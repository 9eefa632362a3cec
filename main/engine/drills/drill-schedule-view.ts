// What the schedule shows for each plan at `now`: its next occurrences in
// UTC, site and viewer time, whether it is overdue or due, and its latest
// drill. Plain data for the CLI's table and JSON (and the UI's calendar).
import { cadenceCompliance, type CadenceStatus } from './cadence-compliance';
import { overdueSince, planOccurrences, summarisePeriod, type DrillOccurrence, type PlanPeriodSummary } from './drill-occurrences';
import type { DrillKind, DrillPlans, DrillRecord } from './drill-plan';
import { occurrencesBetween, parseRecurrence } from './drill-recurrence';
import { occurrenceTimes, type OccurrenceTimes } from './occurrence-times';
import { Temporal } from './temporal';

export type PlanState = 'overdue' | 'due' | 'scheduled' | 'ended';

export interface PlanScheduleRow {
  id: string;
  title: string;
  kind: DrillKind;
  site: string;
  owner: string;
  state: PlanState;
  /** The missed occurrence the plan is overdue since, or the due one still within its grace. */
  since: OccurrenceTimes | null;
  next: OccurrenceTimes[];
  lastDrill: DrillRecord | null;
}

export interface DrillScheduleView {
  at: string;
  viewerTimeZone: string;
  plans: PlanScheduleRow[];
  cadence: CadenceStatus[];
}

const DAY_MS = 86_400_000;

export function drillScheduleView(plans: DrillPlans, now: Temporal.Instant, viewerTimeZone: string, nextCount = 3): DrillScheduleView {
  const siteZone = (site: string) => plans.sites.find((candidate) => candidate.id === site)?.timeZone ?? 'UTC';
  const rows = plans.plans.map((plan): PlanScheduleRow => {
    const zone = siteZone(plan.scope.site);
    const times = (occurrence: DrillOccurrence) => occurrenceTimes(occurrence.at, zone, viewerTimeZone);
    // A year back is enough to see the latest missed occurrence of any plan that recurs at least yearly.
    const recent = planOccurrences(plan, plans.history, { from: now.subtract({ hours: 24 * 400 }), to: now.add({ nanoseconds: 1 }) }, now);
    const overdue = overdueSince(recent, now);
    const due = recent.find((occurrence) => occurrence.state === 'due') ?? null;
    const parsed = parseRecurrence(plan.schedule.text);
    const upcoming = parsed.ok ? occurrencesBetween(parsed.rule, now, now.add({ hours: 24 * 366 * 2 })).slice(0, nextCount) : [];
    const records = plans.history.filter((record) => record.plan === plan.id).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const state: PlanState = overdue ? 'overdue' : due ? 'due' : upcoming.length > 0 ? 'scheduled' : 'ended';
    return {
      id: plan.id,
      title: plan.title,
      kind: plan.kind,
      site: plan.scope.site,
      owner: plan.owner,
      state,
      since: overdue ? times(overdue) : due ? times(due) : null,
      next: upcoming.map((at) => occurrenceTimes(at.toInstant().toString(), zone, viewerTimeZone)),
      lastDrill: records.at(-1) ?? null,
    };
  });
  return { at: now.toString(), viewerTimeZone, plans: rows, cadence: cadenceCompliance(plans, now.epochMilliseconds) };
}

/** Plans overdue, due, or with an occurrence within `days` of `now`. */
export function plansDueWithin(view: DrillScheduleView, days: number): PlanScheduleRow[] {
  const limit = Date.parse(view.at) + days * DAY_MS;
  return view.plans.filter((row) => row.state === 'overdue' || row.state === 'due' || row.next.some((next) => Date.parse(next.instant) <= limit));
}

export interface DrillHistoryView {
  from: string;
  to: string;
  plans: (PlanPeriodSummary & { occurrences: DrillOccurrence[] })[];
  records: DrillRecord[];
}

/** Expected against executed, per plan, for [from, to). */
export function drillHistoryView(plans: DrillPlans, period: { from: Temporal.Instant; to: Temporal.Instant }, now: Temporal.Instant): DrillHistoryView {
  const inPeriod = (iso: string) => {
    const ms = Date.parse(iso);
    return ms >= period.from.epochMilliseconds && ms < period.to.epochMilliseconds;
  };
  return {
    from: period.from.toString(),
    to: period.to.toString(),
    plans: plans.plans.map((plan) => {
      const occurrences = planOccurrences(plan, plans.history, period, now);
      return { ...summarisePeriod(plan, occurrences, plans.history, period), occurrences };
    }),
    records: plans.history.filter((record) => inPeriod(record.startedAt)).sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
  };
}
