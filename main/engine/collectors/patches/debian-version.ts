// /etc/debian_version: the point release ("12.11", "13.8") on a stable
// release, a codename like "trixie/sid" on testing/unstable. It comes from
// base-files and only changes when base-files is upgraded (a host at 12.11
// while 12.15 is available is simply behind).
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';

export interface DebianVersion {
  text: string;
  /** "12.11"; null on testing/unstable. */
  pointRelease: string | null;
  major: number | null;
  /** "trixie/sid" style value on testing/unstable. */
  codename: string | null;
}

export function parseDebianVersion(stdout: string, stderr: string, exitCode: number | null): Parsed<DebianVersion> {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `cat /etc/debian_version failed: ${failureText(exitCode, stderr)}`);
  // Only the first line is read: binary after it would otherwise pass as a release number.
  const refused = refuseInput(stdout, '/etc/debian_version');
  if (refused) return refused;
  const text = (stdout.split('\n').find((line) => line.trim()) ?? '').trim();
  const numeric = /^(\d+)(?:\.(\d+))*$/.exec(text);
  if (numeric && text.length <= 32) return parsedOk({ text, pointRelease: text, major: Number(numeric[1]), codename: null });
  if (/^[a-z]+\/[a-z]+$/.test(text)) return parsedOk({ text, pointRelease: null, major: null, codename: text });
  return parsedFailure('unparsed', `/etc/debian_version is neither a release number nor a codename: ${JSON.stringify(text.slice(0, 60))}`);
}
