// Raw outputs are stored once by content (output_blobs, migration 12): a
// second scan of an unchanged host adds no output bytes, every result still
// reads its own outputs exactly, and a store written before migration 12
// keeps every output it held.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { HostScanDetail } from '../../../preload/contract';
import { migrate, MIGRATIONS } from '../../../main/engine/store/migrations';
import { openPgliteClient } from '../../../main/engine/store/pglite-client';
import { ScanStore } from '../../../main/engine/store/scan-store';

const dirs: string[] = [];
async function freshStoreDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-blobs-'));
  dirs.push(dir);
  return join(dir, 'store');
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function result(runId: string, host: string, finishedAt: string, stdout: string): HostScanDetail {
  return {
    runId,
    host,
    dc: 'nj',
    phase: 'done',
    reason: null,
    startedAt: finishedAt,
    finishedAt,
    detectedOs: 'debian',
    identity: null,
    findings: [],
    facts: {},
    findingCounts: {},
    outputs: [
      { id: 'identity.os-release', command: 'env LC_ALL=C cat /etc/os-release', stdout, stderr: '', exitCode: 0, durationMs: 3, error: null },
      { id: 'identity.uname', command: 'env LC_ALL=C uname -r', stdout: `${host}\n`, stderr: 'warning\n', exitCode: 0, durationMs: 2, error: null },
    ],
  };
}

const blobStats = async (sql: Awaited<ReturnType<typeof openPgliteClient>>) =>
  (await sql.query<{ blobs: number; bytes: number }>('SELECT count(*)::int AS blobs, coalesce(sum(octet_length(bytes)), 0)::int AS bytes FROM output_blobs'))[0]!;

test('a second unchanged scan adds references, not bytes; a 3 MiB output is stored once and pages back exactly', async () => {
  const sql = await openPgliteClient(await freshStoreDir());
  await migrate(sql);
  const store = new ScanStore(sql);
  const big = 'x'.repeat(3 * 1024 * 1024 - 7) + 'the end';
  const afterEachRun: Awaited<ReturnType<typeof blobStats>>[] = [];
  for (const [runId, at] of [
    ['r1', '2026-12-01T00:00:00.000Z'],
    ['r2', '2026-12-02T00:00:00.000Z'],
  ] as const) {
    await store.beginRun({ runId, startedAt: at, scope: { kind: 'fleet' }, operator: 'jdoe', fleet: 'demo', total: 2 });
    await store.saveHostResult(result(runId, 'a.nj', at, big));
    await store.saveHostResult(result(runId, 'b.nj', at, 'ID=debian\n'));
    afterEachRun.push(await blobStats(sql));
  }
  // big, "ID=debian", "a.nj", "b.nj", "warning", and the empty stderr after r1; nothing new from r2.
  const onceEach = { blobs: 6, bytes: big.length + 'ID=debian\n'.length + 'a.nj\n'.length + 'b.nj\n'.length + 'warning\n'.length };
  expect(afterEachRun).toEqual([onceEach, onceEach]);
  expect(onceEach.bytes).toBe(big.length + 10 + 5 + 5 + 8);
  const detail = await store.latestHostDetail('a.nj');
  expect(detail?.runId).toBe('r2');
  expect(detail?.outputs.map((output) => [output.stdoutBytes, output.stderr])).toEqual([
    [big.length, ''],
    [5, 'warning\n'],
  ]);
  const tail = await store.rawOutputPage('r1', 'a.nj', 0, 'stdout', big.length - 7, 1024);
  expect(tail?.bytes.toString()).toBe('the end');
  expect((await store.rawOutputPage('r2', 'b.nj', 1, 'stderr', 0, 100))?.bytes.toString()).toBe('warning\n');
  await sql.close();
});

test('migration 12 moves the outputs of an existing store into output_blobs, byte for byte', async () => {
  const sql = await openPgliteClient(await freshStoreDir());
  await migrate(
    sql,
    MIGRATIONS.filter((migration) => migration.version < 12),
  );
  await sql.query(`INSERT INTO scan_runs (run_id, started_at, scope, operator, fleet, total) VALUES ('old', now(), '{"kind":"fleet"}', 'jdoe', 'demo', 1)`);
  await sql.query(`INSERT INTO host_results (run_id, host, dc, phase, started_at, finished_at) VALUES ('old', 'a.nj', 'nj', 'done', now(), now())`);
  await sql.query(
    `INSERT INTO command_outputs (run_id, host, position, command_id, command, exit_code, stdout, stderr, duration_ms)
     VALUES ('old', 'a.nj', 0, 'identity.uname', 'env LC_ALL=C uname -r', 0, '\\x00ff41'::bytea, '', 1),
            ('old', 'a.nj', 1, 'identity.hostname', 'env LC_ALL=C hostname', 0, '\\x00ff41'::bytea, 'e'::bytea, 1)`,
  );
  // 17 follows: the outputs are then read back through output_sets (the command_outputs view).
  expect(await migrate(sql)).toEqual(MIGRATIONS.map((migration) => migration.version).filter((version) => version >= 12));
  const store = new ScanStore(sql);
  for (const position of [0, 1]) expect([...(await store.rawOutputPage('old', 'a.nj', position, 'stdout', 0, 10))!.bytes]).toEqual([0x00, 0xff, 0x41]);
  expect((await store.rawOutputPage('old', 'a.nj', 1, 'stderr', 0, 10))!.bytes.toString()).toBe('e');
  expect((await blobStats(sql)).blobs).toBe(3);
  await sql.close();
});
