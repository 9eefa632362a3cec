// /proc/swaps (Linux swap_show()): a header `Filename Type Size Used
// Priority`, then one line per active swap area. The path is padded with
// spaces to 40 columns and seq_file escapes space, tab, newline and
// backslash as \040 \011 \012 \134; sizes are KiB. A device appears under
// its kernel name (/dev/dm-1, not /dev/mapper/…); a swap file under its path.
import { parsedFailure, parsedOk, skippedInput, type Parsed } from '../parse-result';
import { catFailure, failureText, isMissingFile } from './command-failure';
import { outputLines } from '../output-lines';

export interface SwapArea {
  path: string;
  /** partition (a block device) or file. */
  type: string;
  sizeBytes: number | null;
  usedBytes: number | null;
  priority: number | null;
}

export function parseProcSwaps(stdout: string, stderr: string, exitCode: number | null): Parsed<SwapArea[]> {
  if (isMissingFile(exitCode, stderr)) return parsedFailure('unsupported', `/proc/swaps is not there (no procfs, or not Linux): ${failureText(exitCode, stderr)}`);
  const failure = catFailure('/proc/swaps', stdout, stderr, exitCode);
  if (failure) return failure;
  const { lines, warnings, skipped } = outputLines(stdout, '/proc/swaps');
  const areas: SwapArea[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || /^Filename\s+Type\s+Size/.test(line)) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || !fields[0]!.startsWith('/')) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not a "Filename Type Size Used Priority" row'));
      continue;
    }
    const [path, type, size, used, priority] = fields.slice(-5) as [string, string, string, string, string];
    // Only an unescaped path could hold spaces, and the kernel escapes them.
    areas.push({
      path: unescapeOctal(fields.length === 5 ? path : fields.slice(0, -4).join(' ')),
      type,
      sizeBytes: kib(size),
      usedBytes: kib(used),
      priority: /^-?\d+$/.test(priority) ? Number(priority) : null,
    });
  }
  if (skipped.length > areas.length) return parsedFailure('unparsed', `not /proc/swaps: ${skipped.length} of ${skipped.length + areas.length} lines are not swap rows`);
  return parsedOk(areas, warnings, skipped, '/proc/swaps');
}

function kib(value: string): number | null {
  return /^\d{1,15}$/.test(value) ? Number(value) * 1024 : null;
}

/** seq_file's \ooo escapes (also used by /proc/mounts). */
export function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
