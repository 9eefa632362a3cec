// `findmnt -J` (util-linux 2.38): the mount tree as JSON, default columns
// TARGET SOURCE FSTYPE OPTIONS, each mount's submounts nested as "children"
// (3-space framing as lsblk). SOURCE names a bind mount or btrfs subvolume
// as `/dev/sda1[/subvol]`; pseudo filesystems name themselves (proc, tmpfs).
// Flattened here, in findmnt's order.
import { commonFailure, parsedFailure, parsedOk, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { failureText } from './command-failure';
import { isRecord, readJsonOutput } from './json-output';

export interface MountEntry {
  target: string;
  /** SOURCE as printed. */
  source: string | null;
  /** SOURCE without a `[/path]` suffix: the device or the pseudo source. */
  device: string | null;
  /** The `[/path]` inside the source filesystem, when findmnt printed one. */
  sourcePath: string | null;
  fstype: string | null;
  options: string[];
}

const MAX_DEPTH = 64;
const MAX_MOUNTS = 50_000;

export function parseFindmntJson(stdout: string, stderr: string, exitCode: number | null): Parsed<MountEntry[]> {
  const common = commonFailure('findmnt', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `findmnt failed: ${failureText(exitCode, stderr, stdout)}`);
  if (stdout.trim() === '') return parsedOk([], ['findmnt printed nothing']);
  const json = readJsonOutput(stdout, 'findmnt', 'findmnt -J');
  if ('failure' in json) return json.failure;
  const list = isRecord(json.document) ? json.document.filesystems : undefined;
  if (!Array.isArray(list)) return parsedFailure('unparsed', 'not findmnt -J output: the JSON has no "filesystems" array');
  const mounts: MountEntry[] = [];
  const warnings: string[] = [];
  const skipped: SkippedInput[] = [];
  const walk = (items: unknown[], depth: number, at: string): void => {
    if (depth >= MAX_DEPTH) {
      skipped.push(skippedInput(at, JSON.stringify(items).slice(0, 300), `mount tree deeper than ${MAX_DEPTH} levels: not read`));
      return;
    }
    for (const [index, item] of items.entries()) {
      if (mounts.length >= MAX_MOUNTS) {
        skipped.push(skippedInput(`${at}[${index}]`, '', `more than ${MAX_MOUNTS} mounts: the rest was not read`));
        return;
      }
      if (!isRecord(item) || typeof item.target !== 'string') {
        skipped.push(skippedInput(`${at}[${index}]`, JSON.stringify(item)?.slice(0, 300) ?? String(item), 'a mount entry without a TARGET'));
        continue;
      }
      mounts.push(mountEntry(item.target, item));
      if (Array.isArray(item.children)) walk(item.children, depth + 1, `${at}[${index}].children`);
    }
  };
  walk(list, 0, 'filesystems');
  if (mounts.length === 0 && skipped.length > 0) return parsedFailure('unparsed', 'not findmnt -J output: no entry of "filesystems" has a TARGET');
  return parsedOk(mounts, warnings, skipped, 'findmnt -J');
}

function mountEntry(target: string, item: Record<string, unknown>): MountEntry {
  const source = typeof item.source === 'string' && item.source ? item.source : null;
  const open = source && source.endsWith(']') ? source.indexOf('[') : -1;
  return {
    target,
    source,
    device: source && open >= 0 ? source.slice(0, open) || null : source,
    sourcePath: source && open >= 0 ? source.slice(open + 1, -1) : null,
    fstype: typeof item.fstype === 'string' && item.fstype ? item.fstype : null,
    options: typeof item.options === 'string' ? item.options.split(',').filter(Boolean) : [],
  };
}
