// `opsdeck drills history` counts the drills run in OpsDeck (ended runs in
// the data folder's store) beside the ones the plans file records, and a
// data folder without a store gets none and no new store.
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDrillPlans } from '../../../main/engine/drills/parse-drill-plans';
import { DrillRunStore } from '../../../main/engine/drills/drill-run-store';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { runOpsdeck } from '../../support/cli-run';
import { WEEKLY_RESTORE_DRILL_PLANS as PLANS } from '../../support/weekly-restore-drill-plans';

const PERIOD = ['--from', '2026-11-01T00:00:00Z', '--to', '2026-12-01T00:00:00Z', '--json', '--at', '2026-12-04T15:00:00Z'];

let withStore = '';
let withoutStore = '';
beforeAll(async () => {
  withStore = await mkdtemp(join(tmpdir(), 'opsdeck-drills-history-'));
  withoutStore = await mkdtemp(join(tmpdir(), 'opsdeck-drills-history-nostore-'));
  for (const dir of [withStore, withoutStore]) await writeFile(join(dir, 'drills.yaml'), PLANS);
  const parsed = parseDrillPlans(PLANS, 'drills.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const store = await openEmbeddedStore(withStore);
  try {
    const runs = new DrillRunStore(store.sql);
    // Sunday 29 November, 02:30 New York = 07:30 UTC: run in OpsDeck, step done, finished.
    const started = await runs.create('drill-cli-1', new Date('2026-11-29T07:31:00Z'), 'riley', { type: 'started', plan: parsed.plans.plans[0]!, lead: 'riley' });
    await runs.append(started.runId, new Date('2026-11-29T08:05:00Z'), 'riley', [{ type: 'step-finished', step: 0, result: 'done', note: '' }], () => undefined);
    await runs.append(started.runId, new Date('2026-11-29T08:06:00Z'), 'riley', [{ type: 'finished', rpoMinutes: 30, actions: [] }], () => undefined);
    // A live run of 15 November is not on the record.
    await runs.create('drill-cli-2', new Date('2026-11-15T07:31:00Z'), 'sam', { type: 'started', plan: parsed.plans.plans[0]!, lead: 'sam' });
  } finally {
    await store.close();
  }
});
afterAll(async () => {
  for (const dir of [withStore, withoutStore]) await rm(dir, { recursive: true, force: true });
});

test('the history holds the ended run from the store beside the file record; the live run is left out', async () => {
  const result = await runOpsdeck(['drills', 'history', '--data-dir', withStore, ...PERIOD]);
  // Only the plans file's daylight-saving warning (02:30 on a spring-forward Sunday), nothing about the store.
  expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: .*drills\.yaml:8:15: .*clocks spring forward/)]);
  expect(result.code).toBe(0);
  const view = JSON.parse(result.stdout);
  expect(view.plans[0]).toMatchObject({ plan: 'restore-nj', expected: 5, executed: 2, onTime: 2, missed: 3 });
  expect(view.records.map((record: { startedAt: string; lead: string; outcome: string }) => `${record.startedAt} ${record.outcome} ${record.lead}`)).toEqual([
    '2026-11-22T08:00:00.000Z passed riley',
    '2026-11-29T07:31:00.000Z passed riley',
  ]);
});

test('a data folder without a store: the file history only, and no store is created', async () => {
  const result = await runOpsdeck(['drills', 'history', '--data-dir', withoutStore, ...PERIOD]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout).plans[0]).toMatchObject({ executed: 1 });
  await expect(access(join(withoutStore, 'store'))).rejects.toThrow(/ENOENT/);
});
