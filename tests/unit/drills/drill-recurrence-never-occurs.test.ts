// A rule whose every occurrence falls in a daylight-saving gap says so in
// words, instead of the library's "Maximum iterations exceeded".
import { expect, test } from 'vitest';
import { parseRecurrence } from '../../../main/engine/drills/drill-recurrence';

test('02:30 America/New_York on the second Sunday of March, every year: refused with a message naming the gap', () => {
  const parsed = parseRecurrence('DTSTART;TZID=America/New_York:20270314T023000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;BYHOUR=2;BYMINUTE=30');
  expect(parsed).toEqual({ ok: false, message: expect.stringMatching(/^schedule: the rule never occurs: every occurrence falls in a daylight-saving gap of America\/New_York/) });
  // The library searches ~8 s (on a loaded 2-core machine) before it gives up.
}, 60_000);

test('the same time on the first Sunday of March occurs: no such message', () => {
  expect(parseRecurrence('DTSTART;TZID=America/New_York:20270307T023000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1SU;BYHOUR=2;BYMINUTE=30').ok).toBe(true);
});
