// Splits a command's output into lines a parser can afford to look at, for
// every collector, with one limit policy. Host output is untrusted: a line
// longer than any real tool prints (a binary blob, a runaway loop) is listed
// as skipped rather than fed to a regular expression (a cut rule would be
// misread), and the number of lines is bounded, so no input makes a parser
// slow. The bounds sit above the largest real outputs (a 40k-rule
// iptables-save, long CVE lists) so nothing real is cut.
import { skippedInput, type SkippedInput } from './parse-result';

export const MAX_LINE_LENGTH = 16_384;
export const MAX_LINES = 500_000;

export interface OutputLines {
  lines: string[];
  warnings: string[];
  /** Lines not handed to the parser (too long, beyond MAX_LINES); the parser adds what it cannot read. */
  skipped: SkippedInput[];
}

/** `what` names the tool in the reasons ("iptables-save prints"). */
export function outputLines(text: string, what: string): OutputLines {
  const warnings: string[] = [];
  const skipped: SkippedInput[] = [];
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  if (raw.length > MAX_LINES) {
    skipped.push(skippedInput(`lines ${MAX_LINES + 1}-${raw.length}`, raw[MAX_LINES]!, `${what}: only the first ${MAX_LINES} lines are read`));
    raw.length = MAX_LINES;
  }
  const lines = raw.map((line, index) => {
    if (line.length <= MAX_LINE_LENGTH) return line;
    skipped.push(skippedInput(`line ${index + 1}`, line, `longer than ${MAX_LINE_LENGTH} characters, more than ${what} prints`));
    return '';
  });
  return { lines, warnings, skipped };
}
