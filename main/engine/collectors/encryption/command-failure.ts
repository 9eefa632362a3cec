// Failure shapes the encryption commands share beyond commonFailure (tool
// missing, needs privilege): a file that does not exist (/etc/crypttab is an
// answer when absent), a one-line account of any failed run, and what
// reading a file with cat can end in.
import { commonFailure, firstLine, parsedFailure, refuseInput, type Parsed } from '../parse-result';

// GNU cat ("cat: /x: No such file or directory"), illumos cat ("cat: cannot
// open /x: No such file or directory").
const NO_SUCH_FILE = /No such file or directory/;

export function isMissingFile(exitCode: number | null, stderr: string): boolean {
  return exitCode !== 0 && exitCode !== null && NO_SUCH_FILE.test(stderr);
}

/** "<first stderr line> (exit N)", for messages. */
export function failureText(exitCode: number | null, stderr: string, stdout = ''): string {
  const line = firstLine(stderr) || firstLine(stdout);
  const status = exitCode === null ? 'did not finish' : `exit ${exitCode}`;
  return line ? `${line} (${status})` : status;
}

/** `cat PATH` that failed (its missing file judged by the caller first) or printed what no file holds; null when stdout should be read. */
export function catFailure(path: string, stdout: string, stderr: string, exitCode: number | null): Parsed<never> | null {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `cat ${path} failed: ${failureText(exitCode, stderr, stdout)}`);
  return refuseInput(stdout, path);
}
