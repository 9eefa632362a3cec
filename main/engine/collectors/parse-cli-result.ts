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
