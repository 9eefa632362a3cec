// Facts (per area), findings and output lists are stored once by content
// (migration 17): a second scan of an unchanged host adds a row and no
// documents, a changed area adds only that area, every result still reads
// its own facts, findings and outputs, and a store written before migration 17
// keeps all three.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { HostScanDetail } from '../../../preload/contract';
import { migrate, MIGRATIONS } from '../../../main/engine/store/migrations';
import { openPgliteClient } from '../../../main/engine/store/pglite-client';
import { ScanStore } from '../../../main/engine/store/scan-store';
import type { SqlClient } from '../../../main/engine/store/sql-client';
import { hostDetail } from '../../support/scan-store-contract';

const dirs: string[] = [];
async function freshStore(): Promise<SqlClient> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-result-docs-'));
  dirs.push(dir);
  return openPgliteClient(join(dir, 'store'));
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const counts = async (sql: SqlClient) =>
  (
    await sql.query<{ docs: number; sets: number; rows: number }>(
      'SELECT (SELECT count(*)::int FROM result_docs) AS docs, (SELECT count(*)::int FROM output_sets) AS sets, (SELECT count(*)::int FROM host_result_rows) AS rows',
    )
  )[0]!;

function scanned(runId: string, at: string, pendingSince: string, durationMs: number): HostScanDetail {
  const base = hostDetail(runId, 'a.nj', at);
  return {
    ...base,
    facts: { firewall: { rules: ['accept tcp 25', 'accept tcp 587'] }, patches: { collectedAt: pendingSince, pendingUpdates: [] } },
    outputs: base.outputs.map((output) => ({ ...output, durationMs })),
  };
}

test('an unchanged host adds a row and no documents; a changed area adds one; each result reads its own', async () => {
  const sql = await freshStore();
  await migrate(sql);
  const store = new ScanStore(sql);
  for (const runId of ['r1', 'r2', 'r3']) await store.beginRun({ runId, startedAt: new Date().toISOString(), scope: { kind: 'fleet' }, operator: 'jdoe', fleet: 'demo', total: 1 });

  await store.saveHostResult(scanned('r1', '2026-12-01T00:00:00.000Z', 'T1', 5));
  const first = await counts(sql);
  await store.saveHostResult(scanned('r2', '2026-12-02T00:00:00.000Z', 'T1', 9));
  const unchanged = await counts(sql);
  await store.saveHostResult(scanned('r3', '2026-12-03T00:00:00.000Z', 'T3', 9));
  const patchesChanged = await counts(sql);

  expect([first, unchanged, patchesChanged]).toEqual([
    { docs: 3, sets: 1, rows: 1 },
    { docs: 3, sets: 1, rows: 2 },
    { docs: 4, sets: 1, rows: 3 },
  ]);
  const latest = (await store.latestHostDetail('a.nj'))!;
  expect(latest.runId).toBe('r3');
  expect(latest.facts).toEqual({ firewall: { rules: ['accept tcp 25', 'accept tcp 587'] }, patches: { collectedAt: 'T3', pendingUpdates: [] } });
  expect(latest.findings).toEqual(scanned('r3', '', 'T3', 9).findings);
  expect(latest.outputs.map((output) => [output.id, output.durationMs])).toEqual(scanned('r3', '', 'T3', 9).outputs.map((output) => [output.id, 9]));
  expect(await store.latestAreaFactsOf('patches')).toEqual([{ host: 'a.nj', dc: 'nj', finishedAt: '2026-12-03T00:00:00.000Z', facts: { collectedAt: 'T3', pendingUpdates: [] } }]);
  const history = await sql.query<{ run_id: string; collected: string; durations: number[] }>(
    `SELECT run_id, facts -> 'patches' ->> 'collectedAt' AS collected, (SELECT array_agg(duration_ms ORDER BY position) FROM command_outputs o WHERE o.run_id = h.run_id AND o.host = h.host) AS durations
       FROM host_results h ORDER BY run_id`,
  );
  expect(history.map((row) => [row.run_id, row.collected, row.durations[0]])).toEqual([
    ['r1', 'T1', 5],
    ['r2', 'T1', 9],
    ['r3', 'T3', 9],
  ]);
  await sql.close();
});

test('migration 17 keeps the facts, findings and outputs of a store written before it', async () => {
  const sql = await freshStore();
  await migrate(
    sql,
    MIGRATIONS.filter((migration) => migration.version < 17),
  );
  await sql.query(`INSERT INTO scan_runs (run_id, started_at, scope, operator, fleet, total) VALUES ('old', now(), '{"kind":"fleet"}', 'jdoe', 'demo', 1)`);
  await sql.query(
    `INSERT INTO host_results (run_id, host, dc, phase, started_at, finished_at, findings, facts)
     VALUES ('old', 'a.nj', 'nj', 'done', now(), now(), '[{"id": "patch:a.nj", "severity": "high", "title": "3 pending"}]', '{"patches": {"n": 3}, "firewall": {"rules": []}}')`,
  );
  await sql.query(`INSERT INTO output_blobs (sha256, bytes) VALUES (sha256('\\x00ff41'::bytea), '\\x00ff41'::bytea), (sha256(''::bytea), ''::bytea)`);
  await sql.query(
    `INSERT INTO command_outputs (run_id, host, position, command_id, command, exit_code, duration_ms, stdout_sha256, stderr_sha256, truncated)
     VALUES ('old', 'a.nj', 0, 'identity.uname', 'env LC_ALL=C uname -r', 0, 7, sha256('\\x00ff41'::bytea), sha256(''::bytea), NULL),
            ('old', 'a.nj', 1, 'identity.hostname', 'env LC_ALL=C hostname', 1, 8, sha256(''::bytea), sha256('\\x00ff41'::bytea), '{"stdout": true}')`,
  );
  expect(await migrate(sql)).toEqual(MIGRATIONS.map((migration) => migration.version).filter((version) => version >= 17));
  const store = new ScanStore(sql);
  const detail = (await store.latestHostDetail('a.nj'))!;
  expect(detail.facts).toEqual({ patches: { n: 3 }, firewall: { rules: [] } });
  expect(detail.findings).toEqual([{ id: 'patch:a.nj', severity: 'high', title: '3 pending' }]);
  expect(detail.outputs.map((o) => [o.id, o.exitCode, o.durationMs, [...Buffer.from(o.stdout, 'utf8')].length, o.stderr.length, o.truncated])).toEqual([
    ['identity.uname', 0, 7, 5, 0, null],
    ['identity.hostname', 1, 8, 0, 3, { stdout: true }],
  ]);
  expect([...(await store.rawOutputPage('old', 'a.nj', 0, 'stdout', 0, 10))!.bytes]).toEqual([0x00, 0xff, 0x41]);
  expect(await counts(sql)).toEqual({ docs: 3, sets: 1, rows: 1 });
  await sql.close();
});
