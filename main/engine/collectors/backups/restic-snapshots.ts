// `restic snapshots --json`: one JSON array, oldest first (restic 0.9–0.18;
// 0.17+ adds program_version and summary, ignored here). Every element must
// be a snapshot: an element that is not one makes the result unparsed (with
// the snapshots that were readable), never a shorter "ok" list.
import type { BackupParse, BackupSnapshot } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { isRecord, printable, rfc3339ToIso, stringArray } from './backup-text';

const SNAPSHOT_ID = /^[0-9a-f]{64}$/;

export function parseResticSnapshots(stdout: string): BackupParse<BackupSnapshot[]> {
  const text = stdout.trim();
  if (!text.startsWith('[')) return unparsed(`restic snapshots --json: expected a JSON array, got ${JSON.stringify(printable(text.slice(0, 60)))}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return unparsed(`restic snapshots --json: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(data)) return unparsed('restic snapshots --json: expected a JSON array');
  const snapshots: BackupSnapshot[] = [];
  const problems: string[] = [];
  data.forEach((item, index) => {
    const snapshot = parseResticSnapshotObject(item);
    if (typeof snapshot === 'string') problems.push(`element ${index}: ${snapshot}`);
    else snapshots.push(snapshot);
  });
  if (problems.length > 0) {
    return unparsed(`restic snapshots --json: ${problems.length} of ${data.length} elements are not snapshots (${problems.slice(0, 3).join('; ')})`, snapshots);
  }
  return { state: 'ok', value: sortByTime(snapshots), message: null };
}

/** One snapshot object as restic prints it (an element of `snapshots --json`, or the first line of `ls --json`); a string says why it is not one. */
export function parseResticSnapshotObject(item: unknown): BackupSnapshot | string {
  if (!isRecord(item)) return 'not an object';
  if (typeof item.id !== 'string' || !SNAPSHOT_ID.test(item.id)) return 'no 64-hex id';
  const time = typeof item.time === 'string' ? rfc3339ToIso(item.time) : null;
  if (!time) return `snapshot ${item.id.slice(0, 8)} has no RFC 3339 time`;
  const paths = stringArray(item.paths);
  if (!paths) return `snapshot ${item.id.slice(0, 8)} has no paths`;
  const tags = item.tags === undefined || item.tags === null ? [] : stringArray(item.tags);
  if (!tags) return `snapshot ${item.id.slice(0, 8)} has tags that are not strings`;
  return {
    id: item.id,
    time,
    paths: paths.map(printable),
    tags: tags.map(printable),
    hostname: typeof item.hostname === 'string' ? printable(item.hostname) : null,
  };
}

export function sortByTime(snapshots: BackupSnapshot[]): BackupSnapshot[] {
  return [...snapshots].sort((a, b) => a.time.localeCompare(b.time));
}
