// borg 1.2/1.4 `list --json` (archives, encryption, repository) and
// `info --json --last 1` (the same plus cache stats and, for the newest
// archive, its command line: which paths it backed up). Pretty-printed
// JSON; times are local without zone (see borgTimeToIso).
import type { BackupParse, BackupSnapshot } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { borgTimeToIso, isRecord, printable, stringArray } from './backup-text';
import { sortByTime } from './restic-snapshots';

export interface BorgRepositoryInfo {
  location: string | null;
  /** `none`, `authenticated`, `repokey`, `repokey-blake2`, `keyfile`… */
  encryption: string;
  lastModified: string | null;
  /** The newest archive with the paths of its `borg create` command line, when info had one. */
  newest: BackupSnapshot | null;
}

function parseObject(stdout: string, what: string): Record<string, unknown> | string {
  const text = stdout.trim();
  if (!text.startsWith('{')) return `${what}: expected a JSON object, got ${JSON.stringify(printable(text.slice(0, 60)))}`;
  try {
    const data: unknown = JSON.parse(text);
    return isRecord(data) ? data : `${what}: expected a JSON object`;
  } catch (error) {
    return `${what}: not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function parseBorgList(stdout: string): BackupParse<BackupSnapshot[]> {
  const data = parseObject(stdout, 'borg list --json');
  if (typeof data === 'string') return unparsed(data);
  if (!Array.isArray(data.archives)) return unparsed('borg list --json: no "archives" array');
  const archives: BackupSnapshot[] = [];
  const problems: string[] = [];
  data.archives.forEach((item: unknown, index: number) => {
    const archive = borgArchive(item, []);
    if (typeof archive === 'string') problems.push(`archive ${index}: ${archive}`);
    else archives.push(archive);
  });
  if (problems.length > 0) return unparsed(`borg list --json: ${problems.length} of ${data.archives.length} archives unreadable (${problems.slice(0, 3).join('; ')})`, archives);
  return { state: 'ok', value: sortByTime(archives), message: null };
}

export function parseBorgInfo(stdout: string): BackupParse<BorgRepositoryInfo> {
  const data = parseObject(stdout, 'borg info --json');
  if (typeof data === 'string') return unparsed(data);
  const mode = isRecord(data.encryption) && typeof data.encryption.mode === 'string' ? data.encryption.mode : null;
  if (mode === null) return unparsed('borg info --json: no encryption.mode');
  if (!isRecord(data.repository)) return unparsed('borg info --json: no repository');
  // borg info always prints the cache's statistics; borg list --json (same encryption and repository) does not.
  if (!isRecord(data.cache)) return unparsed('borg info --json: no "cache" statistics (borg list --json output?)');
  const repository = data.repository;
  let newest: BackupSnapshot | null = null;
  if (data.archives !== undefined) {
    if (!Array.isArray(data.archives)) return unparsed('borg info --json: "archives" is not an array');
    const last: unknown = data.archives[data.archives.length - 1];
    if (last !== undefined) {
      const archive = borgArchive(last, createPaths(isRecord(last) ? last.command_line : undefined));
      if (typeof archive === 'string') return unparsed(`borg info --json: newest archive: ${archive}`);
      newest = archive;
    }
  }
  return {
    state: 'ok',
    message: null,
    value: {
      location: typeof repository.location === 'string' ? printable(repository.location) : null,
      encryption: printable(mode),
      lastModified: typeof repository.last_modified === 'string' ? borgTimeToIso(repository.last_modified) : null,
      newest,
    },
  };
}

function borgArchive(item: unknown, paths: string[]): BackupSnapshot | string {
  if (!isRecord(item)) return 'not an object';
  const id = typeof item.id === 'string' && /^[0-9a-f]{64}$/.test(item.id) ? item.id : null;
  if (!id) return 'no 64-hex id';
  const started = typeof item.start === 'string' ? item.start : typeof item.time === 'string' ? item.time : null;
  const time = started ? borgTimeToIso(started) : null;
  if (!time) return `archive ${id.slice(0, 8)} has no start time`;
  // borg has no tags: a restore-test job names its archives `…-restore-test-…` (see backup-facts.ts).
  const tags = typeof item.name === 'string' && /(^|-)restore-test(-|$)/.test(item.name) ? ['restore-test'] : [];
  const hostname = typeof item.hostname === 'string' ? printable(item.hostname) : null;
  const toTheSecond = /T\d{2}:\d{2}:\d{2}(?:\.0*)?$/.test(started!);
  return { id, time, ...(toTheSecond ? { timeToTheSecond: true as const } : {}), paths: paths.map(printable), tags, hostname, ...(typeof item.name === 'string' ? { name: item.name } : {}) };
}

/**
 * The paths of `borg create [options] ::ARCHIVE PATH…` from an archive's
 * command_line: the words after the archive that are not options.
 */
export function createPaths(commandLine: unknown): string[] {
  const words = stringArray(commandLine);
  if (!words) return [];
  const archiveIndex = words.findIndex((word) => word.includes('::'));
  if (archiveIndex < 0) return [];
  return words.slice(archiveIndex + 1).filter((word) => word.startsWith('/'));
}
