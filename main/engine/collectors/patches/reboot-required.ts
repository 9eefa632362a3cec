// /var/run/reboot-required and /var/run/reboot-required.pkgs. On Debian the
// flag file is created EMPTY by the kernel postinst hook of
// unattended-upgrades (Ubuntu's update-notifier writes a sentence into it):
// existence is the signal, never content. The .pkgs file lists one package
// per line. Absence proves nothing when unattended-upgrades is not installed
// (nothing else creates the file on Debian) — patch-facts weighs that.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText, isMissingFile } from './command-failure';
import { outputLines } from './output-lines';

export interface RebootRequiredFlag {
  present: boolean;
}

export interface RebootRequiredPackages {
  present: boolean;
  packages: string[];
}

export function parseRebootRequired(_stdout: string, stderr: string, exitCode: number | null): Parsed<RebootRequiredFlag> {
  const failed = fileFailure<RebootRequiredFlag>('/var/run/reboot-required', exitCode, stderr);
  if (failed) return failed;
  if (isMissingFile(exitCode, stderr)) return parsedOk({ present: false });
  // Content is ignored on purpose (see above).
  return parsedOk({ present: true });
}

export function parseRebootRequiredPkgs(stdout: string, stderr: string, exitCode: number | null): Parsed<RebootRequiredPackages> {
  const failed = fileFailure<RebootRequiredPackages>('/var/run/reboot-required.pkgs', exitCode, stderr);
  if (failed) return failed;
  if (isMissingFile(exitCode, stderr)) return parsedOk({ present: false, packages: [] });
  const { lines, warnings } = outputLines(stdout, 'reboot-required.pkgs');
  const packages: string[] = [];
  let odd = 0;
  for (const line of lines) {
    const name = line.trim();
    if (!name) continue;
    // Debian package names: lower case, digits, + - . (policy §5.6.1).
    if (/^[a-z0-9][a-z0-9+.-]*$/.test(name)) {
      if (!packages.includes(name)) packages.push(name);
    } else odd++;
  }
  if (odd) warnings.push(`reboot-required.pkgs: ${odd} line(s) are not package names`);
  return parsedOk({ present: true, packages }, warnings);
}

function fileFailure<T>(path: string, exitCode: number | null, stderr: string): Parsed<T> | null {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode === 0 || isMissingFile(exitCode, stderr)) return null;
  return parsedFailure('unparsed', `cat ${path} failed: ${failureText(exitCode, stderr)}`);
}
