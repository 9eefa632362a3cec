// `apt-get -s -o Debug::NoLocking=1 dist-upgrade`: what an upgrade would do,
// read from the `Inst`/`Remv` lines apt's simulator prints (apt 2.6 bookworm,
// 3.0 trixie). Formats, from apt-pkg/algorithms.cc (pkgSimulate):
//   Inst <pkg> [<installed>] (<candidate> <origin>, <origin> [<arch>]) [notes]…
//   Inst <pkg> (<candidate> <origins> [<arch>])          ← a NEW package
//   Conf <pkg> (<candidate> <origins> [<arch>])
//   Remv <pkg> [<installed>] [notes]…
// Run without root, apt prepends a 4-line NOTE on stdout; the summary is
// `N upgraded, N newly installed, [N downgraded, ][N reinstalled, ]N to
// remove and N not upgraded.` (apt 3's `Summary:` block is read too).
import { commonFailure, firstLine, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { parseAptOriginList, type AptOrigin } from './apt-origin';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface AptInstall {
  /** As apt prints it: `libc6` or `libc6:i386` for a foreign architecture. */
  name: string;
  arch: string | null;
  /** Installed version; null for a package the upgrade newly installs. */
  installed: string | null;
  candidate: string;
  origins: AptOrigin[];
  /** Offered by a `*-security` archive (see isSecurityOrigin). */
  security: boolean;
  line: string;
}

export interface AptRemoval {
  name: string;
  version: string | null;
  line: string;
}

export interface AptSummary {
  upgraded: number;
  newlyInstalled: number;
  downgraded: number;
  reinstalled: number;
  toRemove: number;
  notUpgraded: number;
}

export interface AptSimulation {
  /** False when apt printed its "NOTE: This is only a simulation!" preamble (not root). */
  asRoot: boolean;
  installs: AptInstall[];
  removals: AptRemoval[];
  /** Number of `Conf` lines. */
  configured: number;
  /** Packages with a newer version that the upgrade leaves alone (held, or dependencies). */
  keptBack: string[];
  summary: AptSummary | null;
}

const TOOL = 'apt-get -s dist-upgrade';
const OLD_SUMMARY = /^(\d+) upgraded, (\d+) newly installed, (?:(\d+) downgraded, )?(?:(\d+) reinstalled, )?(\d+) to remove and (\d+) not upgraded\.$/;
const KEPT_BACK_HEADINGS = new Set(['The following packages have been kept back:', 'Not upgrading:']);

export function parseAptSimulation(stdout: string, stderr: string, exitCode: number | null): Parsed<AptSimulation> {
  const common = commonFailure('apt-get', exitCode, stderr);
  if (common) return common;
  const errors = stderr.split('\n').filter((line) => line.startsWith('E: '));
  if (exitCode === null) return parsedFailure('unparsed', `${TOOL} did not finish: ${failureText(exitCode, stderr)}`);
  if (exitCode !== 0 || errors.length > 0) {
    // apt's own refusals (dpkg interrupted, unmet dependencies, unreadable lists).
    return parsedFailure('unsupported', `apt-get could not simulate the upgrade: ${errors[0]?.slice(3) ?? failureText(exitCode, stderr)}`);
  }
  const refused = refuseInput(stdout, TOOL);
  if (refused) return refused;
  // apt's prose (Reading package lists…, "The following … will be upgraded:" lists) restates the Inst/Remv lines; those are what is read.
  const { lines, warnings, skipped } = outputLines(stdout, TOOL);
  const notices = stderr.split('\n').filter((line) => /^[WN]: /.test(line));
  for (const line of notices.slice(0, 20)) warnings.push(`apt-get: ${line.slice(3, 3 + 300)}`);
  if (notices.length > 20) warnings.push(`apt-get: ${notices.length - 20} more warning(s) on stderr`);
  const value: AptSimulation = { asRoot: true, installs: [], removals: [], configured: 0, keptBack: [], summary: null };
  let section: 'kept-back' | 'other' | null = null;
  let inSummaryBlock = false;
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('Inst ')) {
      const install = parseInstLine(line);
      if (install) value.installs.push(install);
      else skipped.push(skippedInput(`line ${index + 1}`, line, 'an Inst line not in apt\'s "Inst name [old] (new origin [arch])" form'));
      section = null;
    } else if (line.startsWith('Conf ')) {
      value.configured++;
      section = null;
    } else if (line.startsWith('Remv ') || line.startsWith('Purg ')) {
      const match = /^(?:Remv|Purg) (\S+)(?: \[([^\]]*)\])?/.exec(line);
      if (match) value.removals.push({ name: match[1]!, version: match[2] || null, line });
      else skipped.push(skippedInput(`line ${index + 1}`, line, 'a Remv/Purg line without a package name'));
      section = null;
    } else if (line.startsWith('NOTE: This is only a simulation!')) {
      value.asRoot = false;
    } else if (OLD_SUMMARY.test(line)) {
      value.summary = oldSummary(OLD_SUMMARY.exec(line)!);
      section = null;
    } else if (line === 'Summary:') {
      inSummaryBlock = true;
      section = null;
    } else if (inSummaryBlock && /^\s+\S/.test(line) && / \d+/.test(line)) {
      value.summary = mergeNewSummary(value.summary, line);
    } else if (/^\S.*:$/.test(line)) {
      section = KEPT_BACK_HEADINGS.has(line) ? 'kept-back' : 'other';
      inSummaryBlock = false;
    } else if (section === 'kept-back' && /^\s/.test(line)) {
      value.keptBack.push(...line.trim().split(/\s+/).filter(Boolean));
    }
  }
  if (!value.summary) {
    const partial = value.installs.length > 0 ? `; ${value.installs.length} Inst line(s) read before it ended` : '';
    const result = parsedFailure<AptSimulation>(
      'unparsed',
      `${TOOL}: no summary line ("N upgraded, …"), so the list of pending updates may be incomplete${partial}: ${firstLine(stdout) || 'empty output'}`,
      value,
    );
    return { ...result, warnings };
  }
  // The summary comes BEFORE the Inst lines: output cut short still has it,
  // with fewer Inst lines than it announces. A partial list must not pass
  // for the whole one (the SLA clock would forget the missing updates).
  const expected = value.summary.upgraded + value.summary.newlyInstalled + value.summary.downgraded + value.summary.reinstalled;
  if (expected > value.installs.length) {
    const result = parsedFailure<AptSimulation>('unparsed', `${TOOL}: the summary announces ${expected} installs but only ${value.installs.length} Inst line(s) were read: output cut short?`, value);
    return { ...result, warnings };
  }
  if (expected < value.installs.length) warnings.push(`${TOOL}: the summary announces ${expected} installs but ${value.installs.length} Inst line(s) were read`);
  return parsedOk(value, warnings, skipped, TOOL);
}

/** One `Inst` line, or null when it is not in apt's format. */
export function parseInstLine(line: string): AptInstall | null {
  const head = /^Inst (\S+)(?: \[([^\]]*)\])? \(/.exec(line);
  if (!head) return null;
  const open = head[0].length;
  const close = closingParen(line, open);
  if (close < 0) return null;
  const inner = line.slice(open, close);
  const space = inner.indexOf(' ');
  const candidate = space < 0 ? inner : inner.slice(0, space);
  if (!candidate) return null;
  const { origins, arch } = parseAptOriginList(space < 0 ? '' : inner.slice(space + 1));
  return {
    name: head[1]!,
    arch,
    installed: head[2] === undefined ? null : head[2],
    candidate,
    origins,
    security: origins.some((origin) => origin.security),
    line,
  };
}

/** The `)` that closes the version group: followed by the end or by ` [` notes. */
function closingParen(line: string, from: number): number {
  const end = line.trimEnd().length;
  let at = line.indexOf(')', from);
  while (at >= 0) {
    if (at + 1 >= end || line.startsWith(' [', at + 1)) return at;
    at = line.indexOf(')', at + 1);
  }
  return -1;
}

function oldSummary(match: RegExpExecArray): AptSummary {
  const n = (index: number) => Number(match[index] ?? 0);
  return { upgraded: n(1), newlyInstalled: n(2), downgraded: n(3), reinstalled: n(4), toRemove: n(5), notUpgraded: n(6) };
}

// apt ≥ 2.9: "Summary:" then "  Upgrading: 2, Installing: 0, Removing: 0, Not Upgrading: 1".
function mergeNewSummary(previous: AptSummary | null, line: string): AptSummary {
  const summary = previous ?? { upgraded: 0, newlyInstalled: 0, downgraded: 0, reinstalled: 0, toRemove: 0, notUpgraded: 0 };
  const keys: Record<string, keyof AptSummary> = {
    upgrading: 'upgraded',
    installing: 'newlyInstalled',
    downgrading: 'downgraded',
    reinstalling: 'reinstalled',
    removing: 'toRemove',
    'not upgrading': 'notUpgraded',
  };
  for (const part of line.split(',')) {
    const match = /^\s*([A-Za-z][A-Za-z ]*): (\d+)\s*$/.exec(part);
    const key = match ? keys[match[1]!.toLowerCase()] : undefined;
    if (match && key) summary[key] = Number(match[2]);
  }
  return summary;
}
