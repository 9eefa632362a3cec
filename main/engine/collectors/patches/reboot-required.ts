// /var/run/reboot-required and /var/run/reboot-required.pkgs. On Debian the
// flag file is created EMPTY by the kernel postinst hook of
// unattended-upgrades (Ubuntu's update-notifier writes a sentence into it):
// existence is the signal, never content. The .pkgs file lists one package
// per line. Absence proves nothing when unattended-upgrades is not installed
// (nothing else creates the file on Debian) — patch-facts weighs that.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText, isMissingFile } from './command-failure';
import { outputLines } from '../output-lines';

export interface RebootRequiredFlag {
  present: boolean;
}

export interface RebootRequiredPackages {
  present: boolean;
  packages: string[];
}

export function parseRebootRequired(stdout: string, stderr: string, exitCode: number | null): Parsed<RebootRequiredFlag> {
  const failed = fileFailure<RebootRequiredFlag>('/var/run/reboot-required', exitCode, stderr);
  if (failed) return failed;
  if (isMissingFile(exitCode, stderr)) return parsedOk({ present: false });
  // The file's existence is the flag (see above); its content is empty (`touch`) or update-notifier's
  // "*** System restart required ***" — anything else is not this file.
  const refused = refuseInput(stdout, 'cat /var/run/reboot-required');
  if (refused) return refused;
  if (stdout.trim() !== '' && !/restart required|reboot required/i.test(stdout.slice(0, 200))) {
    return parsedFailure('unparsed', `not /var/run/reboot-required: ${JSON.stringify(stdout.trim().slice(0, 60))} is neither empty nor "*** System restart required ***"`);
  }
  return parsedOk({ present: true });
}

export function parseRebootRequiredPkgs(stdout: string, stderr: string, exitCode: number | null): Parsed<RebootRequiredPackages> {
  const failed = fileFailure<RebootRequiredPackages>('/var/run/reboot-required.pkgs', exitCode, stderr);
  if (failed) return failed;
  if (isMissingFile(exitCode, stderr)) return parsedOk({ present: false, packages: [] });
  const refused = refuseInput(stdout, 'cat /var/run/reboot-required.pkgs');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'reboot-required.pkgs');
  const packages: string[] = [];
  let named = 0;
  for (const [index, line] of lines.entries()) {
    const name = line.trim();
    if (!name) continue;
    // Debian package names: lower case, digits, + - . (policy §5.6.1).
    if (/^[a-z0-9][a-z0-9+.-]*$/.test(name)) {
      named++;
      if (!packages.includes(name)) packages.push(name);
    } else skipped.push(skippedInput(`line ${index + 1}`, line, 'not a Debian package name'));
  }
  if (skipped.length > named) return parsedFailure('unparsed', `not /var/run/reboot-required.pkgs: ${skipped.length} of ${skipped.length + named} lines are not package names`);
  return parsedOk({ present: true, packages }, warnings, skipped, '/var/run/reboot-required.pkgs');
}

function fileFailure<T>(path: string, exitCode: number | null, stderr: string): Parsed<T> | null {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode === 0 || isMissingFile(exitCode, stderr)) return null;
  return parsedFailure('unparsed', `cat ${path} failed: ${failureText(exitCode, stderr)}`);
}
