// `debsecan --format detail` (debsecan 0.4.20, bookworm and trixie). One
// block per (vulnerability, installed binary package), blank line after:
//   CVE-2023-4911 (fixed, high urgency)
//     <description …>
//     installed: libc6 2.36-9+deb12u1
//                (built from glibc 2.36-9+deb12u1)
//     fixed in unstable: glibc 2.37-12 (source package)
//     fixed on branch:   glibc 2.36-9+deb12u3 (source package)
//     fix is available for the selected suite (bookworm)
// Notes may be absent. The same CVE repeats once per binary package. Without
// network debsecan prints `error: while downloading …` and exits 1.
import { commonFailure, firstLine, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface DebsecanEntry {
  /** CVE-… or a tracker TEMP-… id. */
  id: string;
  package: string;
  installed: string | null;
  sourcePackage: string | null;
  /** The "fixed on branch" version (the last one when several branches are listed). */
  fixedVersion: string | null;
  /** A fix exists in the suite debsecan was configured for. */
  fixAvailable: boolean;
  urgency: 'low' | 'medium' | 'high' | null;
  remotelyExploitable: boolean;
  obsolete: boolean;
}

export interface DebsecanReport {
  entries: DebsecanEntry[];
}

const HEADER = /^((?:CVE|TEMP)-[0-9A-Za-z-]+)(?: \((.*)\))?\s*$/;

export function parseDebsecanDetail(stdout: string, stderr: string, exitCode: number | null): Parsed<DebsecanReport> {
  const common = commonFailure('debsecan', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) {
    const line = firstLine(stderr);
    if (/^error: while downloading/.test(line)) {
      const reason =
        stderr
          .split('\n')
          .map((each) => each.trim())
          .filter(Boolean)[1] ?? line;
      return parsedFailure('unsupported', `debsecan could not download the vulnerability list from security-tracker.debian.org: ${reason}`);
    }
    // debsecan's own refusals ("error: --only-fixed requires --suite", …).
    if (/^error: /.test(line)) return parsedFailure('unsupported', `debsecan refused to run: ${line.slice('error: '.length)}`);
    return parsedFailure('unparsed', `debsecan failed: ${failureText(exitCode, stderr)}`);
  }
  const refused = refuseInput(stdout, 'debsecan');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'debsecan');
  const entries: DebsecanEntry[] = [];
  let current: DebsecanEntry | null = null;
  for (const [index, line] of lines.entries()) {
    const header = HEADER.exec(line);
    if (header) {
      current = entryFromHeader(header[1]!, header[2] ?? '');
      entries.push(current);
      continue;
    }
    if (!line.trim()) continue;
    if (!current || !line.startsWith(' ')) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'outside a "CVE-… (…)" entry'));
      continue;
    }
    readDetailLine(current, line.trim());
  }
  const unnamed = entries.filter((entry) => !entry.package).length;
  if (unnamed) warnings.push(`debsecan: ${unnamed} entr(y/ies) without an "installed:" line`);
  if (skipped.length > entries.length) return parsedFailure('unparsed', `not debsecan --format detail output: ${firstLine(stdout).slice(0, 80)}`);
  return parsedOk({ entries: entries.filter((entry) => entry.package) }, warnings, skipped, 'debsecan');
}

function entryFromHeader(id: string, notesText: string): DebsecanEntry {
  const notes = notesText.split(',').map((note) => note.trim());
  const urgency = notes.map((note) => /^(low|medium|high) urgency$/.exec(note)?.[1]).find(Boolean) as DebsecanEntry['urgency'] | undefined;
  return {
    id,
    package: '',
    installed: null,
    sourcePackage: null,
    fixedVersion: null,
    fixAvailable: notes.includes('fixed'),
    urgency: urgency ?? null,
    remotelyExploitable: notes.includes('remotely exploitable'),
    obsolete: notes.includes('obsolete'),
  };
}

function readDetailLine(entry: DebsecanEntry, text: string): void {
  let match = /^installed: (\S+)(?: (\S+))?/.exec(text);
  if (match) {
    entry.package = match[1]!;
    entry.installed = match[2] ?? null;
    return;
  }
  match = /^\(built from (\S+)(?: (\S+))?\)/.exec(text);
  if (match) {
    entry.sourcePackage = match[1]!;
    return;
  }
  match = /^fixed on branch:\s+\S+ (\S+)/.exec(text);
  if (match) {
    entry.fixedVersion = match[1]!;
    return;
  }
  if (text.startsWith('fix is available for the selected suite')) entry.fixAvailable = true;
  else if (text === 'package is obsolete') entry.obsolete = true;
}
