// SmartOS platform image stamps. `uname -v` prints `joyent_<stamp>`, where
// the stamp is the UTC build time `YYYYMMDDTHHMMSSZ` (piadm list and
// /etc/release print the bare stamp). Other illumos distributions print
// `omnios-r151046-…` or `illumos-<hash>`: not a SmartOS platform image.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';

export interface PlatformStamp {
  /** "20241128T004404Z". */
  stamp: string;
  /** The build time, ISO 8601 UTC. */
  builtAt: string;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** "20241128T004404Z" → its build time, or null if it is not a valid stamp. */
export function platformStamp(text: string): PlatformStamp | null {
  const match = STAMP.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject 20241340T… and friends: Date.UTC would roll them over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return { stamp: match[0], builtAt: date.toISOString() };
}

export function parseUnameV(stdout: string, stderr: string, exitCode: number | null): Parsed<PlatformStamp> {
  const common = commonFailure('uname', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `uname -v failed: ${failureText(exitCode, stderr)}`);
  const text = stdout.trim();
  const match = /^joyent_(\S+)$/.exec(text);
  if (!match) {
    return /^[\w.+-]{1,80}$/.test(text)
      ? parsedFailure('unsupported', `uname -v is ${JSON.stringify(text)}: not a SmartOS platform image stamp`)
      : parsedFailure('unparsed', `uname -v did not print a version: ${JSON.stringify(text.slice(0, 60))}`);
  }
  const stamp = platformStamp(match[1]!);
  return stamp ? parsedOk(stamp) : parsedFailure('unparsed', `uname -v stamp ${JSON.stringify(match[1]!.slice(0, 40))} is not YYYYMMDDTHHMMSSZ`);
}
