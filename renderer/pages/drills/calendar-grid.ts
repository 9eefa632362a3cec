// The drills calendar's days: which occurrences (and which overdue drills)
// fall on which day in the viewer's time zone, and the days of a month grid
// or a week (Monday first). Dates are plain calendar days ('YYYY-MM-DD'),
// counted in UTC so no zone or daylight-saving change moves them; only the
// placing of an instant on a day uses the viewer's zone. Pure.
import type { DrillsScheduleView, DrillTimesView } from '../../../preload/contract';

export interface CalendarEntry {
  /** The viewer's calendar day of the occurrence. */
  date: string;
  plan: string;
  title: string;
  site: string;
  times: DrillTimesView;
  /** 'due' / 'overdue': a drill that should have run and has not yet (placed on the day it fell due); passed, failed, aborted: a drill that ran. */
  state: 'scheduled' | 'due' | 'overdue' | 'passed' | 'failed' | 'aborted';
  /** Who led a drill that ran. */
  lead?: string;
}

const DAY_MS = 86_400_000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone (one formatter per zone: making one costs more than using it). */
export function localDate(instant: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = format.formatToParts(new Date(instant));
  const part = (type: string) => parts.find((each) => each.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The seven days of the week holding `date`, Monday first. */
export function weekDays(date: string): string[] {
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The weeks of the month holding `date`, Monday first, padded with the days of the months around it. */
export function monthWeeks(date: string): string[][] {
  const first = `${date.slice(0, 7)}-01`;
  const last = addDays(shiftMonth(first, 1), -1);
  const weeks: string[][] = [];
  for (let monday = weekStart(first); monday <= last; monday = addDays(monday, 7)) weeks.push(weekDays(monday));
  return weeks;
}

/** The first day of the month `months` after the month holding `date`. */
export function shiftMonth(date: string, months: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Every drill that ran, every due or overdue drill and every occurrence of the agenda, on the viewer's day, in time order. */
export function calendarEntries(view: DrillsScheduleView): CalendarEntry[] {
  const title = (id: string) => view.plans.find((plan) => plan.id === id)?.title ?? id;
  const overdue = view.plans.flatMap((plan) =>
    (plan.state === 'overdue' || plan.state === 'due') && plan.since
      ? [{ date: localDate(plan.since.instant, view.viewerTimeZone), plan: plan.id, title: plan.title, site: plan.site, times: plan.since, state: plan.state }]
      : [],
  );
  const scheduled = view.agenda.map((entry) => ({
    date: localDate(entry.times.instant, view.viewerTimeZone),
    plan: entry.plan,
    title: title(entry.plan),
    site: entry.site,
    times: entry.times,
    state: 'scheduled' as const,
  }));
  const ran = view.history.map((record) => ({
    date: localDate(record.times.instant, view.viewerTimeZone),
    plan: record.plan,
    title: title(record.plan),
    site: record.site,
    times: record.times,
    state: record.outcome,
    lead: record.lead,
  }));
  return [...ran, ...overdue, ...scheduled].sort((a, b) => a.times.instant.localeCompare(b.times.instant));
}

/** The entries of each day in `days`. */
export function entriesByDay(entries: CalendarEntry[], days: string[]): Map<string, CalendarEntry[]> {
  const byDay = new Map<string, CalendarEntry[]>(days.map((day) => [day, []]));
  for (const entry of entries) byDay.get(entry.date)?.push(entry);
  return byDay;
}
