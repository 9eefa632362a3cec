// The fast path of schedule expansion. rrule-temporal parses and validates
// every rule and stays the reference; for the rule parts drills use (FREQ
// DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY with
// ordinals, BYHOUR, BYMINUTE, WKST, COUNT, UNTIL, EXDATE) the rule is
// compiled to integer day numbers and wall-clock milliseconds, expanded
// without a Temporal object per occurrence, and turned into instants through
// the zone's cached offset table (zone-offsets.ts): a local time in a
// spring-forward gap is dropped and not counted, a repeated one is the
// first (RFC 5545 3.3.10, 3.3.5). Anything else returns null and the library
// expands it. tests/unit/drills/wall-clock-expansion-property.test.ts checks
// this against rrule-temporal on random rules in six zones.
import type { DrillRule } from './drill-recurrence';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

interface WeekdayPart {
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** 0 = every such weekday; n > 0 the n-th in the month, n < 0 counted from its end. */
  nth: number;
}

export interface CompiledRule {
  frequency: Frequency;
  interval: number;
  zone: ZoneOffsets;
  /** DTSTART's local wall clock, ms since 1970-01-01T00:00 local. */
  startLocal: number;
  startDay: number;
  startYear: number;
  startMonth: number;
  startMonthDay: number;
  /** Time-of-day slots in ms after local midnight, ascending. */
  slots: number[];
  months: Set<number> | null;
  monthDays: number[] | null;
  weekdays: WeekdayPart[] | null;
  weekStart: number;
  count: number | null;
  untilMs: number | null;
  exceptions: Set<number>;
}

const compiled = new WeakMap<DrillRule, CompiledRule | null>();

/** The compiled form of `rule`, or null when it uses a part only the library expands. */
export function compileRule(rule: DrillRule): CompiledRule | null {
  if (!compiled.has(rule)) compiled.set(rule, compile(rule));
  return compiled.get(rule)!;
}

function compile(rule: DrillRule): CompiledRule | null {
  const options = rule.options();
  const frequency = options.freq as Frequency;
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(frequency)) return null;
  if (options.bySecond || options.bySetPos || options.byYearDay || options.byWeekNo || options.rDate?.length || options.rscale) return null;
  if (options.byMonth?.some((month) => typeof month !== 'number')) return null;
  const weekdays = options.byDay ? options.byDay.map(parseWeekday) : null;
  if (weekdays?.some((part) => part === null)) return null;
  const parts = weekdays as WeekdayPart[] | null;
  const ordinal = parts?.some((part) => part.nth !== 0) ?? false;
  if (ordinal && (frequency === 'DAILY' || frequency === 'WEEKLY')) return null;
  if (options.byMonthDay && frequency === 'WEEKLY') return null;
  // A yearly BYDAY without BYMONTH counts weekdays within the year: the library's.
  if (parts && frequency === 'YEARLY' && !options.byMonth) return null;
  const start = options.dtstart;
  const zone = zoneOffsets(start.timeZoneId);
  const startDay = dayNumber(start.year, start.month, start.day);
  const startLocal = startDay * DAY_MS + ((start.hour * 60 + start.minute) * 60 + start.second) * 1000;
  // A DTSTART in a gap is moved by the library's own rules; leave that case to it.
  if (zone.instantOf(startLocal) === null) return null;
  const slots: number[] = [];
  for (const hour of options.byHour ?? [start.hour]) {
    for (const minute of options.byMinute ?? [start.minute]) slots.push(((hour * 60 + minute) * 60 + start.second) * 1000);
  }
  return {
    frequency,
    interval: options.interval ?? 1,
    zone,
    startLocal,
    startDay,
    startYear: start.year,
    startMonth: start.month,
    startMonthDay: start.day,
    slots: [...new Set(slots)].sort((a, b) => a - b),
    months: options.byMonth ? new Set(options.byMonth as number[]) : null,
    monthDays: options.byMonthDay ?? null,
    weekdays: parts,
    weekStart: WEEKDAYS.indexOf(options.wkst ?? 'MO') + 1,
    count: options.count ?? null,
    untilMs: options.until ? options.until.epochMilliseconds : null,
    exceptions: new Set((options.exDate ?? []).map((at) => at.epochMilliseconds)),
  };
}

/** Occurrences (epoch ms) with fromMs <= start < toMs, in order. */
export function expandCompiled(rule: CompiledRule, fromMs: number, toMs: number): number[] {
  const found: number[] = [];
  let counted = 0;
  // Local days cannot be more than a day from their instants' UTC days.
  const lastDay = Math.floor(toMs / DAY_MS) + 1;
  const firstPeriod = rule.count === null ? Math.max(0, periodNear(rule, Math.floor(fromMs / DAY_MS) - 1)) : 0;
  for (let period = firstPeriod; ; period++) {
    const { start, days } = periodDays(rule, period);
    if (start > lastDay) return found;
    for (const day of days) {
      if (day > lastDay) return found;
      for (const slot of rule.slots) {
        const local = day * DAY_MS + slot;
        if (local < rule.startLocal) continue;
        const instant = rule.zone.instantOf(local);
        if (instant === null) continue;
        if (rule.untilMs !== null && instant > rule.untilMs) return found;
        if (rule.count !== null && ++counted > rule.count) return found;
        if (instant >= toMs) return found;
        if (instant >= fromMs && !rule.exceptions.has(instant)) found.push(instant);
      }
    }
  }
}

/** The last period index that starts on or before `day` (so no occurrence on or after `day` is skipped). */
function periodNear(rule: CompiledRule, day: number): number {
  switch (rule.frequency) {
    case 'DAILY':
      return Math.floor((day - rule.startDay) / rule.interval);
    case 'WEEKLY':
      return Math.floor((day - weekStartOf(rule.startDay, rule.weekStart)) / (7 * rule.interval));
    case 'MONTHLY': {
      const { year, month } = civil(day);
      return Math.floor((year * 12 + month - (rule.startYear * 12 + rule.startMonth)) / rule.interval);
    }
    case 'YEARLY':
      return Math.floor((civil(day).year - rule.startYear) / rule.interval);
  }
}

/** Period `index`: the day it starts and its candidate days, ascending. */
function periodDays(rule: CompiledRule, index: number): { start: number; days: number[] } {
  switch (rule.frequency) {
    case 'DAILY': {
      const day = rule.startDay + index * rule.interval;
      return { start: day, days: dayPasses(rule, day) ? [day] : [] };
    }
    case 'WEEKLY': {
      const first = weekStartOf(rule.startDay, rule.weekStart) + index * 7 * rule.interval;
      const weekdays = rule.weekdays?.map((part) => part.weekday) ?? [isoWeekday(rule.startDay)];
      const days = weekdays
        .map((weekday) => first + ((weekday - rule.weekStart + 7) % 7))
        .sort((a, b) => a - b)
        .filter((day) => rule.months === null || rule.months.has(civil(day).month));
      return { start: first, days };
    }
    case 'MONTHLY': {
      const months = rule.startYear * 12 + rule.startMonth - 1 + index * rule.interval;
      const year = Math.floor(months / 12);
      const month = (months % 12) + 1;
      return { start: dayNumber(year, month, 1), days: rule.months === null || rule.months.has(month) ? daysInMonthOf(rule, year, month) : [] };
    }
    case 'YEARLY': {
      const year = rule.startYear + index * rule.interval;
      const months = rule.months ? [...rule.months].sort((a, b) => a - b) : rule.monthDays ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [rule.startMonth];
      return { start: dayNumber(year, 1, 1), days: months.flatMap((month) => daysInMonthOf(rule, year, month)) };
    }
  }
}

/** DAILY's filters: BYMONTH, BYMONTHDAY, BYDAY limit the days. */
function dayPasses(rule: CompiledRule, day: number): boolean {
  if (rule.months === null && rule.monthDays === null && rule.weekdays === null) return true;
  const { year, month, monthDay } = civil(day);
  if (rule.months !== null && !rule.months.has(month)) return false;
  if (rule.monthDays !== null && !rule.monthDays.some((wanted) => resolveMonthDay(wanted, monthLength(year, month)) === monthDay)) return false;
  return rule.weekdays === null || rule.weekdays.some((part) => part.weekday === isoWeekday(day));
}

/** The days of one month a MONTHLY (or YEARLY, per month) rule names, ascending. */
function daysInMonthOf(rule: CompiledRule, year: number, month: number): number[] {
  const length = monthLength(year, month);
  const first = dayNumber(year, month, 1);
  let monthDays: number[];
  if (rule.monthDays) monthDays = rule.monthDays.map((wanted) => resolveMonthDay(wanted, length)).filter((value) => value > 0);
  else if (rule.weekdays) monthDays = Array.from({ length }, (_, offset) => offset + 1);
  else monthDays = rule.startMonthDay <= length ? [rule.startMonthDay] : [];
  if (rule.weekdays) {
    const parts = rule.weekdays;
    monthDays = monthDays.filter((monthDay) => {
      const weekday = isoWeekday(first + monthDay - 1);
      return parts.some((part) => part.weekday === weekday && (part.nth === 0 || (part.nth > 0 ? Math.ceil(monthDay / 7) === part.nth : Math.floor((length - monthDay) / 7) === -part.nth - 1)));
    });
  }
  return [...new Set(monthDays)].sort((a, b) => a - b).map((monthDay) => first + monthDay - 1);
}

function resolveMonthDay(wanted: number, length: number): number {
  const day = wanted > 0 ? wanted : length + wanted + 1;
  return day >= 1 && day <= length ? day : 0;
}

function parseWeekday(token: string): WeekdayPart | null {
  const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(token.toUpperCase());
  if (!match) return null;
  return { weekday: WEEKDAYS.indexOf(match[2]!) + 1, nth: match[1] ? Number(match[1]) : 0 };
}

// Proleptic Gregorian day numbers (days since 1970-01-01) through Date's UTC
// functions, which have no zone and no daylight saving.
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function civil(day: number): { year: number; month: number; monthDay: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, monthDay: date.getUTCDate() };
}

function monthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function weekStartOf(day: number, weekStart: number): number {
  return day - ((isoWeekday(day) - weekStart + 7) % 7);
}
