// VTIMEZONE components for an iCalendar export (RFC 5545 3.6.5), written from
// Temporal's zone data as one observance per transition in the exported span,
// so that calendar apps without the same tz database still place every
// occurrence at the right instant. Abbreviations (EST/EDT) come from Intl.
import { Temporal } from './temporal';

export interface Span {
  from: Temporal.Instant;
  to: Temporal.Instant;
}

const MAX_TRANSITIONS = 400;

export function vtimezoneLines(zone: string, span: Span): string[] {
  const start = span.from.toZonedDateTimeISO(zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // The observance in force at the start of the span, so every exported time has one.
  lines.push(...observance('STANDARD', start.toPlainDateTime(), start.offset, start.offset, abbreviation(span.from, zone)));
  let cursor = start;
  for (let count = 0; count < MAX_TRANSITIONS; count++) {
    const next = cursor.getTimeZoneTransition('next');
    if (!next || Temporal.Instant.compare(next.toInstant(), span.to) > 0) break;
    const before = next.toInstant().subtract({ nanoseconds: 1 }).toZonedDateTimeISO(zone).offset;
    const onset = next.toInstant().toZonedDateTimeISO(before).toPlainDateTime();
    const kind = next.offsetNanoseconds > cursor.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
    lines.push(...observance(kind, onset, before, next.offset, abbreviation(next.toInstant(), zone)));
    cursor = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', onset: Temporal.PlainDateTime, from: string, to: string, name: string): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${icsLocal(onset)}`, `TZOFFSETFROM:${icsOffset(from)}`, `TZOFFSETTO:${icsOffset(to)}`, `TZNAME:${name}`, `END:${kind}`];
}

/** 20270314T020000 */
export function icsLocal(time: Temporal.PlainDateTime): string {
  return time.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
}

/** -05:00 → -0500 (seconds, if a zone ever has them, are kept: -045230). */
function icsOffset(offset: string): string {
  return offset.replace(/:/g, '');
}

function abbreviation(instant: Temporal.Instant, zone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(instant.epochMilliseconds)).find((piece) => piece.type === 'timeZoneName');
  return part?.value ?? zone;
}
