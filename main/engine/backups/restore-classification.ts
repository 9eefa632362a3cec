// Each restored file against its live copy, both hashed on the host:
// matched, mismatched (same age as the backup, different bytes: corruption),
// changed since the backup (the live file's mtime is after the snapshot:
// expected, not a failure), missing live, missing in the backup, or not
// restored (the restore itself failed or was stopped).
//
// Only the mtime decides "changed since", and only when it is after the
// latest moment the backup can have begun (borg gives that to the second: a
// change within that second cannot be told from one before it, and stays a
// mismatch). The ctime is recorded as evidence but changes on any metadata
// update (and cannot be set back), while a corruption that keeps the mtime —
// bit rot, or a write followed by `touch -d` — is exactly what a restore test
// is for.
import type { BackupSnapshot } from '../collectors/backups/backup-snapshot';
import type { HashedFile } from '../collectors/backups/restore-test-output';

import type { RestoreClass } from '../../../preload/contract';

export type { RestoreClass };

export const RESTORE_CLASSES: RestoreClass[] = ['matched', 'changed-since-backup', 'mismatched', 'missing-live', 'missing-in-backup', 'not-restored'];

/** Classes that do not fail a test. */
export const PASSING_CLASSES: ReadonlySet<RestoreClass> = new Set(['matched', 'changed-since-backup']);

export function classifyFile(file: HashedFile, snapshot: Pick<BackupSnapshot, 'time' | 'timeToTheSecond'>, restoreSucceeded: boolean): RestoreClass {
  if (file.restoredSha256 === null) return restoreSucceeded ? 'missing-in-backup' : 'not-restored';
  if (file.liveSha256 === null) return 'missing-live';
  if (file.restoredSha256 === file.liveSha256) return 'matched';
  const latestStart = Date.parse(snapshot.time) + (snapshot.timeToTheSecond ? 999 : 0);
  if (file.liveMtime !== null && Date.parse(file.liveMtime) > latestStart) return 'changed-since-backup';
  return 'mismatched';
}
