// `last -w -n 30` (Debian) / `last -n 30` (SmartOS) → recent logins, newest
// first, each kept as the line `last` printed plus who and from where. Pure.
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';

export interface RecentLogin {
  user: string;
  terminal: string;
  /** The remote host or address (empty for a console login). */
  from: string;
  line: string;
}

const NOT_LOGINS = /^(reboot|shutdown|wtmp begins|wtmpx? begins|runlevel)\b/;

export function parseLast(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<RecentLogin[]> {
  const refused = refuseInput(stdout, 'last');
  if (refused) return refused;
  const failure = commonFailure('last', exitCode, stderr);
  if (failure) return failure;
  if (exitCode !== 0) return parsedFailure('unparsed', `last failed (exit ${exitCode}): ${stderr.trim().split('\n')[0] || 'no message'}`);
  const logins: RecentLogin[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '' || NOT_LOGINS.test(line.trim())) continue;
    const [user, terminal, from] = line.trim().split(/\s+/);
    // A console login has no host column: the third word is then the weekday.
    const remote = from && !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/.test(from) ? from : '';
    logins.push({ user: user!, terminal: terminal ?? '', from: remote, line });
  }
  return parsedOk(logins);
}
