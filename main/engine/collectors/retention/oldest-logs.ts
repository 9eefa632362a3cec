// `find /var/log -type f -printf '%T@ %p\n' | sort -n | head -n 5` → the
// oldest files under /var/log with their modification times. Pure.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';

export interface LogFileAge {
  path: string;
  /** Modification time, ISO. */
  modified: string;
}

export function parseOldestLogs(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogFileAge[]> {
  const refused = refuseInput(stdout, 'find /var/log');
  if (refused) return refused;
  const files: LogFileAge[] = [];
  const skipped: SkippedInput[] = [];
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^(\d+(?:\.\d+)?) (\/.+)$/.exec(line);
    if (!match) return void skipped.push(skippedInput(`line ${index + 1}`, line, 'not "<epoch seconds> <path>"'));
    files.push({ path: match[2]!, modified: new Date(Number(match[1]) * 1000).toISOString() });
  });
  if (files.length === 0) {
    const failure = commonFailure('find', exitCode, stderr);
    if (failure) return failure;
    if (skipped.length > 0) return parsedFailure('unparsed', 'not find -printf output: no line is "<epoch seconds> <path>"');
  }
  // find's "Permission denied" on one folder still lists the others (through sudo it should not happen).
  const warnings = exitCode !== 0 && stderr.trim() ? [`find: ${stderr.trim().split('\n')[0]}`] : [];
  return parsedOk(files, warnings, skipped, 'find /var/log');
}
