// Where a plan's local time meets a daylight-saving change in its zone. In a
// spring-forward gap the local time does not exist and RFC 5545 (3.3.10) drops
// the occurrence without a word; in a fall-back overlap it exists twice and
// the occurrence is the first of the two (3.3.5). Both are warned about when
// the plans are loaded, with the dates. The transitions come from Temporal's
// time zone data, the days from the rule itself; nothing here adds hours.
import type { DrillPlan } from './drill-plan';
import { parseRecurrence, type DrillRule } from './drill-recurrence';
import { Temporal } from './temporal';

export interface DaylightSavingHazard {
  kind: 'gap' | 'overlap';
  /** The local date of the change, e.g. 2027-03-14. */
  date: string;
  /** The plan's local time that is missing or repeated, e.g. 02:30. */
  localTime: string;
  timeZone: string;
}

const HORIZON_YEARS = 10;
const MAX_TRANSITIONS = 4 * HORIZON_YEARS;

/** Hazards on the days the plan actually recurs, over ten years from its DTSTART (or until it ends). */
export function daylightSavingHazards(plan: DrillPlan): DaylightSavingHazard[] {
  const parsed = parseRecurrence(plan.schedule.text);
  if (!parsed.ok) return [];
  const options = parsed.rule.options();
  const zone = parsed.timeZone;
  const start = options.dtstart;
  const end = start.add({ years: HORIZON_YEARS }).toInstant();
  const slots = timeSlots(options.byHour, options.byMinute, start.toPlainTime());
  const dayProbe = middayRule(plan.schedule.text);
  const hazards: DaylightSavingHazard[] = [];
  let cursor = start;
  for (let count = 0; count < MAX_TRANSITIONS; count++) {
    const next = cursor.getTimeZoneTransition('next');
    if (!next || Temporal.Instant.compare(next.toInstant(), end) >= 0) break;
    cursor = next;
    const window = changedWallClock(next.toInstant(), zone);
    for (const slot of slots) {
      const candidate = window.date.toPlainDateTime(slot);
      const inside = Temporal.PlainDateTime.compare(candidate, window.from) >= 0 && Temporal.PlainDateTime.compare(candidate, window.to) < 0;
      if (!inside || !recursOn(dayProbe, window.date, zone)) continue;
      hazards.push({ kind: window.kind, date: window.date.toString(), localTime: slot.toString({ smallestUnit: 'minute' }), timeZone: zone });
    }
  }
  return hazards;
}

/** One sentence per kind of hazard, naming the first dates. */
export function summariseHazards(hazards: DaylightSavingHazard[]): string[] {
  const sentences: string[] = [];
  for (const kind of ['gap', 'overlap'] as const) {
    const found = hazards.filter((hazard) => hazard.kind === kind);
    const [first] = found;
    if (!first) continue;
    const dates =
      found
        .slice(0, 3)
        .map((hazard) => hazard.date)
        .join(', ') + (found.length > 3 ? ` and ${found.length - 3} more` : '');
    sentences.push(
      kind === 'gap'
        ? `${first.localTime} ${first.timeZone} does not exist on ${dates} (clocks spring forward): RFC 5545 drops those occurrences, so no drill is scheduled that day; move the time out of 02:00-03:00 or add an RDATE`
        : `${first.localTime} ${first.timeZone} happens twice on ${dates} (clocks fall back): the drill is scheduled at the first of the two`,
    );
  }
  return sentences;
}

interface ChangedWallClock {
  kind: 'gap' | 'overlap';
  date: Temporal.PlainDate;
  /** Local times in [from, to) are missing (gap) or repeated (overlap). */
  from: Temporal.PlainDateTime;
  to: Temporal.PlainDateTime;
}

function changedWallClock(transition: Temporal.Instant, zone: string): ChangedWallClock {
  const before = transition.subtract({ nanoseconds: 1 }).toZonedDateTimeISO(zone).offset;
  const after = transition.toZonedDateTimeISO(zone).offset;
  const inOldOffset = transition.toZonedDateTimeISO(before).toPlainDateTime();
  const inNewOffset = transition.toZonedDateTimeISO(after).toPlainDateTime();
  const gap = Temporal.PlainDateTime.compare(inNewOffset, inOldOffset) > 0;
  const [from, to] = gap ? [inOldOffset, inNewOffset] : [inNewOffset, inOldOffset];
  return { kind: gap ? 'gap' : 'overlap', date: from.toPlainDate(), from, to };
}

function timeSlots(hours: number[] | undefined, minutes: number[] | undefined, start: Temporal.PlainTime): Temporal.PlainTime[] {
  const slots: Temporal.PlainTime[] = [];
  for (const hour of hours ?? [start.hour]) {
    for (const minute of minutes ?? [start.minute]) slots.push(new Temporal.PlainTime(hour, minute));
  }
  return slots;
}

/**
 * The same rule moved to noon (and without BYHOUR/BYMINUTE/BYSECOND), which
 * recurs on the same days but never in a gap: asking it whether a day is an
 * occurrence day does not hit the RFC's silent drop.
 */
function middayRule(text: string): DrillRule | null {
  const moved = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^EXDATE/i.test(line))
    .map((line) => (/^DTSTART/i.test(line) ? line.replace(/T\d{6}$/, 'T120000') : line))
    .map((line) => (/^RRULE/i.test(line) ? line.replace(/;BY(HOUR|MINUTE|SECOND)=[^;]*/gi, '').replace(/;UNTIL=[^;]*/i, '') : line))
    .join('\n');
  const parsed = parseRecurrence(moved);
  return parsed.ok ? parsed.rule : null;
}

function recursOn(rule: DrillRule | null, date: Temporal.PlainDate, zone: string): boolean {
  if (!rule) return true;
  const noon = date.toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(12) });
  return rule.between(noon.subtract({ minutes: 1 }), noon.add({ minutes: 1 }), true).length > 0;
}
