// Property test: rrule-temporal's expansion agrees with a second, deliberately
// naive implementation — walk every day of a year with Temporal, keep the
// days the rule names, drop local times in a spring-forward gap and take the
// first of a repeated one (RFC 5545 3.3.10 / 3.3.5) — on random DAILY, WEEKLY
// and MONTHLY rules (BYDAY, BYMONTHDAY) in zones with and without DST,
// northern and southern.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { occurrencesBetween, parseRecurrence } from '../../../main/engine/drills/drill-recurrence';
import { Temporal } from '../../../main/engine/drills/temporal';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

type DayRule = { freq: 'DAILY'; interval: number } | { freq: 'WEEKLY'; days: number[] } | { freq: 'MONTHLY'; monthDay: number } | { freq: 'MONTHLY'; nth: number; weekday: number };

interface Case {
  zone: string;
  start: Temporal.PlainDateTime;
  rule: DayRule;
}

const dayRule: fc.Arbitrary<DayRule> = fc.oneof(
  fc.record({ freq: fc.constant('DAILY' as const), interval: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ freq: fc.constant('WEEKLY' as const), days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ freq: fc.constant('MONTHLY' as const), monthDay: fc.constantFrom(1, 5, 15, 28, 29, 30, 31, -1) }),
  fc.record({ freq: fc.constant('MONTHLY' as const), nth: fc.constantFrom(1, 2, 3, 4, -1), weekday: fc.integer({ min: 1, max: 7 }) }),
);

const testCase: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    dayOffset: fc.integer({ min: 0, max: 3 * 365 }),
    // Mostly 01:xx and 02:xx, the hours daylight-saving changes move.
    hour: fc.oneof({ arbitrary: fc.constantFrom(1, 2), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 23 }), weight: 1 }),
    minute: fc.constantFrom(0, 15, 30, 45),
    rule: dayRule,
  })
  .map(({ zone, dayOffset, hour, minute, rule }) => ({ zone, rule, start: Temporal.PlainDate.from('2026-01-01').add({ days: dayOffset }).toPlainDateTime({ hour, minute }) }));

function rruleText({ zone, start, rule }: Case): string {
  const dtstart = start.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
  const parts =
    rule.freq === 'DAILY'
      ? `FREQ=DAILY;INTERVAL=${rule.interval}`
      : rule.freq === 'WEEKLY'
        ? `FREQ=WEEKLY;BYDAY=${rule.days.map((day) => WEEKDAYS[day - 1]).join(',')}`
        : 'monthDay' in rule
          ? `FREQ=MONTHLY;BYMONTHDAY=${rule.monthDay}`
          : `FREQ=MONTHLY;BYDAY=${rule.nth}${WEEKDAYS[rule.weekday - 1]}`;
  return `DTSTART;TZID=${zone}:${dtstart}\nRRULE:${parts}`;
}

function dayMatches(rule: DayRule, day: Temporal.PlainDate, first: Temporal.PlainDate): boolean {
  switch (rule.freq) {
    case 'DAILY':
      return first.until(day, { largestUnit: 'days' }).days % rule.interval === 0;
    case 'WEEKLY':
      return rule.days.includes(day.dayOfWeek);
    case 'MONTHLY':
      if ('monthDay' in rule) return rule.monthDay === -1 ? day.day === day.daysInMonth : day.day === rule.monthDay;
      if (day.dayOfWeek !== rule.weekday) return false;
      return rule.nth === -1 ? day.day + 7 > day.daysInMonth : Math.ceil(day.day / 7) === rule.nth;
  }
}

/** Day by day; exists() is the gap test: a local time that does not round-trip does not exist. */
function bruteForce(testCase: Case, until: Temporal.Instant, hazards = { gap: 0, overlap: 0 }): string[] {
  const { zone, start, rule } = testCase;
  const found: string[] = [];
  const first = start.toPlainDate();
  for (let day = first; ; day = day.add({ days: 1 })) {
    const local = day.toPlainDateTime(start.toPlainTime());
    const zoned = local.toZonedDateTime(zone, { disambiguation: 'compatible' });
    if (Temporal.Instant.compare(zoned.toInstant(), until) >= 0) return found;
    const exists = zoned.toPlainDateTime().equals(local);
    const matches = dayMatches(rule, day, first);
    if (matches && !exists) hazards.gap++;
    if (matches && exists && !local.toZonedDateTime(zone, { disambiguation: 'later' }).equals(zoned)) hazards.overlap++;
    if (exists && matches) found.push(zoned.toString());
  }
}

function startsInGap({ zone, start }: Case): boolean {
  return !start.toZonedDateTime(zone, { disambiguation: 'compatible' }).toPlainDateTime().equals(start);
}

describe('expansion against a day-by-day second implementation', () => {
  test('random DAILY/WEEKLY/MONTHLY rules over a year in six zones agree occurrence for occurrence', () => {
    fc.assert(
      fc.property(testCase, (sample) => {
        fc.pre(!startsInGap(sample));
        const parsed = parseRecurrence(rruleText(sample));
        if (!parsed.ok) throw new Error(`${rruleText(sample)}: ${parsed.message}`);
        const from = sample.start.toZonedDateTime(sample.zone).toInstant();
        const until = from.toZonedDateTimeISO('UTC').add({ years: 1 }).toInstant();
        const ours = occurrencesBetween(parsed.rule, from, until).map((at) => at.toString());
        expect(ours).toEqual(bruteForce(sample, until));
      }),
      { numRuns: 60, seed: 1604 },
    );
  }, 120_000);

  test('the generated rules do hit spring-forward gaps and fall-back overlaps (the cases the comparison is for)', () => {
    const hazards = { gap: 0, overlap: 0 };
    for (const sample of fc.sample(testCase, { numRuns: 60, seed: 1604 })) {
      if (startsInGap(sample)) continue;
      bruteForce(sample, sample.start.toZonedDateTime(sample.zone).toInstant().toZonedDateTimeISO('UTC').add({ years: 1 }).toInstant(), hazards);
    }
    expect(hazards.gap).toBeGreaterThanOrEqual(2);
    expect(hazards.overlap).toBeGreaterThanOrEqual(2);
  });
});
