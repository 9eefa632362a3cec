// `pkg_admin audit` (pkgsrc pkg_install admin/audit.c). One line per
// (installed package, advisory):
//   Package <name-version> has a <classification> vulnerability, see <url>
// ("has a" even before vowels), and with eol checks enabled
//   Package <name-version> has reached end-of-life (eol), see <url>/eol-packages
// Exit 1 when anything is vulnerable, 0 otherwise. Without the
// pkg-vulnerabilities file: `pkg_admin: Cannot open <path>: No such file or
// directory` (exit 1) — nothing can be audited, which is not "clean". A
// stale list adds `pkg-vulnerabilities is out of day (N days old)` on stderr.
import { commonFailure, firstLine, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';
import { splitPkgName } from './pkg-name';

export interface PkgVulnerability {
  package: string;
  version: string | null;
  /** `openssl-3.0.14`. */
  fullName: string;
  /** pkgsrc classification ("denial-of-service", "memory-corruption" …) or "end-of-life". */
  classification: string;
  advisory: string;
  endOfLife: boolean;
}

export interface PkgAudit {
  vulnerabilities: PkgVulnerability[];
  /** From "pkg-vulnerabilities is out of day (N days old)", when printed. */
  listAgeDays: number | null;
}

const VULNERABLE = /^Package (\S+) has an? (\S+) vulnerability, see (\S+)\s*$/;
const END_OF_LIFE = /^Package (\S+) has reached end-of-life \(eol\), see (\S+)\s*$/;

export function parsePkgAdminAudit(stdout: string, stderr: string, exitCode: number | null): Parsed<PkgAudit> {
  const common = commonFailure('pkg_admin', exitCode, stderr);
  if (common) return common;
  const cannotOpen = /^pkg_admin: Cannot open (\S+?):/m.exec(stderr);
  if (cannotOpen) {
    return parsedFailure('unsupported', `pkg_admin audit cannot run: ${cannotOpen[1]} is missing (run \`pkg_admin fetch-pkg-vulnerabilities\`); nothing was audited`);
  }
  if (exitCode !== 0 && exitCode !== 1) return parsedFailure('unparsed', `pkg_admin audit failed: ${failureText(exitCode, stderr)}`);
  const refused = refuseInput(stdout, 'pkg_admin audit');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'pkg_admin audit');
  const vulnerabilities: PkgVulnerability[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const vulnerable = VULNERABLE.exec(line);
    const eol = vulnerable ? null : END_OF_LIFE.exec(line);
    if (vulnerable) {
      const name = splitPkgName(vulnerable[1]!);
      vulnerabilities.push({ package: name.name, version: name.version, fullName: name.full, classification: vulnerable[2]!, advisory: vulnerable[3]!, endOfLife: false });
    } else if (eol) {
      const name = splitPkgName(eol[1]!);
      vulnerabilities.push({ package: name.name, version: name.version, fullName: name.full, classification: 'end-of-life', advisory: eol[2]!, endOfLife: true });
    } else skipped.push(skippedInput(`line ${index + 1}`, line, 'not a "Package … has a … vulnerability" or end-of-life line'));
  }
  const age = /pkg-vulnerabilities is out of day \((\d+) days? old\)/.exec(stderr);
  if (age) warnings.push(`pkg_admin: the vulnerability list is ${age[1]} days old`);
  // Exit 1 means "something is vulnerable": it must come with lines we read.
  if (exitCode === 1 && vulnerabilities.length === 0) {
    return parsedFailure('unparsed', `pkg_admin audit exited 1 but no "Package … vulnerability" line was read: ${firstLine(stdout) || firstLine(stderr) || 'no output'}`);
  }
  if (skipped.length > vulnerabilities.length)
    return parsedFailure(
      'unparsed',
      `not pkg_admin audit output: ${skipped.length} of ${skipped.length + vulnerabilities.length} lines are not advisories (${JSON.stringify(firstLine(stdout).slice(0, 80))})`,
    );
  return parsedOk({ vulnerabilities, listAgeDays: age ? Number(age[1]) : null }, warnings, skipped, 'pkg_admin audit');
}
