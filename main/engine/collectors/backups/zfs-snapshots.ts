// `zfs list -t snapshot -Hp -o name,creation -d 1 DATASET` (illumos zfs(8)):
// tab-separated, no header, creation in epoch seconds (-p). The replication
// snapshots of a dataset, oldest first as zfs sorts them by creation.
import type { BackupParse, BackupSnapshot } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { printable } from './backup-text';
import { sortByTime } from './restic-snapshots';

export function parseZfsSnapshots(stdout: string, dataset: string): BackupParse<BackupSnapshot[]> {
  const snapshots: BackupSnapshot[] = [];
  const lines = stdout
    .replace(/\r/g, '')
    .split('\n')
    .filter((line) => line.length > 0);
  for (const [index, line] of lines.entries()) {
    const match = /^([^\t@]+)@([^\t]+)\t(\d+)$/.exec(line);
    if (!match) return unparsed(`zfs list: line ${index + 1} ${JSON.stringify(printable(line.slice(0, 80)))} is not NAME@SNAP<tab>EPOCH`, snapshots);
    if (match[1] !== dataset) return unparsed(`zfs list: line ${index + 1} is a snapshot of ${printable(match[1]!)}, not of ${dataset}`, snapshots);
    snapshots.push({ id: printable(`${match[1]}@${match[2]}`), time: new Date(Number(match[3]) * 1000).toISOString(), paths: [dataset], tags: [], hostname: null });
  }
  return { state: 'ok', value: sortByTime(snapshots), message: null };
}
