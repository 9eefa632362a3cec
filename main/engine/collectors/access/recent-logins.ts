// `last -w -n 30` (Debian) / `last -n 30` (SmartOS) → recent logins, newest
// first, each kept as the line `last` printed plus who and from where. Pure.
// A line that is neither a login (user, terminal, maybe a host, then the
// login time) nor one of last's own notes is listed as skipped; an output
// with no such line at all is not last's.
import { parsedFailure, parsedOk, skippedInput, unreadableOutput, type Parsed, type SkippedInput } from '../parse-result';

export interface RecentLogin {
  user: string;
  terminal: string;
  /** The remote host or address (empty for a console login). */
  from: string;
  line: string;
}

const NOT_LOGINS = /^(reboot|shutdown|wtmp begins|wtmpx? begins|runlevel)\b/;
/** user, terminal, an optional host, then `Tue Dec  1 09:12`. */
const LOGIN = /^(\S+)\s+(\S+)\s+(?:(\S+)\s+)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d\b/;

export function parseLast(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<RecentLogin[]> {
  const unreadable = unreadableOutput('last', 'last', stdout, stderr, exitCode);
  if (unreadable) return unreadable;
  const logins: RecentLogin[] = [];
  const skipped: SkippedInput[] = [];
  let recognised = 0;
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    if (NOT_LOGINS.test(line.trim())) {
      recognised++;
      return;
    }
    const login = LOGIN.exec(line.trim());
    if (!login) {
      skipped.push(skippedInput(`line ${index + 1}`, line, "neither a login (user, terminal, host, time) nor one of last's notes"));
      return;
    }
    recognised++;
    logins.push({ user: login[1]!, terminal: login[2]!, from: login[3] ?? '', line });
  });
  if (recognised === 0 && skipped.length > 0) return parsedFailure('unparsed', `not last output: no line is a login or "wtmp begins" (line 1: "${stdout.trim().split('\n')[0]!.slice(0, 60)}")`);
  return parsedOk(logins, [], skipped, 'last');
}
