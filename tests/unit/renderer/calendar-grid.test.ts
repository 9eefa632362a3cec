// The drills calendar's days: month grids and weeks Monday first across
// month and year ends, and occurrences placed on the viewer's calendar day —
// an instant late on a New York evening is the next day in UTC, and a
// daylight-saving change moves no day.
import { describe, expect, test } from 'vitest';
import type { DrillsScheduleView, DrillTimesView } from '../../../preload/contract';
import { addDays, calendarEntries, localDate, monthWeeks, shiftMonth, weekDays } from '../../../renderer/pages/drills/calendar-grid';

describe('calendar days', () => {
  test('a month grid starts on the Monday on or before the 1st and ends on the Sunday on or after its last day', () => {
    const march = monthWeeks('2027-03-14');
    expect(march[0]).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    expect(march.at(-1)!.at(-1)).toBe('2027-04-04');
    expect(march.every((week) => week.length === 7)).toBe(true);
    const february = monthWeeks('2026-02-10');
    expect([february[0]![0], february.at(-1)![6], february.length]).toEqual(['2026-01-26', '2026-03-01', 5]);
  });

  test('weeks and months move across year ends; a week holds seven days whatever the clocks do', () => {
    expect(weekDays('2027-01-01')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weekDays('2027-03-14')).toEqual(['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-14']);
    expect([shiftMonth('2026-12-06', 1), shiftMonth('2027-01-31', -1), shiftMonth('2026-05-20', 14)]).toEqual(['2027-01-01', '2026-12-01', '2027-07-01']);
    expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
  });

  test("an instant is placed on the viewer's day, not UTC's", () => {
    expect(localDate('2027-03-15T02:30:00Z', 'America/New_York')).toBe('2027-03-14');
    expect(localDate('2027-03-15T02:30:00Z', 'UTC')).toBe('2027-03-15');
    expect(localDate('2027-03-14T22:00:00Z', 'Asia/Tokyo')).toBe('2027-03-15');
  });
});

describe('calendar entries', () => {
  const times = (instant: string): DrillTimesView => ({ instant, utc: instant, site: instant, viewer: instant });
  const plan = (id: string, state: 'overdue' | 'scheduled', since: string | null) => ({
    id,
    title: `Plan ${id}`,
    kind: 'restore-test',
    site: 'nj',
    owner: 'o',
    state,
    since: since ? times(since) : null,
    next: [],
    lastDrill: null,
  });
  const view = {
    at: '2027-01-10T12:00:00Z',
    viewerTimeZone: 'America/New_York',
    sites: [{ id: 'nj', name: 'Bridgewater', timeZone: 'America/New_York' }],
    plans: [plan('a', 'overdue', '2027-01-03T15:00:00Z'), plan('b', 'scheduled', null)],
    agenda: [{ plan: 'b', site: 'nj', times: times('2027-01-12T03:30:00Z') }],
    history: [{ plan: 'a', site: 'nj', times: times('2026-10-04T14:00:00Z'), outcome: 'failed' as const, lead: 'kim' }],
  } as unknown as DrillsScheduleView;

  test('the drills that ran, the overdue one and the agenda, in time order, each on the viewer day', () => {
    expect(calendarEntries(view).map((entry) => [entry.date, entry.plan, entry.state, entry.lead ?? null])).toEqual([
      ['2026-10-04', 'a', 'failed', 'kim'],
      ['2027-01-03', 'a', 'overdue', null],
      // 03:30 UTC on the 12th is the evening of the 11th in New York.
      ['2027-01-11', 'b', 'scheduled', null],
    ]);
  });
});
