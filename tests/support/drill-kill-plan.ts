// The plan the drill kill -9 test runs: many checklist steps, so a kill
// lands between or during steps rather than at the end.
import type { DrillPlan } from '../../main/engine/drills/drill-plan';

export const KILL_TEST_STEPS = 300;

export function killTestPlan(): DrillPlan {
  return {
    id: 'kill-test',
    title: 'Kill test drill',
    kind: 'custom',
    scope: { site: 'nj', roles: [], hosts: [] },
    schedule: { text: 'DTSTART;TZID=America/New_York:20270101T100000\nRRULE:FREQ=DAILY', timeZone: 'America/New_York' },
    owner: 'kim',
    participants: [],
    rtoMinutes: 30,
    rpoMinutes: 60,
    graceDays: 1,
    steps: Array.from({ length: KILL_TEST_STEPS }, (_, index) => ({ type: 'checklist' as const, title: `step ${index + 1}`, timeboxMinutes: 1 })),
  };
}
