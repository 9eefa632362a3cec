// `borg list --json-lines ::ARCHIVE` (borg 1.2/1.4): one JSON object per
// item, paths relative to / (borg strips the leading slash), type "-" for a
// regular file, mtime in local time without zone (read as UTC, see
// backup-text.ts). Only regular files are restore-test candidates; a line
// that is not JSON makes the listing unparsed, never a shorter ok list.
import type { BackupParse } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { borgTimeToIso, isRecord, printable } from './backup-text';
import type { SnapshotListing } from './restic-ls';

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f]/;

export function parseBorgFileList(stdout: string): BackupParse<SnapshotListing> {
  const listing: SnapshotListing = { snapshotId: null, files: [], skipped: 0 };
  const lines = stdout.split('\n').filter((line) => line.trim().length > 0);
  for (const [index, line] of lines.entries()) {
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      return unparsed(`borg list --json-lines: line ${index + 1} is not JSON: ${JSON.stringify(printable(line.slice(0, 60)))}`, listing);
    }
    if (!isRecord(item) || typeof item.path !== 'string' || typeof item.type !== 'string') return unparsed(`borg list --json-lines: line ${index + 1} has no path or type`, listing);
    if (item.type !== '-') continue;
    const path = `/${item.path.replace(/^\/+/, '')}`;
    if (UNSAFE_NAME.test(path) || item.path.length === 0) {
      listing.skipped++;
      continue;
    }
    listing.files.push({ path, size: typeof item.size === 'number' ? item.size : 0, mtime: typeof item.mtime === 'string' ? borgTimeToIso(item.mtime) : null });
  }
  return { state: 'ok', value: listing, message: null };
}
