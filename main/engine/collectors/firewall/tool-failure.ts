// Failure states every firewall command shares, decided before a format
// parser looks at stdout: the tool is missing, OpsDeck lacks privilege, the
// command did not finish. Each keeps the tool's own message.
import { commonFailure, firstLine, parsedFailure, skippedInput, type Parsed, type SkippedInput } from '../parse-result';

// SmartOS tools word "not root" their own way (fwadm.js / onlyif.js):
// "FATAL: cannot run: you are not root." and "FATAL: cannot run because: you are not root.".
const NOT_ROOT = /(you are not root|not privileged|insufficient privileges)/i;
// vmadm/fwadm outside the global zone or off SmartOS (onlyif.js).
const WRONG_ZONE = /(this is not the global zone|this is not SmartOS)/i;

export function toolFailure(tool: string, stdout: string, stderr: string, exitCode: number | null): Parsed<never> | null {
  if (exitCode === null) {
    return parsedFailure('unparsed', `${tool} did not finish${firstLine(stderr) ? `: ${firstLine(stderr)}` : ''}; its output is incomplete`);
  }
  const common = commonFailure(tool, exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0 && NOT_ROOT.test(stderr)) {
    return parsedFailure('needs-privilege', `${tool} needs privileges OpsDeck does not have here: ${firstLine(stderr)}`);
  }
  if (exitCode !== 0 && WRONG_ZONE.test(stderr)) {
    return parsedFailure('unsupported', `${tool} cannot run on this host: ${firstLine(stderr)}`);
  }
  if (exitCode !== 0 && stdout.trim() === '') {
    return parsedFailure('unparsed', `${tool} failed (exit ${exitCode}): ${firstLine(stderr) || 'no message'}`);
  }
  return null;
}

/** Bounded line split: over-long lines and lines beyond the bound are listed as skipped, never parsed. */
export const MAX_LINE_CHARS = 16_384;
export const MAX_OUTPUT_LINES = 500_000;

export function boundedLines(text: string): { lines: string[]; warnings: string[]; skipped: SkippedInput[] } {
  const warnings: string[] = [];
  const skipped: SkippedInput[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length > MAX_OUTPUT_LINES) {
    skipped.push(skippedInput(`lines ${MAX_OUTPUT_LINES + 1}-${lines.length}`, lines[MAX_OUTPUT_LINES]!, `only the first ${MAX_OUTPUT_LINES} lines are read`));
    lines.length = MAX_OUTPUT_LINES;
  }
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]!.length > MAX_LINE_CHARS) {
      // A cut rule would be misread: the line is listed as skipped, not parsed.
      skipped.push(skippedInput(`line ${index + 1}`, lines[index]!, `longer than ${MAX_LINE_CHARS} characters`));
      lines[index] = '';
    }
  }
  return { lines, warnings, skipped };
}
