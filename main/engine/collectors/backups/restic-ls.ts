// `restic ls --json SNAPSHOT` (0.14–0.18): JSON lines, the snapshot first
// ("struct_type":"snapshot" from 0.15; 0.14 prints it without struct_type),
// then one node per line. Only regular files are candidates for a restore
// test; a line that is not JSON makes the listing unparsed, never a shorter
// ok list.
import type { BackupParse } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { isRecord, printable, rfc3339ToIso } from './backup-text';

export interface SnapshotFile {
  path: string;
  size: number;
  /** ISO UTC of the file's mtime as backed up. */
  mtime: string | null;
}

export interface SnapshotListing {
  snapshotId: string | null;
  files: SnapshotFile[];
  /** Files left out as candidates: names with control characters cannot cross the line-based result. */
  skipped: number;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f]/;

export function parseResticLs(stdout: string): BackupParse<SnapshotListing> {
  const listing: SnapshotListing = { snapshotId: null, files: [], skipped: 0 };
  const lines = stdout.split('\n').filter((line) => line.trim().length > 0);
  if (lines.length === 0) return unparsed('restic ls --json: no output');
  for (const [index, line] of lines.entries()) {
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      return unparsed(`restic ls --json: line ${index + 1} is not JSON: ${JSON.stringify(printable(line.slice(0, 60)))}`, listing);
    }
    if (!isRecord(item)) return unparsed(`restic ls --json: line ${index + 1} is not an object`, listing);
    if (index === 0 && (item.struct_type === 'snapshot' || (item.struct_type === undefined && 'tree' in item))) {
      listing.snapshotId = typeof item.id === 'string' ? item.id : null;
      continue;
    }
    if (typeof item.path !== 'string' || typeof item.type !== 'string') return unparsed(`restic ls --json: line ${index + 1} has no path or type`, listing);
    if (item.type !== 'file') continue;
    if (UNSAFE_NAME.test(item.path) || !item.path.startsWith('/')) {
      listing.skipped++;
      continue;
    }
    listing.files.push({ path: item.path, size: typeof item.size === 'number' ? item.size : 0, mtime: typeof item.mtime === 'string' ? rfc3339ToIso(item.mtime) : null });
  }
  if (listing.snapshotId === null) return unparsed('restic ls --json: the first line is not the snapshot', listing);
  return { state: 'ok', value: listing, message: null };
}
