// A plan's schedule text (RFC 5545: `DTSTART;TZID=…`, one `RRULE:`, any
// `EXDATE`) turned into an rrule-temporal rule. All date arithmetic is the
// library's: OpsDeck only checks which properties are present and that the
// zone is named, and asks for occurrences: through the compiled wall-clock
// expansion where the rule's parts allow it (wall-clock-expansion.ts, checked
// against the library), otherwise from the library itself.
import { RRuleTemporal } from 'rrule-temporal';
import { isKnownTimeZone, Temporal, type ZonedDateTime } from './temporal';
import { compileRule, expandCompiled } from './wall-clock-expansion';

export type DrillRule = RRuleTemporal<ZonedDateTime>;

export type RecurrenceParse = { ok: true; rule: DrillRule; timeZone: string } | { ok: false; message: string };

const ALLOWED_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

const MEMO_LIMIT = 2000;
const memo = new Map<string, RecurrenceParse>();

/**
 * Never throws: a schedule that is not usable comes back with a message naming the line.
 * Rules are immutable (the library's cache is off), so each text is parsed once and the
 * views that re-read a plan's schedule share the rule and its compiled expansion.
 */
export function parseRecurrence(text: string): RecurrenceParse {
  const known = memo.get(text);
  if (known) return known;
  const parsed = parseRecurrenceText(text);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(text, parsed);
  return parsed;
}

function parseRecurrenceText(text: string): RecurrenceParse {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
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
    const message = error instanceof Error ? error.message : String(error);
    // rrule-temporal gives up with "Maximum iterations exceeded" when it finds no occurrence at all.
    if (/maximum iterations/i.test(message)) {
      return fail(
        `schedule: the rule never occurs: every occurrence falls in a daylight-saving gap of ${zone} (a local time skipped when clocks spring forward, which RFC 5545 drops) or on no real date; move the time out of 02:00–03:00 or fix the rule`,
      );
    }
    return fail(`schedule: ${message}`);
  }
}

/** Occurrences with from <= start < to. */
export function occurrencesBetween(rule: DrillRule, from: Temporal.Instant, to: Temporal.Instant): ZonedDateTime[] {
  const zone = rule.options().tzid ?? 'UTC';
  return occurrenceMillisBetween(rule, from.epochMilliseconds, to.epochMilliseconds).map((ms) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone));
}

/** Occurrences as epoch milliseconds with fromMs <= start < toMs: what views that only compare and format need. */
export function occurrenceMillisBetween(rule: DrillRule, fromMs: number, toMs: number): number[] {
  const compiled = compileRule(rule);
  if (compiled) return expandCompiled(compiled, fromMs, toMs);
  return libraryOccurrencesBetween(rule, fromMs, toMs);
}

/** The library's own expansion: the reference the compiled one is tested against. */
export function libraryOccurrencesBetween(rule: DrillRule, fromMs: number, toMs: number): number[] {
  const zone = rule.options().tzid ?? 'UTC';
  const at = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  return rule
    .between(at(fromMs), at(toMs), true)
    .map((occurrence) => occurrence.epochMilliseconds)
    .filter((ms) => ms < toMs);
}

/** The first occurrence strictly after `afterMs`, or null when the series has ended. */
export function nextOccurrenceMillis(rule: DrillRule, afterMs: number): number | null {
  if (compileRule(rule)) {
    // Drills recur at least yearly in practice; a rule with INTERVAL in years is searched further.
    for (const years of [2, 20, 200]) {
      const [next] = occurrenceMillisBetween(rule, afterMs + 1, afterMs + 1 + years * 366 * 86_400_000);
      if (next !== undefined) return next;
    }
    return null;
  }
  const next = rule.next(Temporal.Instant.fromEpochMilliseconds(afterMs).toZonedDateTimeISO(rule.options().tzid ?? 'UTC'));
  return next ? next.epochMilliseconds : null;
}
