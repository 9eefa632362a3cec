// `restic ls --json SNAPSHOT` (0.14–0.18): JSON lines, the snapshot first
// ("struct_type":"snapshot"; Debian's 0.14.0 prints it too, a snapshot line
// without struct_type but with a tree is still taken for one), then one node
// per line. Only regular files are candidates for a restore test; a line that
// is not JSON makes the listing unparsed, never a shorter ok list.
// With `latest` for SNAPSHOT, restic picks the newest snapshot by time and its
// first line says which one it was (parseResticLsSnapshot).
import type { BackupParse, BackupSnapshot } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { isRecord, printable, rfc3339ToIso } from './backup-text';
import { parseResticSnapshotObject } from './restic-snapshots';

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
    if (index === 0 && isSnapshotLine(item)) {
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

function isSnapshotLine(item: Record<string, unknown>): boolean {
  return item.struct_type === 'snapshot' || (item.struct_type === undefined && 'tree' in item);
}

/**
 * The snapshot on the first line of `restic ls --json` (the same object as an
 * element of `restic snapshots --json`, plus struct_type), read as
 * parseResticSnapshots reads one, so that its id and time are the ones the
 * snapshots listing would give. Only that line is read; parseResticLs reads
 * the rest. restic 0.14 prints nothing at all, and exits 0, when `latest`
 * finds no snapshot ("Ignoring "latest", no snapshot matched" on stderr).
 */
export function parseResticLsSnapshot(stdout: string): BackupParse<BackupSnapshot> {
  const text = stdout.trimStart();
  const end = text.indexOf('\n');
  const line = (end < 0 ? text : text.slice(0, end)).trim();
  if (line.length === 0) return unparsed('restic ls --json: no output');
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    return unparsed(`restic ls --json: the first line is not JSON: ${JSON.stringify(printable(line.slice(0, 60)))}`);
  }
  if (!isRecord(item) || !isSnapshotLine(item)) return unparsed('restic ls --json: the first line is not the snapshot');
  const snapshot = parseResticSnapshotObject(item);
  if (typeof snapshot === 'string') return unparsed(`restic ls --json: the first line is not a snapshot restic snapshots would list: ${snapshot}`);
  return { state: 'ok', value: snapshot, message: null };
}
