// A retention pass killed with SIGKILL part-way leaves no deletion unrecorded:
// each batch's results are recorded before the transaction that deletes them
// commits, so every result missing from the store afterwards is in a recorded
// intent (an intent may name results whose deletion never committed).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import type { RetentionIntent } from '../../../main/engine/store/scan-retention';
import { bundleForChild } from '../../support/bundle-for-child';
import { hostDetail } from '../../support/scan-store-contract';

const HOSTS = 40;
let child: string;
let dir: string;
beforeAll(async () => {
  child = await bundleForChild(join(process.cwd(), 'tests/support/children/retention-pass.ts'));
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-retention-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const key = (runId: string, host: string) => `${runId}/${host}`;

test('every result a killed retention pass deleted is in an intent recorded before the kill', async () => {
  const dataDir = join(dir, 'data');
  const store = await openEmbeddedStore(dataDir);
  const seeded: string[] = [];
  // Two scans 500 and 10 days old: the old one's results are all past a 400-day retention.
  for (const [runId, days] of [
    ['old', 500],
    ['new', 10],
  ] as const) {
    const at = new Date(Date.now() - days * 86_400_000).toISOString();
    await store.scans.beginRun({ runId, startedAt: at, scope: { kind: 'fleet' }, operator: 'kill-test', fleet: 'test', total: HOSTS });
    for (let i = 0; i < HOSTS; i++) {
      await store.scans.saveHostResult(hostDetail(runId, `host-${i}`, at));
      seeded.push(key(runId, `host-${i}`));
    }
    await store.scans.finishRun(runId, { finishedAt: at, ok: HOSTS, failed: 0, cancelled: false });
  }
  await store.close();

  const intentsPath = join(dir, 'intents.jsonl');
  const cutoff = new Date(Date.now() - 400 * 86_400_000).toISOString();
  const proc = spawn(process.execPath, [child, dataDir, intentsPath, cutoff], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
  let stderr = '';
  let finished = false;
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('pass finished')) finished = true;
      // Killed after its fifth committed batch of 2, while the sixth is under way.
      if (chunk.toString().includes('committed 5') && proc.exitCode === null) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`retention child exited ${code}: ${stderr}`))));
  });
  expect(finished).toBe(false);

  const reopened = await openEmbeddedStore(dataDir);
  const remaining = new Set((await reopened.sql.query<{ run_id: string; host: string }>('SELECT run_id, host FROM host_results')).map((row) => key(row.run_id, row.host)));
  await reopened.close();
  const intents = (await readFile(intentsPath, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RetentionIntent);
  const recorded = new Set(intents.flatMap((intent) => intent.results.map((result) => key(result.runId, result.host))));
  const deleted = seeded.filter((result) => !remaining.has(result));

  expect(deleted.length).toBeGreaterThanOrEqual(10);
  expect(deleted.length).toBeLessThan(HOSTS);
  expect(deleted.filter((result) => !recorded.has(result))).toEqual([]);
  expect(deleted.every((result) => result.startsWith('old/'))).toBe(true);
}, 180_000);
