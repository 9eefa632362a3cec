// A retention pass killed with SIGKILL part-way leaves no deletion unrecorded:
// each batch's results are recorded before the transaction that deletes them
// commits, so every result missing from the store afterwards is in a recorded
// intent (an intent may name results whose deletion never committed).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import type { RetentionIntent } from '../../../main/engine/store/scan-retention';
import { useBundledChild } from '../../support/bundle-for-child';
import { runUntilKilled } from '../../support/kill-child';
import { hostDetail } from '../../support/scan-store-contract';
import { useTempDir } from '../../support/temp-dir';

const HOSTS = 40;
const child = useBundledChild('tests/support/children/retention-pass.ts');
const dir = useTempDir('opsdeck-retention-kill-');

const key = (runId: string, host: string) => `${runId}/${host}`;

test('every result a killed retention pass deleted is in an intent recorded before the kill', async () => {
  const dataDir = join(dir.path, 'data');
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

  const intentsPath = join(dir.path, 'intents.jsonl');
  const cutoff = new Date(Date.now() - 400 * 86_400_000).toISOString();
  // Killed after its fifth committed batch of 2, while the sixth is under way.
  const lines = await runUntilKilled(child.path, [dataDir, intentsPath, cutoff], (printed) => printed.includes('committed 5'));
  const finished = lines.includes('pass finished');
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
