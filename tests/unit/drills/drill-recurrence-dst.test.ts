// Schedules across daylight-saving changes in both sites' zones, against
// dates worked out by hand from the US rules (second Sunday of March, first
// Sunday of November): the RFC 5545 behaviour is that a local time in the
// spring-forward gap has no occurrence and one in the fall-back overlap has
// exactly one, the first.
import { describe, expect, test } from 'vitest';
import { occurrencesBetween, parseRecurrence, type DrillRule } from '../../../main/engine/drills/drill-recurrence';
import { Temporal } from '../../../main/engine/drills/temporal';

function rule(text: string): DrillRule {
  const parsed = parseRecurrence(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

const all = (text: string) =>
  rule(text)
    .all()
    .map((at) => at.toString());
const between = (text: string, from: string, to: string) => occurrencesBetween(rule(text), Temporal.Instant.from(from), Temporal.Instant.from(to)).map((at) => at.toString());

describe('daylight saving', () => {
  test('a daily 02:30 America/New_York drill has no occurrence on the spring-forward day and keeps 02:30 after it', () => {
    expect(all('DTSTART;TZID=America/New_York:20270312T023000\nRRULE:FREQ=DAILY;COUNT=4')).toEqual([
      '2027-03-12T02:30:00-05:00[America/New_York]',
      '2027-03-13T02:30:00-05:00[America/New_York]',
      // 2027-03-14: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
      '2027-03-15T02:30:00-04:00[America/New_York]',
      '2027-03-16T02:30:00-04:00[America/New_York]',
    ]);
  });

  test('a weekly 01:30 America/Los_Angeles drill across fall-back occurs once, at the first 01:30 (PDT)', () => {
    const occurrences = between('DTSTART;TZID=America/Los_Angeles:20271024T013000\nRRULE:FREQ=WEEKLY', '2027-10-20T00:00:00Z', '2027-11-20T00:00:00Z');
    expect(occurrences).toEqual([
      '2027-10-24T01:30:00-07:00[America/Los_Angeles]',
      '2027-10-31T01:30:00-07:00[America/Los_Angeles]',
      '2027-11-07T01:30:00-07:00[America/Los_Angeles]',
      '2027-11-14T01:30:00-08:00[America/Los_Angeles]',
    ]);
  });

  test('a monthly "last Sunday" rule picks the last Sunday of each month, short months and DST months included', () => {
    expect(all('DTSTART;TZID=America/New_York:20270101T100000\nRRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=4')).toEqual([
      '2027-01-31T10:00:00-05:00[America/New_York]',
      '2027-02-28T10:00:00-05:00[America/New_York]',
      '2027-03-28T10:00:00-04:00[America/New_York]',
      '2027-04-25T10:00:00-04:00[America/New_York]',
    ]);
  });

  test('exception dates remove exactly those occurrences', () => {
    const text = 'DTSTART;TZID=America/Los_Angeles:20270103T090000\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=America/Los_Angeles:20270110T090000,20270117T090000';
    expect(all(text)).toEqual(['2027-01-03T09:00:00-08:00[America/Los_Angeles]', '2027-01-24T09:00:00-08:00[America/Los_Angeles]']);
  });

  test('UNTIL (in UTC, inclusive) ends the series across the spring-forward change', () => {
    expect(all('DTSTART;TZID=America/New_York:20270313T090000\nRRULE:FREQ=DAILY;UNTIL=20270315T130000Z')).toEqual([
      '2027-03-13T09:00:00-05:00[America/New_York]',
      '2027-03-14T09:00:00-04:00[America/New_York]',
      '2027-03-15T09:00:00-04:00[America/New_York]',
    ]);
  });

  test('COUNT counts occurrences, not days: the dropped 02:30 does not use one up', () => {
    const occurrences = all('DTSTART;TZID=America/New_York:20270313T023000\nRRULE:FREQ=DAILY;COUNT=3');
    expect(occurrences).toHaveLength(3);
    expect(occurrences.at(-1)).toBe('2027-03-16T02:30:00-04:00[America/New_York]');
  });

  test('a bad rule is a message, never a throw', () => {
    expect(parseRecurrence('DTSTART;TZID=America/New_York:20270313T023000\nRRULE:FREQ=DAILY;COUNT=3;UNTIL=20270320T000000Z')).toEqual({
      ok: false,
      message: 'schedule: COUNT and UNTIL MUST NOT occur in the same recurrence rule',
    });
    expect(parseRecurrence('RRULE:FREQ=DAILY')).toMatchObject({ ok: false, message: expect.stringContaining('exactly one DTSTART') });
    expect(parseRecurrence('DTSTART;TZID=America/New_York:20270313T023000\nRRULE:FREQ=DAILY\nRDATE:20270320T000000Z')).toMatchObject({
      ok: false,
      message: expect.stringContaining('schedule line 3'),
    });
  });
});
