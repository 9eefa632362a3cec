// Each restored file against its live copy, both hashed on the host:
// matched, mismatched (same age as the backup, different bytes: corruption),
// changed since the backup (the live file's mtime is after the snapshot:
// expected, not a failure), missing live, missing in the backup, or not
// restored (the restore itself failed or was stopped).
//
// Only the mtime decides "changed since": the ctime is recorded as evidence
// but changes on any metadata update (and cannot be set back), while a
// corruption that keeps the mtime — bit rot, or a write followed by
// `touch -d` — is exactly what a restore test is for.
import type { HashedFile } from '../collectors/backups/restore-test-output';

import type { RestoreClass } from '../../../preload/contract';

export type { RestoreClass };

export const RESTORE_CLASSES: RestoreClass[] = ['matched', 'changed-since-backup', 'mismatched', 'missing-live', 'missing-in-backup', 'not-restored'];

/** Classes that do not fail a test. */
export const PASSING_CLASSES: ReadonlySet<RestoreClass> = new Set(['matched', 'changed-since-backup']);

export function classifyFile(file: HashedFile, snapshotTime: string, restoreSucceeded: boolean): RestoreClass {
  if (file.restoredSha256 === null) return restoreSucceeded ? 'missing-in-backup' : 'not-restored';
  if (file.liveSha256 === null) return 'missing-live';
  if (file.restoredSha256 === file.liveSha256) return 'matched';
  if (file.liveMtime !== null && Date.parse(file.liveMtime) > Date.parse(snapshotTime)) return 'changed-since-backup';
  return 'mismatched';
}
