// Retention of scan history with a controlled clock: results older than the
// retention go with the outputs nothing else refers to; each host's newest
// result and newest answered result, and results held as evidence, stay.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HostPhase, HostScanDetail } from '../../../preload/contract';
import { migrate } from '../../../main/engine/store/migrations';
import { openPgliteClient } from '../../../main/engine/store/pglite-client';
import { ScanStore } from '../../../main/engine/store/scan-store';
import { applyScanRetention, holdScanEvidence, ScanRetention, type RetentionIntent, type RetentionOutcome } from '../../../main/engine/store/scan-retention';
import type { SqlClient } from '../../../main/engine/store/sql-client';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
let dir = '';
let sql: SqlClient;
let store: ScanStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-retention-'));
  sql = await openPgliteClient(join(dir, 'store'));
  await migrate(sql);
  store = new ScanStore(sql);
});
afterAll(async () => {
  await sql.close();
  await rm(dir, { recursive: true, force: true });
});

function result(runId: string, host: string, at: string, phase: HostPhase, stdout: string): HostScanDetail {
  return {
    runId,
    host,
    dc: 'nj',
    phase,
    reason: phase === 'done' ? null : 'unreachable',
    startedAt: at,
    finishedAt: at,
    detectedOs: 'debian',
    identity: null,
    findings: [],
    facts: {},
    findingCounts: {},
    outputs: [{ id: 'identity.uname', command: 'env LC_ALL=C uname -r', stdout, stderr: '', exitCode: 0, durationMs: 1, error: null }],
  };
}

async function scan(runId: string, days: number, hosts: [string, HostPhase, string][]): Promise<void> {
  await store.beginRun({ runId, startedAt: daysAgo(days), scope: { kind: 'fleet' }, operator: 'jdoe', fleet: 'demo', total: hosts.length });
  for (const [host, phase, stdout] of hosts) await store.saveHostResult(result(runId, host, daysAgo(days), phase, stdout));
  await store.finishRun(runId, { finishedAt: daysAgo(days), ok: hosts.length, failed: 0, cancelled: false });
}

const remaining = async () => (await sql.query<{ run_id: string; host: string }>('SELECT run_id, host FROM host_results ORDER BY run_id, host')).map((row) => `${row.run_id}/${row.host}`);
const blobTexts = async () => (await sql.query<{ bytes: Uint8Array }>('SELECT bytes FROM output_blobs')).map((row) => Buffer.from(row.bytes).toString()).sort();

test('deletes only what is past retention and not the newest, newest answered or held; then orphaned outputs and empty runs', async () => {
  await scan('r500', 500, [
    ['a', 'done', 'only-in-r500'],
    ['b', 'done', 'b-kernel'],
    ['c', 'done', 'c-kernel'],
    ['d', 'done', 'shared'],
    ['e', 'done', 'held-output'],
  ]);
  await scan('r450', 450, [
    ['a', 'done', 'a-450'],
    ['c', 'failed', 'c-failed'],
    ['e', 'done', 'e-450'],
  ]);
  await scan('r10', 10, [
    ['a', 'done', 'a-recent'],
    ['d', 'done', 'shared'],
    ['e', 'done', 'e-recent'],
  ]);
  await holdScanEvidence(sql, 'r500', 'e', 'evidence-pack:2026-Q4');

  const outcome = await applyScanRetention(sql, new Date(NOW.getTime() - 400 * 86_400_000), { batchSize: 2 });

  expect(outcome).toEqual({ cutoff: daysAgo(400), hostResults: 4, outputBlobs: 3, runs: 0, swept: true });
  // a: r500 and r450 gone (newer answered ones exist); b: only result, kept; c: r500 is its newest answered, r450 its newest;
  // d: r500 gone, its output still referenced by r10; e: r500 held, r450 gone.
  expect(await remaining()).toEqual(['r10/a', 'r10/d', 'r10/e', 'r450/c', 'r500/b', 'r500/c', 'r500/e']);
  expect(await blobTexts()).toEqual(['', 'a-recent', 'b-kernel', 'c-failed', 'c-kernel', 'e-recent', 'held-output', 'shared']);
  expect((await store.latestHostDetail('d'))?.outputs[0]?.stdout).toBe('shared');
  expect((await store.rawOutputPage('r500', 'e', 0, 'stdout', 0, 100))?.bytes.toString()).toBe('held-output');

  // A later pass, 200 days on: nothing new to delete except runs emptied by it.
  const later = await applyScanRetention(sql, new Date(NOW.getTime() + 200 * 86_400_000 - 400 * 86_400_000));
  expect(later.hostResults).toBe(0);
});

test('runs in the background after a scan, with the configured days and the given clock, and records what it deleted', async () => {
  await scan('q900', 900, [['x', 'done', 'x-old']]);
  await scan('q800', 800, [['x', 'done', 'x-older-but-newer']]);
  await scan('q1', 1, [['x', 'done', 'x-now']]);
  const recorded: (RetentionOutcome & { days: number })[] = [];
  const intents: (RetentionIntent & { days: number })[] = [];
  const retention = new ScanRetention(sql, {
    days: async () => 850,
    now: () => NOW,
    recordIntent: async (intent) => void intents.push(intent),
    record: async (outcome) => void recorded.push(outcome),
    onError: (error) => {
      throw error;
    },
  });
  retention.schedule();
  retention.schedule();
  await retention.idle();
  expect(intents).toEqual([{ cutoff: daysAgo(850), days: 850, results: [{ runId: 'q900', host: 'x' }] }]);
  expect(recorded).toEqual([{ cutoff: daysAgo(850), days: 850, hostResults: 1, outputBlobs: 1, runs: 1, swept: true }]);
  expect((await remaining()).filter((key) => key.endsWith('/x'))).toEqual(['q1/x', 'q800/x']);
  expect((await sql.query<{ run_id: string }>("SELECT run_id FROM scan_runs WHERE run_id LIKE 'q%' ORDER BY run_id")).map((row) => row.run_id)).toEqual(['q1', 'q800']);
  await retention.stop();
  retention.schedule();
  await retention.idle();
  expect(recorded).toHaveLength(1);
});

test('a pass that deletes nothing sweeps only the first time in a process and then at most daily: a document nothing refers to waits for it', async () => {
  await scan('s1', 1, [['y', 'done', 'y-now']]);
  const orphan = async () => {
    await sql.query(`INSERT INTO result_docs (sha256, doc) VALUES (sha256('orphan'::bytea), '{"replaced": true}'::jsonb) ON CONFLICT DO NOTHING`);
  };
  const orphans = async () => (await sql.query(`SELECT 1 FROM result_docs WHERE sha256 = sha256('orphan'::bytea)`)).length;
  let now = NOW;
  const retention = new ScanRetention(sql, {
    days: async () => 400,
    now: () => now,
    recordIntent: async () => undefined,
    record: async () => undefined,
    onError: (error) => {
      throw error;
    },
  });
  const pass = async () => {
    retention.schedule();
    await retention.idle();
  };
  await orphan();
  await pass();
  expect(await orphans(), 'the first pass after start sweeps').toBe(0);
  await orphan();
  now = new Date(NOW.getTime() + 23 * 3_600_000);
  await pass();
  expect(await orphans(), 'within a day of the last sweep, a pass that deleted nothing does not sweep').toBe(1);
  now = new Date(NOW.getTime() + 24 * 3_600_000);
  await pass();
  expect(await orphans(), 'a day after the last sweep it sweeps again').toBe(0);
  await retention.stop();
});
