// What `opsdeck parse <area> --format F` prints, for every area: the parser's
// status, message, warnings and skipped input, a short summary, the value.
import type { Parsed } from './parse-result';

export interface ParseCliResult<Format extends string, Value = unknown> {
  format: Format;
  status: Parsed<unknown>['status'];
  message: string | null;
  warnings: string[];
  /** Status `partial`: the lines or objects not read, each with its text and why (at most 200; skippedCount counts all). */
  skipped?: Parsed<unknown>['skipped'];
  skippedCount?: number;
  summary: Record<string, string | number | boolean | null>;
  value: Value;
}

export function isCliFormat<Format extends string>(formats: readonly Format[], text: string): text is Format {
  return (formats as readonly string[]).includes(text);
}

/** The printed result of one parse: nothing the parser said is left out (skipped input included when there is any). */
export function cliResult<Format extends string, Value = unknown>(format: Format, parsed: Parsed<unknown>, summary: ParseCliResult<Format>['summary'], value: Value): ParseCliResult<Format, Value> {
  return {
    format,
    status: parsed.status,
    message: parsed.message,
    warnings: parsed.warnings,
    ...(parsed.skipped ? { skipped: parsed.skipped, skippedCount: parsed.skippedCount } : {}),
    summary,
    value,
  };
}
