// What differs between restic and borg in a restore test: how snapshots are
// listed and addressed (restic by id; borg 1.x by archive name), how one
// snapshot's files are listed, the restore script, and which exit status
// of the restore means it completed (borg's 1 is a warning, e.g. a path
// that was not in the archive — that file is then "missing in the backup").
// restic can also list its newest snapshot in one start (`ls latest`, which
// names the snapshot first); borg 1.x cannot list an archive's files without
// its name, so it always lists archives first.
import type { BackupParse, BackupSnapshot } from '../collectors/backups/backup-snapshot';
import { parseBorgList } from '../collectors/backups/borg-json';
import { parseBorgFileList } from '../collectors/backups/borg-file-list';
import { parseResticLs, parseResticLsSnapshot, type SnapshotListing } from '../collectors/backups/restic-ls';
import { parseResticSnapshots } from '../collectors/backups/restic-snapshots';
import {
  borgArchiveSnapshotsCommand,
  borgFileListCommand,
  borgRestoreTestCommand,
  resticLsCommand,
  resticLsLatestCommand,
  resticRestoreTestCommand,
  resticSnapshotsCommand,
} from '../collectors/backups/restore-test-commands';

export interface RestoreTestTool {
  tool: 'restic' | 'borg';
  snapshotsCommand: (envFile: string) => string;
  parseSnapshots: (stdout: string) => BackupParse<BackupSnapshot[]>;
  /** null when the snapshot cannot be addressed (a borg archive without a usable name). */
  listCommand: (envFile: string, snapshot: BackupSnapshot) => string | null;
  parseListing: (stdout: string) => BackupParse<SnapshotListing>;
  restoreCommand: (envFile: string, snapshot: BackupSnapshot, files: string[]) => string;
  restoreCompleted: (exit: number) => boolean;
  /** The newest snapshot's listing in one command, its output starting with that snapshot; null when the tool has none. */
  latest: {
    listCommand: (envFile: string) => string;
    /** The snapshot the listing is of (read like one from snapshotsCommand); parseListing reads its files. */
    parseSnapshot: (stdout: string) => BackupParse<BackupSnapshot>;
  } | null;
}

const restic: RestoreTestTool = {
  tool: 'restic',
  snapshotsCommand: resticSnapshotsCommand,
  parseSnapshots: parseResticSnapshots,
  listCommand: (envFile, snapshot) => resticLsCommand(envFile, snapshot.id),
  parseListing: parseResticLs,
  restoreCommand: (envFile, snapshot, files) => resticRestoreTestCommand(envFile, snapshot.id, files),
  restoreCompleted: (exit) => exit === 0,
  latest: { listCommand: resticLsLatestCommand, parseSnapshot: parseResticLsSnapshot },
};

const borg: RestoreTestTool = {
  tool: 'borg',
  snapshotsCommand: borgArchiveSnapshotsCommand,
  parseSnapshots: parseBorgList,
  listCommand: (envFile, snapshot) => {
    try {
      return snapshot.name ? borgFileListCommand(envFile, snapshot.name) : null;
    } catch {
      return null;
    }
  },
  parseListing: parseBorgFileList,
  restoreCommand: (envFile, snapshot, files) => borgRestoreTestCommand(envFile, snapshot.name ?? '', files),
  restoreCompleted: (exit) => exit === 0 || exit === 1,
  latest: null,
};

export function restoreTestTool(tool: 'restic' | 'borg'): RestoreTestTool {
  return tool === 'borg' ? borg : restic;
}
