// Generated drill plans for the drills benchmark: `count` plans at both
// demo sites with a realistic mix of schedules (see tests/bench/drills-bench.ts),
// and one recorded drill per plan per quarter so the history view has
// something to match.
import type { DrillPlan, DrillPlans, DrillRecord } from '../../main/engine/drills/drill-plan';

const SITES = [
  { id: 'nj', name: 'Bridgewater, NJ', timeZone: 'America/New_York' },
  { id: 'sea', name: 'Seattle, WA', timeZone: 'America/Los_Angeles' },
];
const RULES = [
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=MONTHLY;BYDAY=-1SU',
  'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
  'FREQ=MONTHLY;BYMONTHDAY=1;BYMONTH=2,5,8,11',
  'FREQ=YEARLY;BYMONTH=10;BYDAY=2SU',
  'FREQ=WEEKLY',
];
const HOURS = ['01', '02', '09', '14'];

export function parsePlansForBench(count: number): DrillPlans {
  const plans = Array.from({ length: count }, (_, index): DrillPlan => {
    const site = SITES[index % SITES.length]!;
    const rule = index % 4 === 0 ? 'FREQ=DAILY' : RULES[index % RULES.length]!;
    const hour = HOURS[index % HOURS.length]!;
    // Distinct texts (day and minute vary), so no plan's parse is another's.
    const day = String(1 + (Math.floor(index / 60) % 28)).padStart(2, '0');
    const minute = String(index % 60).padStart(2, '0');
    return {
      id: `plan-${index}`,
      title: `Drill ${index}`,
      kind: 'custom',
      scope: { site: site.id, roles: [], hosts: [] },
      schedule: { text: `DTSTART;TZID=${site.timeZone}:202601${day}T${hour}${minute}00\nRRULE:${rule}\nEXDATE;TZID=${site.timeZone}:20260301T${hour}${minute}00`, timeZone: site.timeZone },
      owner: 'dana',
      participants: [],
      rtoMinutes: 30,
      rpoMinutes: 60,
      graceDays: 3,
      steps: [{ type: 'checklist', title: 'Run it', timeboxMinutes: 10 }],
    };
  });
  const history: DrillRecord[] = plans.flatMap((plan, index) =>
    Array.from({ length: 20 }, (_, quarter) => {
      const started = Date.parse('2026-01-06T15:00:00Z') + quarter * 91 * 86_400_000 + index * 60_000;
      return {
        plan: plan.id,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(started + 1_800_000).toISOString(),
        outcome: 'passed' as const,
        lead: 'dana',
        measuredRtoMinutes: 30,
        measuredRpoMinutes: 0,
        actions: [],
      };
    }),
  );
  return { sites: SITES, cadence: [], plans, history };
}
