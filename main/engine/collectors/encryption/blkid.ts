// `blkid` (util-linux 2.38): one line per probed device,
// `/dev/sda1: UUID="…" BLOCK_SIZE="4096" TYPE="ext4" PARTUUID="…"`, values
// double-quoted with `"` and `\` escaped by a backslash. Exit 2 with no
// output means no device carried a known signature. Used only where lsblk's
// FSTYPE/UUID are empty (no udev database): blkid probes the devices itself
// when run as root, and only prints its cache otherwise.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface BlkidEntry {
  device: string;
  type: string | null;
  uuid: string | null;
  tags: Record<string, string>;
}

const TAG = /([A-Z_][A-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseBlkid(stdout: string, stderr: string, exitCode: number | null): Parsed<BlkidEntry[]> {
  const common = commonFailure('blkid', exitCode, stderr);
  if (common) return common;
  if (exitCode === 2 && stdout.trim() === '') return parsedOk([], ['blkid found no device with a known signature']);
  if (exitCode !== 0) return parsedFailure('unparsed', `blkid failed: ${failureText(exitCode, stderr, stdout)}`);
  const refused = refuseInput(stdout, 'blkid');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'blkid');
  const entries: BlkidEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(': ');
    if (colon <= 0 || !line.startsWith('/')) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not a "/dev/…: TAG="value" …" line'));
      continue;
    }
    const tags: Record<string, string> = {};
    for (const match of line.slice(colon + 2).matchAll(TAG)) tags[match[1]!] = match[2]!.replace(/\\(.)/g, '$1');
    entries.push({ device: line.slice(0, colon), type: tags.TYPE ?? null, uuid: tags.UUID ?? null, tags });
  }
  if (skipped.length > entries.length) return parsedFailure('unparsed', `not blkid output: ${skipped.length} of ${skipped.length + entries.length} lines are not "/dev/…: TAG=…" lines`);
  return parsedOk(entries, warnings, skipped, 'blkid');
}
