// The oldest log files with their modification times. Pure. Two forms:
// - Debian: `find /var/log -type f -printf '%T@ %p\n' | sort -n | head -n 5`;
// - SmartOS (illumos find has no -printf): `find … -exec ls -E {} + | sort -k 6,7
//   | head -n 5`, whose lines carry an ISO time with nanoseconds and an offset:
//   `-rw-r--r--   1 root  sys  1234 2026-01-02 03:04:05.123456789 +0000 /var/adm/messages.3`.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';

export interface LogFileAge {
  path: string;
  /** Modification time, ISO. */
  modified: string;
}

/** One listing line → a file, or why the line is not one. */
type LineReader = (line: string) => LogFileAge | string;

/** A parser over the lines of one form of the oldest-logs listing; a line it cannot read is skipped and said, never dropped. */
function oldestLogsParser(what: string, notThisOutput: string, readLine: LineReader) {
  return (stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogFileAge[]> => {
    const refused = refuseInput(stdout, what);
    if (refused) return refused;
    const files: LogFileAge[] = [];
    const skipped: SkippedInput[] = [];
    stdout.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const read = readLine(line);
      if (typeof read === 'string') skipped.push(skippedInput(`line ${index + 1}`, line, read));
      else files.push(read);
    });
    if (files.length === 0) {
      const failure = commonFailure('find', exitCode, stderr);
      if (failure) return failure;
      if (skipped.length > 0) return parsedFailure('unparsed', notThisOutput);
    }
    // find's "Permission denied" on one folder still lists the others (through sudo it should not happen).
    const warnings = exitCode !== 0 && stderr.trim() ? [`find: ${stderr.trim().split('\n')[0]}`] : [];
    return parsedOk(files, warnings, skipped, what);
  };
}

const PRINTF_LINE = /^(\d+(?:\.\d+)?) (\/.+)$/;

/** The Debian form: `find -printf '%T@ %p'` lines. */
export const parseOldestLogs = oldestLogsParser('find /var/log', 'not find -printf output: no line is "<epoch seconds> <path>"', (line) => {
  const match = PRINTF_LINE.exec(line);
  return match ? { path: match[2]!, modified: new Date(Number(match[1]) * 1000).toISOString() } : 'not "<epoch seconds> <path>"';
});

const LS_E_LINE = /^\S+\s+\d+\s+\S+\s+\S+\s+\d+\s+(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,9}))? ([+-])(\d\d)(\d\d) (\/.+)$/;

/** The SmartOS form: `ls -E` lines of the oldest files under /var/adm and /var/log. */
export const parseOldestLogsLsE = oldestLogsParser('ls -E of the oldest logs', 'not ls -E output: no line has an ISO time and a path', (line) => {
  const match = LS_E_LINE.exec(line);
  if (!match) return 'not an ls -E line (mode, links, owner, group, size, ISO time, offset, path)';
  const [, date, time, fraction, sign, hours, minutes, path] = match;
  const millis = Number(`0.${fraction ?? '0'}`) * 1000;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  const modified = Date.parse(`${date}T${time}Z`) + Math.floor(millis) - offsetMs;
  return Number.isNaN(modified) ? 'the time is not a date' : { path: path!, modified: new Date(modified).toISOString() };
});
