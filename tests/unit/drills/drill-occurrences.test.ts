// Expected against executed drills, overdue plans and cadence compliance, on
// the demo plans (history placed relative to `now`) and on a hand-made
// history whose answers are worked out in the test.
import { describe, expect, test } from 'vitest';
import { cadenceCompliance } from '../../../main/engine/drills/cadence-compliance';
import { demoDrillPlansYaml } from '../../../main/engine/drills/demo-drill-plans';
import { overdueSince, planOccurrences, summarisePeriod } from '../../../main/engine/drills/drill-occurrences';
import type { DrillPlan, DrillPlans, DrillRecord } from '../../../main/engine/drills/drill-plan';
import { occurrenceTimes } from '../../../main/engine/drills/occurrence-times';
import { parseDrillPlans } from '../../../main/engine/drills/parse-drill-plans';
import { Temporal } from '../../../main/engine/drills/temporal';

const NOW = Temporal.Instant.from('2026-12-04T15:00:00Z');
const YEAR = { from: Temporal.Instant.from('2026-01-01T00:00:00Z'), to: Temporal.Instant.from('2027-01-01T00:00:00Z') };

function demo(): DrillPlans {
  const result = parseDrillPlans(demoDrillPlansYaml(NOW), 'demo');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plans;
}

const plan = (plans: DrillPlans, id: string): DrillPlan => plans.plans.find((candidate) => candidate.id === id)!;

describe('demo plans in 2026, seen on 2026-12-04', () => {
  const plans = demo();
  const occurrences = (id: string) => planOccurrences(plan(plans, id), plans.history, YEAR, NOW);

  test('bastion loss at Seattle: done on time every quarter of 2026', () => {
    const states = occurrences('bastion-loss-sea').map((occurrence) => `${occurrence.at.slice(0, 10)} ${occurrence.state}${occurrence.onTime ? ' on time' : ''}`);
    expect(states).toEqual(['2026-01-13 passed on time', '2026-04-14 passed on time', '2026-07-14 passed on time', '2026-10-13 passed on time']);
    expect(overdueSince(occurrences('bastion-loss-sea'), NOW)).toBeNull();
  });

  test('bastion loss at Bridgewater is overdue since its October occurrence', () => {
    const list = occurrences('bastion-loss-nj');
    expect(list.map((occurrence) => occurrence.state)).toEqual(['missed', 'passed', 'missed', 'missed']);
    expect(overdueSince(list, NOW)?.at).toBe('2026-10-20T14:00:00.000Z');
  });

  test('the failed failover readiness drill is counted as executed and failed, with its open actions in the record', () => {
    const list = occurrences('failover-readiness-sea');
    const failed = list.find((occurrence) => occurrence.state === 'failed');
    expect(failed?.at).toBe('2026-11-01T17:00:00.000Z');
    expect(plans.history[failed!.record!]!.actions.filter((action) => action.open)).toHaveLength(2);
    expect(summarisePeriod(plan(plans, 'failover-readiness-sea'), list, plans.history, YEAR)).toEqual({
      plan: 'failover-readiness-sea',
      expected: 4,
      executed: 2,
      onTime: 2,
      missed: 2,
      failed: 1,
      unscheduled: 0,
    });
  });

  test('the restore test of 3 December is due (within its grace), not missed', () => {
    const list = occurrences('restore-test-nj');
    expect(list.at(-1)).toMatchObject({ at: '2026-12-03T19:00:00.000Z', state: 'due' });
    expect(overdueSince(list, NOW)).toBeNull();
  });

  test('cadence: Seattle bastion loss compliant, Bridgewater bastion loss and Seattle readiness late (the failed drill does not count)', () => {
    const statuses = cadenceCompliance(plans, NOW.epochMilliseconds).map((status) => `${status.kind}@${status.site} ${status.compliant ? 'ok' : `late ${status.daysLate}d`}`);
    expect(statuses).toEqual(['bastion-loss@nj late 137d', 'bastion-loss@sea ok', 'site-failover-readiness@sea late 34d', 'mx-failover@sea ok', 'restore-test@nj ok']);
  });
});

describe('matching records to occurrences', () => {
  const plans = demo();
  const weekly: DrillPlan = {
    ...plan(plans, 'mx-failover-sea'),
    id: 'weekly',
    graceDays: 1,
    schedule: { text: 'DTSTART;TZID=America/New_York:20260105T100000\nRRULE:FREQ=WEEKLY;COUNT=4', timeZone: 'America/New_York' },
  };
  const record = (startedAt: string, outcome: DrillRecord['outcome']): DrillRecord => ({
    plan: 'weekly',
    startedAt,
    finishedAt: startedAt,
    outcome,
    lead: 'sam',
    measuredRtoMinutes: null,
    measuredRpoMinutes: null,
    actions: [],
  });

  test('early within grace, late after grace, an aborted run not counting when a later one passed, and an off-schedule run', () => {
    const history = [
      record('2026-01-04T16:00:00Z', 'passed'), // a day early: counts, on time
      record('2026-01-14T15:00:00Z', 'passed'), // two days after 12 Jan: late
      record('2026-01-19T15:00:00Z', 'aborted'),
      record('2026-01-19T18:00:00Z', 'passed'),
      record('2025-12-01T15:00:00Z', 'passed'), // before the plan: off schedule
    ];
    const period = { from: Temporal.Instant.from('2025-11-01T00:00:00Z'), to: Temporal.Instant.from('2026-02-01T00:00:00Z') };
    const list = planOccurrences(weekly, history, period, Temporal.Instant.from('2026-01-31T00:00:00Z'));
    expect(list.map((occurrence) => [occurrence.at, occurrence.state, occurrence.onTime, occurrence.record])).toEqual([
      ['2026-01-05T15:00:00.000Z', 'passed', true, 0],
      ['2026-01-12T15:00:00.000Z', 'passed', false, 1],
      ['2026-01-19T15:00:00.000Z', 'passed', true, 3],
      ['2026-01-26T15:00:00.000Z', 'missed', null, null],
    ]);
    expect(summarisePeriod(weekly, list, history, period)).toMatchObject({ expected: 4, executed: 3, onTime: 2, missed: 1, unscheduled: 2 });
    expect(overdueSince(list, Temporal.Instant.from('2026-01-31T00:00:00Z'))?.at).toBe('2026-01-26T15:00:00.000Z');
  });
});

describe('occurrenceTimes', () => {
  test('one instant in UTC, the site zone and the viewer zone, each with its offset', () => {
    expect(occurrenceTimes('2027-03-15T06:30:00Z', 'America/New_York', 'Europe/Berlin')).toEqual({
      instant: '2027-03-15T06:30:00Z',
      utc: '2027-03-15 06:30 +00:00 UTC',
      site: '2027-03-15 02:30 -04:00 America/New_York',
      viewer: '2027-03-15 07:30 +01:00 Europe/Berlin',
    });
  });
});
