// The restore-test script reports each live file's mtime and ctime with
// nanoseconds (stat %.9Y): a file changed in the same second as the snapshot
// is still told apart from one whose bytes changed under an older mtime
// (unless the tool gives the snapshot's time only to the second, as borg does).
import { expect, test } from 'vitest';
import { classifyFile } from '../../../main/engine/backups/restore-classification';
import { parseRestoreTestOutput } from '../../../main/engine/collectors/backups/restore-test-output';

const restored = 'a'.repeat(64);
const live = 'b'.repeat(64);
const output = (mtime: string, ctime: string) => `scratch\t/var/tmp/opsdeck-restore.1\nrestore\t0\nfile\t${restored}\t${live}\t7\t${mtime}\t${ctime}\t/srv/canary.txt\n`;

test('times with nanoseconds are read to the millisecond; whole seconds (an older stat) still read', () => {
  const precise = parseRestoreTestOutput(output('1796514655.956638701', '1796514656.000000001'), ['/srv/canary.txt']);
  expect(precise.state).toBe('ok');
  expect(precise.value!.files[0]).toMatchObject({ liveMtime: '2026-12-05T23:50:55.956Z', liveCtime: '2026-12-05T23:50:56.000Z' });
  const whole = parseRestoreTestOutput(output('1796514655', '1796514655'), ['/srv/canary.txt']);
  expect(whole.value!.files[0]!.liveMtime).toBe('2026-12-05T23:50:55.000Z');
  // Exact to the millisecond where floating point would lose one.
  const exact = parseRestoreTestOutput(output('1796514655.956000000', '1796514655.001'), ['/srv/canary.txt']);
  expect(exact.value!.files[0]).toMatchObject({ liveMtime: '2026-12-05T23:50:55.956Z', liveCtime: '2026-12-05T23:50:55.001Z' });
});

test('a malformed time is named, not read as zero', () => {
  for (const bad of ['1796514655.', '.5', '1796514655.1234567890', '17e8', '-1']) {
    const parsed = parseRestoreTestOutput(output(bad, '1796514655'), ['/srv/canary.txt']);
    expect(parsed.state, bad).toBe('unparsed');
    expect(parsed.message).toMatch(/line 3 has a malformed field/);
  }
});

test('different bytes: changed since the backup when the mtime is after the snapshot, even within its second; mismatched when not', () => {
  const snapshot = { time: '2026-12-05T23:50:55.300Z' };
  const file = (liveMtime: string) => ({ path: '/srv/canary.txt', restoredSha256: restored, liveSha256: live, restoredBytes: 7, liveMtime, liveCtime: liveMtime });
  expect(classifyFile(file('2026-12-05T23:50:55.956Z'), snapshot, true)).toBe('changed-since-backup');
  expect(classifyFile(file('2026-12-05T23:50:55.100Z'), snapshot, true)).toBe('mismatched');
  expect(classifyFile(file('2026-12-05T23:50:55.300Z'), snapshot, true)).toBe('mismatched');
});

test('a snapshot time given to the second (borg): a change within that second stays a mismatch; one in a later second is a change', () => {
  const snapshot = { time: '2026-12-05T23:50:55.000Z', timeToTheSecond: true as const };
  const file = (liveMtime: string) => ({ path: '/srv/canary.txt', restoredSha256: restored, liveSha256: live, restoredBytes: 7, liveMtime, liveCtime: liveMtime });
  expect(classifyFile(file('2026-12-05T23:50:55.956Z'), snapshot, true)).toBe('mismatched');
  expect(classifyFile(file('2026-12-05T23:50:56.000Z'), snapshot, true)).toBe('changed-since-backup');
});
