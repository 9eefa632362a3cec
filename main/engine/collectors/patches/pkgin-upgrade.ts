// `pkgin -n upgrade` (pkgin 23.8+; dry run, no TTY). Sections appear only when
// non-empty, each a heading then one FULL package name per line and a blank:
//   N packages to refresh: | to upgrade: | to install: | to remove: | to remove (superseded):
// then `0 to remove, 2 to refresh, 4 to upgrade, 0 to install` and a size
// line; `nothing to do.` when up to date. "refresh" is the same version
// rebuilt, not an upgrade. pkgin may first print `processing remote summary
// (…)...` lines, and pkgin < 23.8 said `N packages to be upgraded:` with a
// space-separated list — both are read. The list shows only the NEW
// name-version: the installed version is not printed.
import { commonFailure, firstLine, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';
import { splitPkgName, type PkgName } from './pkg-name';

export interface PkginUpgrade {
  upgrades: PkgName[];
  refreshes: PkgName[];
  installs: PkgName[];
  removals: PkgName[];
  nothingToDo: boolean;
  /** `pkgin ≥ 25.5` upgrades pkg_install/pkgin first and asks to re-run. */
  toolsFirst: boolean;
}

type Section = 'upgrades' | 'refreshes' | 'installs' | 'removals';
const HEADING = /^(\d+) packages? to (?:be )?(refresh|upgrade|install|remove)(?:e?d)?(?: \(superseded\))?:$/;
const SECTIONS: Record<string, Section> = { refresh: 'refreshes', upgrade: 'upgrades', install: 'installs', remove: 'removals' };
const TOTALS = /^(\d+) to remove, (\d+) to refresh, (\d+) to upgrade, (\d+) to install$/;

export function parsePkginUpgrade(stdout: string, stderr: string, exitCode: number | null): Parsed<PkginUpgrade> {
  const common = commonFailure('pkgin', exitCode, stderr);
  if (common) return common;
  if (/You don't have enough rights for this operation/.test(`${stdout}\n${stderr}`)) {
    return parsedFailure('needs-privilege', 'pkgin needs root to refresh its package database here ("You don\'t have enough rights for this operation")');
  }
  if (exitCode !== 0) return parsedFailure('unparsed', `pkgin -n upgrade failed: ${failureText(exitCode, stderr)}`);
  const refused = refuseInput(stdout, 'pkgin -n upgrade');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'pkgin -n upgrade');
  const value: PkginUpgrade = { upgrades: [], refreshes: [], installs: [], removals: [], nothingToDo: false, toolsFirst: false };
  let section: Section | null = null;
  let totals: number[] | null = null;
  let recognised = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const heading = HEADING.exec(line);
    if (heading) {
      section = SECTIONS[heading[2]!] ?? null;
      recognised = true;
    } else if (!line) {
      section = null;
    } else if (section) {
      value[section].push(...line.split(/\s+/).map(splitPkgName));
    } else if (line === 'nothing to do.') {
      value.nothingToDo = recognised = true;
    } else if (TOTALS.test(line)) {
      totals = TOTALS.exec(line)!.slice(1).map(Number);
      recognised = true;
    } else if (line.startsWith('Package tools were upgraded')) {
      value.toolsFirst = recognised = true;
    } else if (/^calculating dependencies|^processing remote summary|to download|disk space will be/.test(line)) {
      recognised = true;
    } else skipped.push(skippedInput(`line ${index + 1}`, raw, 'not a heading, package list, totals or progress line of pkgin'));
  }
  if (!recognised) return parsedFailure('unparsed', `not pkgin -n upgrade output: ${JSON.stringify(firstLine(stdout).slice(0, 80))}`);
  if (totals) {
    const [remove, refresh, upgrade, install] = totals as [number, number, number, number];
    if (remove !== value.removals.length || refresh !== value.refreshes.length || upgrade !== value.upgrades.length || install !== value.installs.length) {
      warnings.push(`pkgin -n upgrade: the totals line (${remove} remove, ${refresh} refresh, ${upgrade} upgrade, ${install} install) does not match the lists read`);
    }
  } else if (!value.nothingToDo && !value.toolsFirst) {
    const result = parsedFailure<PkginUpgrade>('unparsed', 'pkgin -n upgrade ended before its totals line: the list of upgrades may be incomplete', value);
    return { ...result, warnings };
  }
  return parsedOk(value, warnings, skipped, 'pkgin -n upgrade');
}
