// Expected drills against executed ones. Each occurrence of a plan in a
// period is matched with the drill recorded for it: the first record (not
// aborted, when there is one) that started between `graceDays` before the
// occurrence and `graceDays` before the next. A record past the grace is
// late; an occurrence past its grace with no record is missed, and a plan
// whose latest occurrence is missed is overdue. Pure: `now` is given.
import type { DrillOutcome, DrillPlan, DrillRecord } from './drill-plan';
import { nextOccurrenceMillis, occurrenceMillisBetween, parseRecurrence } from './drill-recurrence';
import { Temporal } from './temporal';

export type OccurrenceState = 'upcoming' | 'due' | 'missed' | DrillOutcome;

export interface DrillOccurrence {
  plan: string;
  /** UTC instant, ISO 8601. */
  at: string;
  state: OccurrenceState;
  /** Null unless a record matched; then whether it started within the grace. */
  onTime: boolean | null;
  /** Index into DrillPlans.history of the matched record. */
  record: number | null;
}

export interface PlanPeriodSummary {
  plan: string;
  expected: number;
  executed: number;
  onTime: number;
  missed: number;
  failed: number;
  /** Records of this plan in the period that matched no occurrence (drills run off schedule). */
  unscheduled: number;
}

export interface Period {
  from: Temporal.Instant;
  to: Temporal.Instant;
}

const DAY_MS = 86_400_000;

/** Occurrences of `plan` that start within `period`, each with its state at `now`. */
export function planOccurrences(plan: DrillPlan, history: readonly DrillRecord[], period: Period, now: Temporal.Instant): DrillOccurrence[] {
  const parsed = parseRecurrence(plan.schedule.text);
  if (!parsed.ok) return [];
  const grace = plan.graceDays * DAY_MS;
  // One occurrence past the period so the last one's matching window has an end.
  const lookahead = Temporal.Instant.fromEpochMilliseconds(period.to.epochMilliseconds + 400 * DAY_MS);
  const all = occurrenceMillisBetween(parsed.rule, period.from.epochMilliseconds, lookahead.epochMilliseconds);
  const next = nextOccurrenceMillis(parsed.rule, all.at(-1) ?? lookahead.epochMilliseconds);
  const ends = [...all.slice(1), next ?? Number.POSITIVE_INFINITY];
  const records = history.flatMap((record, index) => (record.plan === plan.id ? [{ record, index, start: Date.parse(record.startedAt) }] : [])).sort((a, b) => a.start - b.start || a.index - b.index);
  const nowMs = now.epochMilliseconds;
  const occurrences: DrillOccurrence[] = [];
  // Windows move forward with the occurrences, so the records before one window never matter to a later one.
  let firstRecord = 0;
  for (const [position, at] of all.entries()) {
    if (at >= period.to.epochMilliseconds) break;
    const windowEnd = ends[position]! - grace;
    while (firstRecord < records.length && records[firstRecord]!.start < at - grace) firstRecord++;
    const candidates: typeof records = [];
    for (let index = firstRecord; index < records.length && records[index]!.start < windowEnd; index++) candidates.push(records[index]!);
    const match = candidates.find((entry) => entry.record.outcome !== 'aborted') ?? candidates[0];
    const iso = new Date(at).toISOString();
    if (match) occurrences.push({ plan: plan.id, at: iso, state: match.record.outcome, onTime: match.start <= at + grace, record: match.index });
    else occurrences.push({ plan: plan.id, at: iso, state: at > nowMs ? 'upcoming' : nowMs <= at + grace ? 'due' : 'missed', onTime: null, record: null });
  }
  return occurrences;
}

export function summarisePeriod(plan: DrillPlan, occurrences: readonly DrillOccurrence[], history: readonly DrillRecord[], period: Period): PlanPeriodSummary {
  const matched = new Set(occurrences.flatMap((occurrence) => (occurrence.record === null ? [] : [occurrence.record])));
  const inPeriod = (iso: string) => {
    const ms = Date.parse(iso);
    return ms >= period.from.epochMilliseconds && ms < period.to.epochMilliseconds;
  };
  const executed = occurrences.filter((occurrence) => occurrence.record !== null && occurrence.state !== 'aborted');
  return {
    plan: plan.id,
    expected: occurrences.filter((occurrence) => occurrence.state !== 'upcoming').length,
    executed: executed.length,
    onTime: executed.filter((occurrence) => occurrence.onTime).length,
    missed: occurrences.filter((occurrence) => occurrence.state === 'missed').length,
    failed: occurrences.filter((occurrence) => occurrence.state === 'failed').length,
    unscheduled: history.filter((record, index) => record.plan === plan.id && inPeriod(record.startedAt) && !matched.has(index)).length,
  };
}

/** The latest occurrence at or before `now` when it was missed or aborted: the plan is overdue since then. */
export function overdueSince(occurrences: readonly DrillOccurrence[], now: Temporal.Instant): DrillOccurrence | null {
  const past = occurrences.filter((occurrence) => Date.parse(occurrence.at) <= now.epochMilliseconds && occurrence.state !== 'due');
  const latest = past.at(-1);
  return latest && (latest.state === 'missed' || latest.state === 'aborted') ? latest : null;
}
