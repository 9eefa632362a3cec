// Splits a command's output into lines a parser can afford to look at. Host
// output is untrusted: a line longer than any real tool prints is dropped
// with a warning rather than fed to a regular expression, and the number of
// lines is bounded, so no input makes a parser slow.
export const MAX_LINE_LENGTH = 8192;
export const MAX_LINES = 100_000;

export interface OutputLines {
  lines: string[];
  warnings: string[];
}

export function outputLines(text: string, what: string): OutputLines {
  const warnings: string[] = [];
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  if (raw.length > MAX_LINES) {
    warnings.push(`${what}: only the first ${MAX_LINES} of ${raw.length} lines were read`);
    raw.length = MAX_LINES;
  }
  let skipped = 0;
  const lines = raw.map((line) => {
    if (line.length <= MAX_LINE_LENGTH) return line;
    skipped++;
    return '';
  });
  if (skipped) warnings.push(`${what}: ${skipped} line(s) longer than ${MAX_LINE_LENGTH} characters were skipped`);
  return { lines, warnings };
}
