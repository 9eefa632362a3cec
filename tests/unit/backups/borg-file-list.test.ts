// `borg list --json-lines ::ARCHIVE` as borg 1.2.4 prints it: regular files
// become absolute restore-test candidates; anything not JSON is unparsed.
import { describe, expect, test } from 'vitest';
import { parseBorgFileList } from '../../../main/engine/collectors/backups/borg-file-list';
import { borgFileListCommand, borgRestoreTestCommand } from '../../../main/engine/collectors/backups/restore-test-commands';

const OUTPUT = [
  '{"type": "d", "mode": "drwxr-xr-x", "user": "root", "group": "root", "uid": 0, "gid": 0, "path": "tmp/ichk/live", "healthy": true, "source": "", "linktarget": "", "flags": 0, "size": 0, "mtime": "2026-12-04T18:56:03.748836"}',
  '{"type": "-", "mode": "-rw-r--r--", "user": "root", "group": "root", "uid": 0, "gid": 0, "path": "tmp/ichk/live/f1", "healthy": true, "source": "", "linktarget": "", "flags": 0, "size": 20000, "mtime": "2026-12-04T18:56:02.980836"}',
  '{"type": "-", "mode": "-rw-r--r--", "user": "root", "group": "root", "uid": 0, "gid": 0, "path": "tmp/ichk/live/bad\\u001bname", "healthy": true, "source": "", "linktarget": "", "flags": 0, "size": 1, "mtime": "2026-12-04T18:56:02.980836"}',
].join('\n');

describe('borg list --json-lines', () => {
  test('regular files with absolute paths, sizes and UTC mtimes; names with control characters left out and counted', () => {
    const parsed = parseBorgFileList(`${OUTPUT}\n`);
    expect(parsed.state).toBe('ok');
    expect(parsed.value).toEqual({ snapshotId: null, files: [{ path: '/tmp/ichk/live/f1', size: 20000, mtime: '2026-12-04T18:56:02.980Z' }], skipped: 1 });
  });

  test('a line that is not JSON makes the listing unparsed, naming the line', () => {
    expect(parseBorgFileList(`${OUTPUT}\nnot json\n`)).toMatchObject({ state: 'unparsed', message: expect.stringMatching(/line 4 is not JSON/) });
  });

  test('archive names reach the host as one quoted argument; control characters and :: are refused', () => {
    expect(borgFileListCommand('/etc/backup/borg.env', "db1-it's")).toMatch(/ borg list --json-lines --bypass-lock '::db1-it'\\''s'$/);
    expect(() => borgRestoreTestCommand('/etc/backup/borg.env', 'a\u001bb', ['/x'])).toThrow(/not a borg archive name/);
    expect(() => borgFileListCommand('/etc/backup/borg.env', 'repo::other')).toThrow(/not a borg archive name/);
  });
});
