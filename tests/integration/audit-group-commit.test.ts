// The audit log's group commit: entries that arrive together share one write
// and one fsync, yet each append resolves only once its own entry is on disk,
// in the order appended, and an entry that cannot be built fails alone.
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { AuditLog } from '../../main/engine/audit/audit-log';
import { verifyAuditLog } from '../../main/engine/audit/verify-audit-log';

const operator = { login: 'jdoe', displayName: 'Jane Doe' };
let dir = '';
let path = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-audit-group-'));
  path = join(dir, 'audit.log');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

test('500 appends at once take far fewer fsyncs, and each resolves only after its line is in the file', async () => {
  const probe = await open(join(dir, 'probe'), 'w');
  const fileHandleProto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
  await probe.close();
  const sync = vi.spyOn(fileHandleProto, 'sync');
  const log = await AuditLog.open(path, operator);
  const onDiskAtResolve: boolean[] = [];
  const appends = Array.from({ length: 500 }, (_, index) =>
    log.append('test.entry', { index }).then((entry) => {
      onDiskAtResolve.push(new RegExp(`"seq":${entry.seq}[,}]`).test(readFileSync(path, 'utf8')));
      return entry;
    }),
  );
  const entries = await Promise.all(appends);
  await log.close();

  expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 500 }, (_, index) => index + 1));
  expect(entries.map((entry) => entry.index)).toEqual(Array.from({ length: 500 }, (_, index) => index));
  expect(onDiskAtResolve).toHaveLength(500);
  expect(onDiskAtResolve.every(Boolean)).toBe(true);
  expect(sync.mock.calls.length).toBeGreaterThan(0);
  expect(sync.mock.calls.length).toBeLessThan(50);
  const verified = verifyAuditLog(readFileSync(path, 'utf8'));
  expect(verified).toMatchObject({ ok: true, entries: 500 });
});

test('an entry whose fields cannot be serialised is refused alone; the entries around it are written and chained', async () => {
  const log = await AuditLog.open(path, operator);
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const results = await Promise.allSettled([log.append('test.entry', { n: 1 }), log.append('test.entry', { bad: circular }), log.append('test.entry', { n: 3 })]);
  await log.close();
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const verified = verifyAuditLog(readFileSync(path, 'utf8'));
  expect(verified).toMatchObject({ ok: true, entries: 2 });
});
