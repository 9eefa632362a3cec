// A plan's schedule text (RFC 5545: `DTSTART;TZID=…`, one `RRULE:`, any
// `EXDATE`) turned into an rrule-temporal rule. All date arithmetic is the
// library's: OpsDeck only checks which properties are present and that the
// zone is named, and asks the rule for occurrences.
import { RRuleTemporal } from 'rrule-temporal';
import { isKnownTimeZone, Temporal, type ZonedDateTime } from './temporal';

export type DrillRule = RRuleTemporal<ZonedDateTime>;

export type RecurrenceParse = { ok: true; rule: DrillRule; timeZone: string } | { ok: false; message: string };

const ALLOWED_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

/** Never throws: a schedule that is not usable comes back with a message naming the line. */
export function parseRecurrence(text: string): RecurrenceParse {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const fail = (message: string): RecurrenceParse => ({ ok: false, message });
  const named = (property: string) => lines.filter((line) => line.toUpperCase().startsWith(property));
  for (const [index, line] of lines.entries()) {
    if (!/^(DTSTART|RRULE|EXDATE)[;:]/i.test(line)) {
      return fail(`schedule line ${index + 1} ${JSON.stringify(line)}: expected DTSTART;TZID=…, RRULE:… or EXDATE…`);
    }
  }
  const [dtstart, ...moreStarts] = named('DTSTART');
  if (!dtstart || moreStarts.length > 0) return fail('schedule: expected exactly one DTSTART line, e.g. DTSTART;TZID=America/New_York:20270110T023000');
  const rrules = named('RRULE');
  if (rrules.length !== 1) return fail('schedule: expected exactly one RRULE line, e.g. RRULE:FREQ=MONTHLY;BYDAY=2SU');
  const zone = /^DTSTART;TZID=([^:;]+):\d{8}T\d{6}$/i.exec(dtstart)?.[1];
  if (!zone) return fail(`schedule: DTSTART must name its time zone and a local time, e.g. DTSTART;TZID=America/New_York:20270110T023000; got ${JSON.stringify(dtstart)}`);
  if (!isKnownTimeZone(zone)) return fail(`schedule: unknown time zone ${JSON.stringify(zone)} (expected an IANA name such as America/New_York)`);
  const frequency = /FREQ=([A-Z]+)/i.exec(rrules[0]!)?.[1]?.toUpperCase();
  if (!frequency || !ALLOWED_FREQUENCIES.includes(frequency)) {
    return fail(`schedule: RRULE FREQ must be one of ${ALLOWED_FREQUENCIES.join(', ')} (a drill recurs at most daily); got ${frequency ?? 'none'}`);
  }
  try {
    const rule = new RRuleTemporal<ZonedDateTime>({ rruleString: lines.join('\n'), temporal: Temporal, strict: true, cache: false });
    // Asking for the first occurrence makes the library validate every part.
    rule.next(rule.options().dtstart, true);
    return { ok: true, rule, timeZone: zone };
  } catch (error) {
    return fail(`schedule: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Occurrences with from <= start < to. */
export function occurrencesBetween(rule: DrillRule, from: Temporal.Instant, to: Temporal.Instant): ZonedDateTime[] {
  const zone = rule.options().tzid ?? 'UTC';
  return rule.between(from.toZonedDateTimeISO(zone), to.toZonedDateTimeISO(zone), true).filter((at) => Temporal.Instant.compare(at.toInstant(), to) < 0);
}
