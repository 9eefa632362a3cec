// The iCalendar export, read back by ical.js (the parser Thunderbird's
// calendar uses): every plan comes back as a VEVENT, every zone as a
// VTIMEZONE, and ical.js — which knows no time zones except the exported
// VTIMEZONEs — expands each schedule to the same instants as OpsDeck.
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { demoDrillPlansYaml } from '../../../main/engine/drills/demo-drill-plans';
import { drillPlansIcs, escapeText, foldLine } from '../../../main/engine/drills/drill-ics';
import type { DrillPlans } from '../../../main/engine/drills/drill-plan';
import { occurrencesBetween, parseRecurrence } from '../../../main/engine/drills/drill-recurrence';
import { parseDrillPlans } from '../../../main/engine/drills/parse-drill-plans';
import { Temporal } from '../../../main/engine/drills/temporal';

const NOW = Temporal.Instant.from('2026-12-04T15:00:00Z');

function demoPlans(): DrillPlans {
  const result = parseDrillPlans(demoDrillPlansYaml(NOW), 'demo');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plans;
}

function withPlan(plans: DrillPlans, id: string, schedule: string): DrillPlans {
  const [base] = plans.plans;
  const parsed = parseRecurrence(schedule);
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    ...plans,
    plans: [
      ...plans.plans,
      { ...base!, id, title: `${id}; with, commas\\ and a very long title that must be folded across more than one line`, schedule: { text: schedule, timeZone: parsed.timeZone } },
    ],
  };
}

describe('drillPlansIcs', () => {
  test('round trip through ical.js: same plans, zones and occurrence instants for two years', () => {
    let plans = demoPlans();
    plans = withPlan(plans, 'exdate-weekly', 'DTSTART;TZID=America/Los_Angeles:20261101T013000\nRRULE:FREQ=WEEKLY;COUNT=20\nEXDATE;TZID=America/Los_Angeles:20261115T013000');
    plans = withPlan(plans, 'berlin-last-sunday', 'DTSTART;TZID=Europe/Berlin:20260125T100000\nRRULE:FREQ=MONTHLY;BYDAY=-1SU');
    const text = drillPlansIcs(plans.plans, NOW);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(text));
    const zones = calendar.getAllSubcomponents('vtimezone');
    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid')).sort()).toEqual(['America/Los_Angeles', 'America/New_York', 'Europe/Berlin']);
    for (const zone of zones) ICAL.TimezoneService.register(zone);
    try {
      const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      expect(events.map((event) => event.uid)).toEqual(plans.plans.map((plan) => `${plan.id}@opsdeck.drills`));
      const from = NOW.subtract({ hours: 24 * 400 });
      const to = NOW.add({ hours: 24 * 365 * 2 });
      for (const [index, event] of events.entries()) {
        const plan = plans.plans[index]!;
        const parsed = parseRecurrence(plan.schedule.text);
        if (!parsed.ok) throw new Error(parsed.message);
        const ours = occurrencesBetween(parsed.rule, from, to).map((at) => at.toInstant().toString());
        const theirs: string[] = [];
        const iterator = event.iterator();
        for (let next = iterator.next(); next; next = iterator.next()) {
          const instant = Temporal.Instant.fromEpochMilliseconds(next.toJSDate().getTime());
          if (Temporal.Instant.compare(instant, to) >= 0) break;
          if (Temporal.Instant.compare(instant, from) >= 0) theirs.push(instant.toString());
        }
        expect(theirs, plan.id).toEqual(ours);
        expect(ours.length, plan.id).toBeGreaterThan(1);
      }
      expect(events.at(-2)?.summary).toBe('DR drill: exdate-weekly; with, commas\\ and a very long title that must be folded across more than one line');
      expect(events[0]?.description).toContain('1. [checklist] Declare the drill');
      expect(events[0]?.duration.toSeconds()).toBe(30 * 60);
    } finally {
      for (const zone of zones) ICAL.TimezoneService.remove(String(zone.getFirstPropertyValue('tzid')));
    }
  });

  test('VTIMEZONE observances carry the US offsets and abbreviations', () => {
    const text = drillPlansIcs(demoPlans().plans, NOW);
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\nEND:STANDARD');
  });

  test('text is escaped and long lines fold without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((line, index) => (index === 0 ? line : line.slice(1)))
        .join(''),
    ).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });
});
