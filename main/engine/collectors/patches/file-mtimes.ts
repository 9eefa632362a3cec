// `stat -c %Y <files…>`: one modification time (epoch seconds) per file that
// exists. With a glob that matches nothing the shell passes it literally and
// stat fails ("cannot statx '/var/lib/apt/lists/*_InRelease'"); with some
// files missing it prints the others and exits 1.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText, isMissingFile } from './command-failure';
import { outputLines } from '../output-lines';

export interface FileMtimes {
  /** Epoch seconds, in output order. */
  mtimes: number[];
  newest: number | null;
  /** stat reported files it could not find. */
  missing: boolean;
}

export function parseStatMtimes(stdout: string, stderr: string, exitCode: number | null, what: string): Parsed<FileMtimes> {
  const common = commonFailure('stat', exitCode, stderr);
  if (common) return common;
  const refused = refuseInput(stdout, `stat (${what})`);
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, what);
  const mtimes: number[] = [];
  for (const [index, line] of lines.entries()) {
    const text = line.trim();
    if (!text) continue;
    if (/^\d{1,12}$/.test(text)) mtimes.push(Number(text));
    else skipped.push(skippedInput(`line ${index + 1}`, line, 'not epoch seconds (stat -c %Y)'));
  }
  if (skipped.length > mtimes.length) return parsedFailure('unparsed', `not stat -c %Y output (${what}): ${skipped.length} of ${skipped.length + mtimes.length} lines are not epoch seconds`);
  const missing = isMissingFile(exitCode, stderr);
  if (mtimes.length === 0) {
    if (missing) return parsedFailure('unsupported', `${what}: no such file on this host`, { mtimes, newest: null, missing });
    return parsedFailure('unparsed', `${what}: stat printed no modification time (${failureText(exitCode, stderr)})`);
  }
  if (missing) warnings.push(`${what}: some files were missing (${failureText(exitCode, stderr)})`);
  return parsedOk({ mtimes, newest: mtimes.reduce((a, b) => (b > a ? b : a)), missing }, warnings, skipped, `stat (${what})`);
}
