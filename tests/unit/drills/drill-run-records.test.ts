// Ended drill runs as drill records: outcome from the run (aborted, failed
// when any step failed, else passed), a live run left out, and a run the
// plans file also records counted once.
import { expect, test } from 'vitest';
import type { DrillPlan, DrillRecord } from '../../../main/engine/drills/drill-plan';
import { foldRunEvents, type DrillRunEvent } from '../../../main/engine/drills/drill-run-events';
import { drillRecordFromRun, withRunRecords } from '../../../main/engine/drills/drill-run-records';

const plan = {
  id: 'mx-failover-sea',
  steps: [
    { type: 'checklist', title: 'Lower the TTL', timeboxMinutes: 5 },
    { type: 'checklist', title: 'Check the queue', timeboxMinutes: 5 },
  ],
} as unknown as DrillPlan;

function run(runId: string, startedAt: string, events: DrillRunEvent[]) {
  const all: DrillRunEvent[] = [{ type: 'started', plan, lead: 'sam' }, ...events];
  return foldRunEvents(all.map((event, index) => ({ runId, seq: index + 1, at: new Date(Date.parse(startedAt) + index * 60_000).toISOString(), actor: 'sam', event })));
}

const passed = run('drill-a', '2027-01-03T18:00:00.000Z', [
  { type: 'step-finished', step: 0, result: 'done', note: '' },
  { type: 'step-finished', step: 1, result: 'done', note: '' },
  { type: 'finished', rpoMinutes: 4, actions: ['write it down'] },
]);
const failed = run('drill-b', '2027-02-07T18:00:00.000Z', [
  { type: 'step-finished', step: 0, result: 'failed', note: 'TTL stuck' },
  { type: 'step-finished', step: 1, result: 'skipped', note: '' },
  { type: 'finished', rpoMinutes: null, actions: [] },
]);
const aborted = run('drill-c', '2027-03-07T18:00:00.000Z', [{ type: 'aborted', reason: 'real incident' }]);
const live = run('drill-d', '2027-04-04T17:00:00.000Z', [{ type: 'step-finished', step: 0, result: 'done', note: '' }]);

test('an ended run becomes a record with its outcome, times, lead, RPO and open actions; a live run does not', () => {
  expect(drillRecordFromRun(passed)).toEqual({
    plan: 'mx-failover-sea',
    startedAt: '2027-01-03T18:00:00.000Z',
    finishedAt: '2027-01-03T18:03:00.000Z',
    outcome: 'passed',
    lead: 'sam',
    measuredRtoMinutes: null,
    measuredRpoMinutes: 4,
    actions: [{ title: 'write it down', open: true }],
  });
  expect(drillRecordFromRun(failed)?.outcome).toBe('failed');
  expect(drillRecordFromRun(aborted)).toMatchObject({ outcome: 'aborted', finishedAt: '2027-03-07T18:01:00.000Z' });
  expect(drillRecordFromRun(live)).toBeNull();
});

test('the file history and the runs together, oldest first; a run the file also records counts once', () => {
  const fromFile: DrillRecord = { ...drillRecordFromRun(failed)!, startedAt: '2027-02-07T13:00:00-05:00', lead: 'written by hand' };
  const older: DrillRecord = { ...fromFile, startedAt: '2026-12-06T18:00:00.000Z', lead: 'older' };
  const merged = withRunRecords([fromFile, older], [aborted, live, failed, passed]);
  expect(merged.map((record) => `${record.startedAt} ${record.outcome} ${record.lead}`)).toEqual([
    '2026-12-06T18:00:00.000Z failed older',
    '2027-01-03T18:00:00.000Z passed sam',
    '2027-02-07T13:00:00-05:00 failed written by hand',
    '2027-03-07T18:00:00.000Z aborted sam',
  ]);
});
