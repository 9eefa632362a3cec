// `opsdeck drills check|list|ics|history`: the drill plans file validated,
// the schedule (due, overdue, cadence), the iCalendar export and expected
// against executed drills for a period. Plans come from --plans FILE, the
// built-in demo plans (--demo), or drills.yaml in the data folder. The
// history also holds the drill runs that ended in the data folder's store.
import type { CliArgs } from './cli-args';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_DRILL_PLANS_FILE, demoDrillPlansYaml } from '../engine/drills/demo-drill-plans';
import { drillPlansIcs } from '../engine/drills/drill-ics';
import type { DrillPlans } from '../engine/drills/drill-plan';
import { loadDrillPlansFile } from '../engine/drills/drill-plans-file';
import { withRunRecords } from '../engine/drills/drill-run-records';
import { DrillRunStore } from '../engine/drills/drill-run-store';
import { drillHistoryView, drillScheduleView, plansDueWithin, type PlanScheduleRow } from '../engine/drills/drill-schedule-view';
import { parseDrillPlans } from '../engine/drills/parse-drill-plans';
import { isKnownTimeZone, Temporal } from '../engine/drills/temporal';
import { openEmbeddedStore } from '../engine/store/open-store';
import { UsageError, type CliCommand, type CliIo } from './cli-io';
import { defaultDataDir } from './data-dir';
import { fileCheckCommand, reportFileProblems } from './file-problems';
import { textTable } from './text-table';

const SOURCE_OPTIONS = ['--plans', '--at', '--data-dir'];
const SOURCE_USAGE = '[--plans FILE | --demo] [--at ISO-INSTANT] [--data-dir DIR]';
const DRILL_PLANS_UNUSABLE = 'the drill plans are not usable';

export const drillsCheckCommand = fileCheckCommand({
  command: {
    name: 'drills check',
    summary: 'validate a drill plans file; print each problem with its line and column, and daylight-saving warnings',
    usage: 'opsdeck drills check FILE',
  },
  what: 'drill plans file',
  load: (file) => loadDrillPlansFile(file),
  unusable: DRILL_PLANS_UNUSABLE,
  holds: ({ plans: { plans, history } }) => `${plans.length} plans (${plans.map((plan) => plan.id).join(', ')}), ${history.length} recorded drills`,
});

export const drillsListCommand: CliCommand = {
  name: 'drills list',
  summary: 'the drill schedule: each plan overdue, due or next, in site time and UTC, and cadence per kind and site; exit 1 when a plan listed is overdue',
  usage: `opsdeck drills list ${SOURCE_USAGE} [--due DAYS] [--json]`,
  accepts: { values: [...SOURCE_OPTIONS, '--due'], flags: ['--demo', '--json'] },
  async run(args, io) {
    const dueText = args.value('--due');
    const dueDays = dueText === undefined ? null : Number(dueText);
    if (dueDays !== null && !(Number.isInteger(dueDays) && dueDays >= 0)) throw new UsageError(`--due needs a whole number of days, got ${JSON.stringify(dueText)}`);
    const source = await plansFrom(args, io);
    if (!source) return 2;
    const view = drillScheduleView(source.plans, source.now, viewerTimeZone(io));
    const rows = dueDays === null ? view.plans : plansDueWithin(view, dueDays);
    // Like the other checks: 1 when something needs doing (a plan overdue), so a cron job or CI step can alert on it.
    const code = rows.some((row) => row.state === 'overdue') ? 1 : 0;
    if (args.flag('--json')) {
      io.stdout.write(`${JSON.stringify({ ...view, plans: rows }, null, 2)}\n`);
      return code;
    }
    io.stdout.write(`Drill schedule at ${view.at} (site time; your time zone is ${view.viewerTimeZone})\n\n`);
    io.stdout.write(textTable(['plan', 'kind', 'site', 'state', 'when', 'UTC', 'owner'], rows.map(scheduleRow)));
    io.stdout.write('\nCadence\n');
    io.stdout.write(
      textTable(
        ['kind', 'site', 'every', 'last passed', 'status'],
        view.cadence.map((status) => [
          status.kind,
          status.site,
          `${status.everyDays} days`,
          status.lastPassed?.slice(0, 10) ?? 'never',
          status.compliant ? 'ok' : status.dueBy ? `LATE by ${status.daysLate} days` : 'LATE (never passed)',
        ]),
      ),
    );
    return code;
  },
};

export const drillsIcsCommand: CliCommand = {
  name: 'drills ics',
  summary: 'export the drill schedule as an iCalendar (.ics) file with its time zones',
  usage: `opsdeck drills ics ${SOURCE_USAGE} [--out FILE]`,
  accepts: { values: [...SOURCE_OPTIONS, '--out'], flags: ['--demo'] },
  async run(args, io) {
    const source = await plansFrom(args, io);
    if (!source) return 2;
    const text = drillPlansIcs(source.plans.plans, source.now);
    const out = args.value('--out');
    if (!out) {
      io.stdout.write(text);
      return 0;
    }
    await writeFile(out, text, { mode: 0o644 });
    io.stderr.write(`wrote ${source.plans.plans.length} plans to ${out}\n`);
    return 0;
  },
};

export const drillsHistoryCommand: CliCommand = {
  name: 'drills history',
  summary: 'expected against executed drills per plan for a period (default: the last 365 days), and the drills recorded (in the plans file and run in OpsDeck)',
  usage: `opsdeck drills history ${SOURCE_USAGE} [--from ISO-INSTANT] [--to ISO-INSTANT] [--json]`,
  accepts: { values: [...SOURCE_OPTIONS, '--from', '--to'], flags: ['--demo', '--json'] },
  async run(args, io) {
    const source = await plansFrom(args, io);
    if (!source) return 2;
    const to = instantOption(args, '--to') ?? source.now;
    const from = instantOption(args, '--from') ?? to.subtract({ hours: 24 * 365 });
    if (Temporal.Instant.compare(from, to) >= 0) throw new UsageError('--from must be before --to');
    const plans = args.flag('--demo') ? source.plans : { ...source.plans, history: withRunRecords(source.plans.history, await endedRunsIn(args.value('--data-dir') ?? defaultDataDir(io.env))) };
    const view = drillHistoryView(plans, { from, to }, source.now);
    if (args.flag('--json')) {
      io.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`Drills from ${view.from} to ${view.to}\n\n`);
    io.stdout.write(
      textTable(
        ['plan', 'expected', 'executed', 'on time', 'missed', 'failed', 'off schedule'],
        view.plans.map((plan) => [plan.plan, String(plan.expected), String(plan.executed), String(plan.onTime), String(plan.missed), String(plan.failed), String(plan.unscheduled)]),
      ),
    );
    io.stdout.write('\n');
    io.stdout.write(
      textTable(
        ['started', 'plan', 'outcome', 'lead', 'RTO min', 'RPO min', 'open actions'],
        view.records.map((record) => [
          record.startedAt,
          record.plan,
          record.outcome,
          record.lead,
          record.measuredRtoMinutes?.toString() ?? '-',
          record.measuredRpoMinutes?.toString() ?? '-',
          record.actions
            .filter((action) => action.open)
            .map((action) => action.title)
            .join('; ') || '-',
        ]),
      ),
    );
    return 0;
  },
};

export const DRILLS_COMMANDS = [drillsCheckCommand, drillsListCommand, drillsIcsCommand, drillsHistoryCommand];

function scheduleRow(row: PlanScheduleRow): string[] {
  const shown = row.since ?? row.next[0] ?? null;
  const state = row.state === 'overdue' ? 'OVERDUE since' : row.state === 'due' ? 'DUE since' : row.state === 'ended' ? 'ended' : 'next';
  return [row.id, row.kind, row.site, state, shown?.site ?? '-', shown?.utc ?? '-', row.owner];
}

async function plansFrom(args: CliArgs, io: CliIo): Promise<{ plans: DrillPlans; now: Temporal.Instant } | null> {
  const file = args.value('--plans');
  if (file && args.flag('--demo')) throw new UsageError('give either --plans or --demo, not both');
  const now = instantOption(args, '--at') ?? Temporal.Now.instant();
  const dataDir = args.value('--data-dir') ?? defaultDataDir(io.env);
  const result = args.flag('--demo') ? parseDrillPlans(demoDrillPlansYaml(now), DEMO_DRILL_PLANS_FILE) : await loadDrillPlansFile(file ?? join(dataDir, 'drills.yaml'));
  return reportFileProblems(result, io, DRILL_PLANS_UNUSABLE) ? { plans: result.plans, now } : null;
}

/** The drill runs that ended in the data folder's store; none when the folder has no store (nothing is created). */
async function endedRunsIn(dataDir: string) {
  const exists = await access(join(dataDir, 'store')).then(
    () => true,
    () => false,
  );
  if (!exists) return [];
  const store = await openEmbeddedStore(dataDir);
  try {
    return await new DrillRunStore(store.sql).endedRuns();
  } finally {
    await store.close();
  }
}

function instantOption(args: CliArgs, name: string): Temporal.Instant | undefined {
  const text = args.value(name);
  if (text === undefined) return undefined;
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw new UsageError(`${name} needs an instant such as 2027-03-14T07:30:00Z, got ${JSON.stringify(text)}`);
  }
}

function viewerTimeZone(io: CliIo): string {
  const fromEnv = io.env.TZ?.replace(/^:/, '');
  if (fromEnv && isKnownTimeZone(fromEnv)) return fromEnv;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
