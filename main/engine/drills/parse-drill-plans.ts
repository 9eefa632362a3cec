// Drill plans YAML text → DrillPlans, or problems that each point at the line
// and column to fix (the inventory's YAML helpers do the placing). Never
// throws. Besides the schema: plan ids unique, sites and plans referenced
// exist, every schedule is a usable RFC 5545 recurrence, a record does not
// end before it starts. Daylight-saving hazards are warnings, not problems.
import type { InventoryProblem } from '../inventory/inventory-problem';
import { parseYamlWithSchema } from '../inventory/yaml-schema-parse';
import type { LocatedMessage } from '../inventory/zod-issue-message';
import type { DrillPlan, DrillPlans } from './drill-plan';
import { drillPlansFileSchema, type DrillPlansFile } from './drill-plans-schema';
import { parseRecurrence } from './drill-recurrence';
import { daylightSavingHazards, summariseHazards } from './dst-hazards';
import { isKnownTimeZone } from './temporal';

export type DrillPlansParseResult = { ok: true; plans: DrillPlans; warnings: InventoryProblem[] } | { ok: false; problems: InventoryProblem[] };

const TOP_LEVEL = 'a mapping with keys sites and plans (and optionally cadence, history)';

export function parseDrillPlans(text: string, file: string): DrillPlansParseResult {
  try {
    const parsed = parseYamlWithSchema(text, file, drillPlansFileSchema, TOP_LEVEL);
    if (!parsed.ok) return parsed;
    const problems = referenceProblems(parsed.data);
    if (problems.length > 0) return { ok: false, problems: parsed.locate(problems) };
    const plans = normalisePlans(parsed.data);
    return { ok: true, plans, warnings: [...parsed.warnings, ...parsed.locate(hazardWarnings(plans))] };
  } catch (error) {
    // Defence in depth: the steps above are written not to throw.
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `could not read the drill plans: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function referenceProblems(data: DrillPlansFile): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const at = (path: PropertyKey[], message: string) => problems.push({ path, target: 'value', message });
  const siteIds = Object.keys(data.sites);
  const knownSite = (site: string, path: PropertyKey[], label: string) => {
    if (!siteIds.includes(site)) at(path, `${label}: unknown site ${JSON.stringify(site)}; expected one of ${siteIds.join(', ')}`);
  };
  for (const [siteId, site] of Object.entries(data.sites)) {
    if (!isKnownTimeZone(site.time_zone))
      at(['sites', siteId, 'time_zone'], `sites.${siteId}.time_zone: unknown time zone ${JSON.stringify(site.time_zone)} (expected an IANA name such as America/New_York)`);
  }
  for (const [index, requirement] of data.cadence.entries()) knownSite(requirement.site, ['cadence', index, 'site'], `cadence[${index}].site`);
  const seen = new Map<string, number>();
  for (const [index, plan] of data.plans.entries()) {
    const first = seen.get(plan.id);
    if (first !== undefined) at(['plans', index, 'id'], `plans[${index}].id: ${JSON.stringify(plan.id)} is already the id of plans[${first}]`);
    else seen.set(plan.id, index);
    knownSite(plan.scope.site, ['plans', index, 'scope', 'site'], `plans[${index}].scope.site`);
    const recurrence = parseRecurrence(plan.schedule);
    if (!recurrence.ok) at(['plans', index, 'schedule'], `plans[${index}].${recurrence.message}`);
    for (const [stepIndex, step] of plan.steps.entries()) {
      if (step.type !== 'verification') continue;
      const path = ['plans', index, 'steps', stepIndex, 'verify'];
      const label = `plans[${index}].steps[${stepIndex}].verify`;
      if (step.verify.action === 'scan') {
        knownSite(step.verify.site, [...path, 'site'], `${label}.site`);
        if (step.verify.via) knownSite(step.verify.via, [...path, 'via'], `${label}.via`);
      }
      if (step.verify.action === 'parity') {
        knownSite(step.verify.primary, [...path, 'primary'], `${label}.primary`);
        knownSite(step.verify.secondary, [...path, 'secondary'], `${label}.secondary`);
      }
    }
  }
  for (const [index, record] of data.history.entries()) {
    if (!seen.has(record.plan)) at(['history', index, 'plan'], `history[${index}].plan: unknown plan ${JSON.stringify(record.plan)}; expected one of ${[...seen.keys()].join(', ')}`);
    if (Date.parse(record.finished_at) < Date.parse(record.started_at)) at(['history', index, 'finished_at'], `history[${index}].finished_at: ends before it started (${record.started_at})`);
  }
  return problems;
}

function normalisePlans(data: DrillPlansFile): DrillPlans {
  return {
    sites: Object.entries(data.sites).map(([id, site]) => ({ id, name: site.name, timeZone: site.time_zone })),
    cadence: data.cadence.map((requirement) => ({ kind: requirement.kind, site: requirement.site, everyDays: requirement.every_days })),
    plans: data.plans.map(normalisePlan),
    history: data.history.map((record) => ({
      plan: record.plan,
      startedAt: new Date(record.started_at).toISOString(),
      finishedAt: new Date(record.finished_at).toISOString(),
      outcome: record.outcome,
      lead: record.lead,
      measuredRtoMinutes: record.measured.rto_minutes ?? null,
      measuredRpoMinutes: record.measured.rpo_minutes ?? null,
      actions: record.actions.map((action) => ({ title: action.title, open: action.open })),
    })),
  };
}

function normalisePlan(plan: DrillPlansFile['plans'][number]): DrillPlan {
  const recurrence = parseRecurrence(plan.schedule);
  if (!recurrence.ok) throw new Error(recurrence.message); // checked in referenceProblems
  return {
    id: plan.id,
    title: plan.title,
    kind: plan.kind,
    scope: { site: plan.scope.site, roles: plan.scope.roles, hosts: plan.scope.hosts },
    schedule: { text: plan.schedule.trim(), timeZone: recurrence.timeZone },
    owner: plan.owner,
    participants: plan.participants,
    rtoMinutes: plan.targets.rto_minutes,
    rpoMinutes: plan.targets.rpo_minutes,
    graceDays: plan.grace_days,
    steps: plan.steps.map((step) => {
      const common = { title: step.title, timeboxMinutes: step.timebox_minutes };
      if (step.type === 'checklist') return { type: 'checklist', ...common };
      if (step.type === 'change') return { type: 'change', ...common, host: step.host, argv: step.argv };
      const verify = step.verify;
      switch (verify.action) {
        case 'scan':
          return { type: 'verification', ...common, verify: { action: 'scan', site: verify.site, via: verify.via ?? null } };
        case 'parity':
          return { type: 'verification', ...common, verify: { action: 'parity', primary: verify.primary, secondary: verify.secondary } };
        case 'tcp-port':
          return { type: 'verification', ...common, verify: { action: 'tcp-port', host: verify.host, port: verify.port } };
        case 'command':
          return { type: 'verification', ...common, verify: { action: 'command', host: verify.host, argv: verify.argv, expectExit: verify.expect_exit, expectOutput: verify.expect_output ?? null } };
      }
    }),
  };
}

function hazardWarnings(plans: DrillPlans): LocatedMessage[] {
  return plans.plans.flatMap((plan, index) =>
    summariseHazards(daylightSavingHazards(plan)).map((sentence) => ({ path: ['plans', index, 'schedule'], target: 'value' as const, message: `plans[${index}].schedule: ${sentence}` })),
  );
}
