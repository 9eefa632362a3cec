// The tail of /var/log/unattended-upgrades/unattended-upgrades.log
// (unattended-upgrades 2.9 bookworm / 2.12 trixie, same strings):
// `YYYY-MM-DD HH:MM:SS,mmm LEVEL message` (Python logging asctime in the
// host's LOCAL time, no zone). A run starts with "Starting unattended
// upgrades script"; its result is the last recognised message before the
// next start. Tracebacks and wrapped lines do not start with a timestamp.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText, isMissingFile } from './command-failure';
import { outputLines } from '../output-lines';

export type UnattendedRunResult =
  /** "All upgrades installed". */
  | 'upgraded'
  /** "No packages found that can be upgraded unattended …". */
  | 'nothing-to-upgrade'
  /** "Lock could not be acquired (another package manager running?)". */
  | 'lock-failed'
  /** An ERROR/CRITICAL line, e.g. "Installing the upgrades failed!". */
  | 'failed'
  /** Started, no outcome logged yet (still running, or cut off). */
  | 'incomplete';

export interface UnattendedRun {
  /** As logged: host local time, `YYYY-MM-DDTHH:MM:SS.mmm` without a zone. */
  startedAt: string;
  finishedAt: string | null;
  result: UnattendedRunResult;
  /** From "Packages that will be upgraded: …". */
  packages: string[];
  /** The message that decided the result. */
  message: string | null;
}

export interface UnattendedUpgradesLog {
  runs: UnattendedRun[];
  lastRun: UnattendedRun | null;
}

const LINE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),(\d{3}) ([A-Z]+) (.*)$/;

export function parseUnattendedUpgradesLog(stdout: string, stderr: string, exitCode: number | null): Parsed<UnattendedUpgradesLog> {
  const common = commonFailure('tail', exitCode, stderr);
  if (common) return common;
  if (isMissingFile(exitCode, stderr)) {
    return parsedFailure('unsupported', 'no unattended-upgrades log: unattended-upgrades is not installed here, or has never run');
  }
  if (exitCode !== 0) return parsedFailure('unparsed', `reading the unattended-upgrades log failed: ${failureText(exitCode, stderr)}`);
  const { lines, warnings } = outputLines(stdout, 'unattended-upgrades log');
  const runs: UnattendedRun[] = [];
  let current: UnattendedRun | null = null;
  let stamped = 0;
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) continue;
    stamped++;
    const at = `${match[1]}T${match[2]}.${match[3]}`;
    const level = match[4]!;
    const message = match[5]!.trimEnd();
    if (message === 'Starting unattended upgrades script') {
      current = { startedAt: at, finishedAt: null, result: 'incomplete', packages: [], message: null };
      runs.push(current);
      continue;
    }
    if (!current) continue;
    const outcome = outcomeOf(level, message);
    if (message.startsWith('Packages that will be upgraded:')) {
      current.packages = message.slice('Packages that will be upgraded:'.length).trim().split(/\s+/).filter(Boolean);
    }
    if (outcome && !(current.result === 'failed' && outcome !== 'failed')) {
      current.result = outcome;
      current.finishedAt = at;
      current.message = message;
    }
  }
  if (lines.some((line) => line.trim()) && stamped === 0) {
    return parsedFailure('unparsed', "the unattended-upgrades log has no line in its `YYYY-MM-DD HH:MM:SS,mmm LEVEL message` format (translated or another tool's log?)");
  }
  return parsedOk({ runs, lastRun: runs[runs.length - 1] ?? null }, warnings);
}

function outcomeOf(level: string, message: string): UnattendedRunResult | null {
  if (message === 'All upgrades installed') return 'upgraded';
  if (message.startsWith('No packages found that can be upgraded unattended')) return 'nothing-to-upgrade';
  if (message.startsWith('Lock could not be acquired')) return 'lock-failed';
  if (level === 'ERROR' || level === 'CRITICAL') return 'failed';
  return null;
}
