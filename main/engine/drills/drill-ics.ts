// The drill schedule as an iCalendar file (RFC 5545) that calendar apps
// import: one VEVENT per plan carrying the plan's own DTSTART;TZID, RRULE and
// EXDATE lines unchanged, a VTIMEZONE for every zone used, the runbook in the
// description. Pure: the caller gives `now` (DTSTAMP) and writes the file.
import type { DrillPlan } from './drill-plan';
import { occurrencesBetween, parseRecurrence } from './drill-recurrence';
import { Temporal } from './temporal';
import { icsLocal, vtimezoneLines, type Span } from './vtimezone';

/** How far past `now` the time zone definitions reach. */
const ZONE_YEARS_AHEAD = 12;

export function drillPlansIcs(plans: readonly DrillPlan[], now: Temporal.Instant): string {
  const starts = plans.flatMap((plan) => {
    const parsed = parseRecurrence(plan.schedule.text);
    return parsed.ok ? [{ plan, start: parsed.rule.options().dtstart }] : [];
  });
  const earliest = starts.reduce((min, { start }) => (Temporal.Instant.compare(start.toInstant(), min) < 0 ? start.toInstant() : min), now);
  const span = { from: earliest.toZonedDateTimeISO('UTC').subtract({ days: 1 }).toInstant(), to: now.toZonedDateTimeISO('UTC').add({ years: ZONE_YEARS_AHEAD }).toInstant() };
  const zones = [...new Set(starts.map(({ plan }) => plan.schedule.timeZone))].sort();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OpsDeck//Disaster-recovery drills//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:OpsDeck DR drills',
    ...zones.flatMap((zone) => vtimezoneLines(zone, span)),
    ...starts.flatMap(({ plan }) => eventLines(plan, now, span)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(plan: DrillPlan, now: Temporal.Instant, span: Span): string[] {
  const minutes = plan.steps.reduce((sum, step) => sum + step.timeboxMinutes, 0);
  const runbook = plan.steps.map((step, index) => `${index + 1}. [${step.type}] ${step.title} (${step.timeboxMinutes} min)`).join('\n');
  const description = [
    `${plan.kind} drill at site ${plan.scope.site}; owner ${plan.owner}${plan.participants.length ? `, with ${plan.participants.join(', ')}` : ''}.`,
    `Targets: RTO ${plan.rtoMinutes} min, RPO ${plan.rpoMinutes} min.`,
    runbook,
  ].join('\n');
  const schedule = plan.schedule.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return [
    'BEGIN:VEVENT',
    `UID:${plan.id}@opsdeck.drills`,
    `DTSTAMP:${now.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '')}`,
    ...schedule,
    ...pinnedRepeatedTimes(plan, span),
    `DURATION:PT${minutes}M`,
    `SUMMARY:${escapeText(`DR drill: ${plan.title}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `CATEGORIES:${escapeText('DR drill')},${escapeText(plan.kind)}`,
    'END:VEVENT',
  ];
}

/**
 * An occurrence at a local time that happens twice (fall-back) is the first of
 * the two in RFC 5545 (3.3.5), but some readers (ical.js 2.2) take the second.
 * Each such occurrence is excluded by its local time and added back as an
 * RDATE in UTC, which every reader places at the same instant.
 */
function pinnedRepeatedTimes(plan: DrillPlan, span: Span): string[] {
  const parsed = parseRecurrence(plan.schedule.text);
  if (!parsed.ok) return [];
  const zone = parsed.timeZone;
  const repeated = occurrencesBetween(parsed.rule, span.from, span.to).filter((at) => !at.toPlainDateTime().toZonedDateTime(zone, { disambiguation: 'later' }).equals(at));
  return repeated.flatMap((at) => [`EXDATE;TZID=${zone}:${icsLocal(at.toPlainDateTime())}`, `RDATE:${icsLocal(at.withTimeZone('UTC').toPlainDateTime())}Z`]);
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after one space; never split a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
