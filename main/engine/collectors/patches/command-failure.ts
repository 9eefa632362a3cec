// Failure shapes the patch commands share beyond commonFailure (tool missing,
// needs privilege): the file a command reads does not exist — which for
// /var/run/reboot-required is an answer, not an error; callers decide.
import { firstLine } from '../parse-result';

// GNU cat/tail/stat ("cat: /x: No such file or directory", "tail: cannot
// open '/x' for reading: …", "stat: cannot statx '/x': …") and illumos cat
// ("cat: cannot open /x: No such file or directory").
const NO_SUCH_FILE = /No such file or directory/;

export function isMissingFile(exitCode: number | null, stderr: string): boolean {
  return exitCode !== 0 && exitCode !== null && NO_SUCH_FILE.test(stderr);
}

/** A one-line account of a failed run, for messages. */
export function failureText(exitCode: number | null, stderr: string): string {
  const line = firstLine(stderr);
  const status = exitCode === null ? 'did not finish' : `exit ${exitCode}`;
  return line ? `${line} (${status})` : status;
}
