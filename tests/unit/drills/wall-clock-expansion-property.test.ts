// Property test: the compiled wall-clock expansion (the fast path) agrees
// occurrence for occurrence with rrule-temporal's own expansion (the
// reference) on random rules — every rule part the fast path takes, in zones
// with and without daylight saving, northern and southern, over windows that
// start at DTSTART and later (so skipping ahead is covered too).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { libraryOccurrencesBetween, occurrenceMillisBetween, parseRecurrence } from '../../../main/engine/drills/drill-recurrence';
import { Temporal } from '../../../main/engine/drills/temporal';
import { compileRule } from '../../../main/engine/drills/wall-clock-expansion';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const YEAR_MS = 365 * 86_400_000;

const weekday = fc.constantFrom(...WEEKDAYS);
const ordinalDay = fc.tuple(fc.constantFrom(1, 2, 3, 4, -1, -2), weekday).map(([nth, day]) => `${nth}${day}`);
const limit = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 40 }).map((count) => `;COUNT=${count}`),
  fc.integer({ min: 20, max: 900 }).map(
    (days) =>
      `;UNTIL=${Temporal.Instant.from('2026-03-01T07:30:00Z')
        .add({ hours: 24 * days })
        .toString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+/, '')}`,
  ),
);
const hours = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }).map((list) => `;BYHOUR=${list.join(',')}`), weight: 1 },
);
const minutes = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.uniqueArray(fc.constantFrom(0, 15, 30, 45), { minLength: 1, maxLength: 2 }).map((list) => `;BYMINUTE=${list.join(',')}`), weight: 1 },
);
const months = fc.oneof(
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }).map((list) => `;BYMONTH=${list.join(',')}`), weight: 1 },
);
const monthDays = fc.uniqueArray(fc.constantFrom(1, 2, 13, 15, 28, 29, 30, 31, -1, -2), { minLength: 1, maxLength: 3 }).map((list) => `;BYMONTHDAY=${list.join(',')}`);
const plainDays = fc.uniqueArray(weekday, { minLength: 1, maxLength: 3 }).map((list) => `;BYDAY=${list.join(',')}`);
const interval = fc.integer({ min: 1, max: 3 }).map((value) => (value === 1 ? '' : `;INTERVAL=${value}`));

const parts: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(interval, months, fc.oneof(fc.constant(''), plainDays, monthDays)).map(([every, inMonths, days]) => `FREQ=DAILY${every}${inMonths}${days}`),
  fc.tuple(interval, months, fc.oneof(fc.constant(''), plainDays), fc.constantFrom('', ';WKST=SU', ';WKST=WE')).map(([every, inMonths, days, wkst]) => `FREQ=WEEKLY${every}${inMonths}${days}${wkst}`),
  fc
    .tuple(
      interval,
      months,
      fc.oneof(
        fc.constant(''),
        monthDays,
        fc.uniqueArray(ordinalDay, { minLength: 1, maxLength: 2 }).map((list) => `;BYDAY=${list.join(',')}`),
        fc.tuple(monthDays, plainDays).map(([a, b]) => a + b),
      ),
    )
    .map(([every, inMonths, days]) => `FREQ=MONTHLY${every}${inMonths}${days}`),
  fc
    .tuple(
      fc.constantFrom('', ';INTERVAL=2'),
      fc.oneof(
        fc.constant(''),
        months
          .filter((part) => part !== '')
          .chain((inMonths) =>
            fc.oneof(
              fc.constant(inMonths),
              ordinalDay.map((day) => `${inMonths};BYDAY=${day}`),
            ),
          ),
        monthDays,
      ),
    )
    .map(([every, rest]) => `FREQ=YEARLY${every}${rest}`),
);

interface Sample {
  zone: string;
  start: Temporal.PlainDateTime;
  rule: string;
  exceptions: number[];
  laterWindow: boolean;
}

const sample: fc.Arbitrary<Sample> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    dayOffset: fc.integer({ min: 0, max: 2 * 365 }),
    hour: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 3), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 23 }), weight: 1 }),
    minute: fc.constantFrom(0, 30),
    parts,
    hours,
    minutes,
    limit,
    exceptions: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
    laterWindow: fc.boolean(),
  })
  .map(({ zone, dayOffset, hour, minute, parts: rule, hours: byHour, minutes: byMinute, limit: end, exceptions, laterWindow }) => ({
    zone,
    start: Temporal.PlainDate.from('2026-01-01').add({ days: dayOffset }).toPlainDateTime({ hour, minute }),
    rule: `${rule}${byHour}${byMinute}${end}`,
    exceptions,
    laterWindow,
  }));

const compact = (at: Temporal.PlainDateTime) => at.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

function scheduleText({ zone, start, rule }: Sample, exdates: Temporal.ZonedDateTime[]): string {
  const exdate = exdates.length > 0 ? `\nEXDATE;TZID=${zone}:${exdates.map((at) => compact(at.toPlainDateTime())).join(',')}` : '';
  return `DTSTART;TZID=${zone}:${compact(start)}\nRRULE:${rule}${exdate}`;
}

describe('compiled wall-clock expansion against rrule-temporal', () => {
  test('random rules in six zones agree occurrence for occurrence, EXDATE, COUNT and UNTIL included', () => {
    let compared = 0;
    fc.assert(
      fc.property(sample, (drawn) => {
        fc.pre(drawn.start.toZonedDateTime(drawn.zone).toPlainDateTime().equals(drawn.start));
        const plain = parseRecurrence(scheduleText(drawn, []));
        fc.pre(plain.ok);
        if (!plain.ok) return;
        const fromMs = drawn.start.toZonedDateTime(drawn.zone).epochMilliseconds + (drawn.laterWindow ? YEAR_MS : 0);
        const toMs = fromMs + 2 * YEAR_MS;
        // Exception dates are taken from the rule's own occurrences, so they really remove something.
        const own = libraryOccurrencesBetween(plain.rule, fromMs, toMs);
        const exdates = drawn.exceptions.flatMap((index) => (own[index] === undefined ? [] : [Temporal.Instant.fromEpochMilliseconds(own[index]).toZonedDateTimeISO(drawn.zone)]));
        const text = scheduleText(drawn, exdates);
        const parsed = parseRecurrence(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
        expect(compileRule(parsed.rule), text).not.toBeNull();
        const iso = (list: number[]) => list.map((ms) => new Date(ms).toISOString());
        expect(iso(occurrenceMillisBetween(parsed.rule, fromMs, toMs)), text).toEqual(iso(libraryOccurrencesBetween(parsed.rule, fromMs, toMs)));
        compared++;
      }),
      { numRuns: 300, seed: 1616 },
    );
    expect(compared).toBeGreaterThan(200);
  }, 300_000);

  test('rule parts the fast path does not take are left to the library', () => {
    for (const rule of ['FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1', 'FREQ=YEARLY;BYWEEKNO=20', 'FREQ=YEARLY;BYYEARDAY=100', 'FREQ=YEARLY;BYDAY=20MO']) {
      const parsed = parseRecurrence(`DTSTART;TZID=Europe/Berlin:20270105T090000\nRRULE:${rule}`);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(compileRule(parsed.rule), rule).toBeNull();
      const fromMs = Date.parse('2027-01-01T00:00:00Z');
      expect(occurrenceMillisBetween(parsed.rule, fromMs, fromMs + 3 * YEAR_MS).length, rule).toBeGreaterThan(0);
    }
  });
});
