// Failure shapes the encryption commands share beyond commonFailure (tool
// missing, needs privilege): a file that does not exist (/etc/crypttab is an
// answer when absent), and a one-line account of any failed run.
import { firstLine } from '../parse-result';

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
