// The contract's drills.* handlers: the plans come from the demo plans (on
// the demo fleet) or from drills.yaml next to the inventory, re-read on each
// call; a broken file shows its problems while the last good plans stay in use.
// With the store at hand, drill runs that have ended join the file's history.
// Each read also keeps the .ics feed file up to date (drill-ics-feed.ts).
import { dirname, join } from 'node:path';
import type { DrillsScheduleView } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { formatInventoryProblem } from '../inventory/inventory-problem';
import { DEMO_DRILL_PLANS_FILE, demoDrillPlansYaml } from './demo-drill-plans';
import { drillPlansIcs } from './drill-ics';
import type { DrillIcsFeed } from './drill-ics-feed';
import { withRunRecords } from './drill-run-records';
import { drillRunHandlers, type DrillRunDeps } from './drill-run-handlers';
import { DrillRunStore } from './drill-run-store';
import { LastGoodDrillPlans, loadDrillPlansFile } from './drill-plans-file';
import { occurrencesBetween, parseRecurrence } from './drill-recurrence';
import { drillScheduleView } from './drill-schedule-view';
import { occurrenceTimes } from './occurrence-times';
import { parseDrillPlans } from './parse-drill-plans';
import { isKnownTimeZone, Temporal } from './temporal';

export interface DrillsSource {
  /** True on the demo fleet. */
  demo(): boolean;
  /** The inventory file in use, or null. */
  inventoryPath(): string | null;
  now(): Date;
  /** The .ics feed file kept up to date with the plans (a calendar app subscribes to it), or none. */
  feed?: DrillIcsFeed;
}

const AGENDA_DAYS = 365;

type ScheduleMethods = 'drills.schedule' | 'drills.ics';
type RunMethods = keyof ReturnType<typeof drillRunHandlers>;

export function drillsHandlers(source: DrillsSource): Pick<HandlerTable, ScheduleMethods>;
export function drillsHandlers(source: DrillsSource, runs: DrillRunDeps): Pick<HandlerTable, ScheduleMethods | RunMethods>;
export function drillsHandlers(source: DrillsSource, runs?: DrillRunDeps): Pick<HandlerTable, ScheduleMethods> | Pick<HandlerTable, ScheduleMethods | RunMethods> {
  const lastGood = new LastGoodDrillPlans();
  const runStore = runs ? new DrillRunStore(runs.sql) : null;
  const load = async () => {
    const now = Temporal.Instant.fromEpochMilliseconds(source.now().getTime());
    const inventory = source.inventoryPath();
    const file = source.demo() ? DEMO_DRILL_PLANS_FILE : inventory ? join(dirname(inventory), 'drills.yaml') : null;
    if (file === null) return { now, file: 'no inventory', problems: ['no inventory is loaded; drill plans are read from drills.yaml next to it'] };
    lastGood.update(source.demo() ? parseDrillPlans(demoDrillPlansYaml(now), file) : await loadDrillPlansFile(file));
    if (lastGood.current) await source.feed?.update(lastGood.current.plans, now);
    return { now, file, problems: lastGood.lastProblems.map(formatInventoryProblem) };
  };
  // The feed is written at start, not only when someone first opens the schedule.
  if (source.feed) void load().catch(() => undefined);
  const planById = async (id: string) => {
    await load();
    return lastGood.current?.plans.find((plan) => plan.id === id) ?? null;
  };
  const schedule: Pick<HandlerTable, ScheduleMethods> = {
    'drills.schedule': async ({ viewerTimeZone }) => {
      const { now, file, problems } = await load();
      const viewer = isKnownTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
      const filePlans = lastGood.current;
      const plans = filePlans && runStore ? { ...filePlans, history: withRunRecords(filePlans.history, await runStore.endedRuns()) } : filePlans;
      const empty: DrillsScheduleView = { source: file, problems, warnings: [], at: now.toString(), viewerTimeZone: viewer, sites: [], plans: [], cadence: [], agenda: [], history: [] };
      if (!plans) return empty;
      const view = drillScheduleView(plans, now, viewer);
      const siteZone = (site: string) => plans.sites.find((candidate) => candidate.id === site)?.timeZone ?? 'UTC';
      const until = now.add({ hours: 24 * AGENDA_DAYS });
      const agenda = plans.plans
        .flatMap((plan) => {
          const parsed = parseRecurrence(plan.schedule.text);
          if (!parsed.ok) return [];
          return occurrencesBetween(parsed.rule, now, until).map((at) => ({
            plan: plan.id,
            site: plan.scope.site,
            times: occurrenceTimes(at.toInstant().toString(), siteZone(plan.scope.site), viewer),
          }));
        })
        .sort((a, b) => a.times.instant.localeCompare(b.times.instant));
      const siteOf = (id: string) => plans.plans.find((plan) => plan.id === id)?.scope.site ?? null;
      const history = plans.history
        .flatMap((record) => {
          const site = siteOf(record.plan);
          return site === null ? [] : [{ plan: record.plan, site, times: occurrenceTimes(record.startedAt, siteZone(site), viewer), outcome: record.outcome, lead: record.lead }];
        })
        .sort((a, b) => a.times.instant.localeCompare(b.times.instant));
      return { ...empty, warnings: lastGood.warnings.map(formatInventoryProblem), sites: plans.sites, plans: view.plans, cadence: view.cadence, agenda, history };
    },
    'drills.ics': async () => {
      const { now, problems } = await load();
      const plans = lastGood.current;
      if (!plans) throw new Error(problems.join('\n') || 'no drill plans');
      return { fileName: 'opsdeck-drills.ics', text: drillPlansIcs(plans.plans, now) };
    },
  };
  return runs ? { ...schedule, ...drillRunHandlers(runs, planById) } : schedule;
}
