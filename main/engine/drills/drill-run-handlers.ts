// The contract's live-run calls (drills.startRun, drills.runStep, …): each
// one a DrillRunService call on the store's event log, its host commands
// through the audited step runner (the inventory's route, the audit log
// before and after), its answer the run folded into the view the live-run
// screen and the CLI show, with the measured RTO/RPO against the targets.
import type { DrillRunStepView, DrillRunView } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { EngineError } from '../dispatch/engine-error';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import type { SqlClient } from '../store/sql-client';
import { auditedStepRunner, quoteArgv } from './audited-step-runner';
import { drillChecks, type DrillChecksDeps } from './drill-checks';
import type { DrillPlan, DrillStep } from './drill-plan';
import type { DrillRunState } from './drill-run-events';
import { DrillRunService } from './drill-run-service';
import { DrillRunStore } from './drill-run-store';

export interface DrillRunDeps extends DrillChecksDeps {
  sql: SqlClient;
  executor: CommandExecutor;
  audit: CommandAudit;
  targetFor(host: string): ScanTarget | null;
  now(): Date;
}

type RunMethods = 'drills.liveRuns' | 'drills.startRun' | 'drills.run' | 'drills.runStep' | 'drills.handOver' | 'drills.abortRun' | 'drills.finishRun';

const STEP_TIMEOUT_MS = 5 * 60_000;

export function drillRunHandlers(deps: DrillRunDeps, planById: (id: string) => Promise<DrillPlan | null>): Pick<HandlerTable, RunMethods> {
  const store = new DrillRunStore(deps.sql);
  const checks = drillChecks(deps);
  const service = (runId: string) =>
    new DrillRunService(store, auditedStepRunner({ executor: deps.executor, audit: deps.audit, targetFor: deps.targetFor, auditRunId: runId, timeoutMs: STEP_TIMEOUT_MS }), deps.now, checks);
  const view = async (state: Promise<DrillRunState>) => drillRunView(await state);
  return {
    'drills.liveRuns': async () => Promise.all((await store.liveRunIds()).map(({ runId }) => view(service(runId).state(runId)))),
    'drills.startRun': async ({ plan: id, occurrence, by }) => {
      const plan = await planById(id);
      if (!plan) throw new EngineError('not-found', `no drill plan "${id}" in the plans in use`);
      return view(service('new').start(plan, by, occurrence));
    },
    'drills.run': ({ runId }) => view(service(runId).state(runId)),
    'drills.runStep': ({ runId, step, action, note, typedTarget, by }) => {
      const runs = service(runId);
      switch (action) {
        case 'start':
          return view(runs.startStep(runId, step, by));
        case 'run':
          return view(runs.runVerification(runId, step, by));
        case 'change':
          return view(runs.runChange(runId, step, typedTarget ?? '', by));
        default:
          return view(runs.finishStep(runId, step, action, note, by));
      }
    },
    'drills.handOver': ({ runId, to, note, by }) => view(service(runId).handOver(runId, to, note, by)),
    'drills.abortRun': ({ runId, reason, by }) => view(service(runId).abort(runId, reason, by)),
    'drills.finishRun': ({ runId, rpoMinutes, actions, by }) => view(service(runId).finish(runId, rpoMinutes, actions, by)),
  };
}

export function drillRunView(state: DrillRunState): DrillRunView {
  const { plan } = state;
  return {
    runId: state.runId,
    planId: plan.id,
    planTitle: plan.title,
    site: plan.scope.site,
    status: state.status,
    occurrence: state.occurrence,
    startedAt: state.startedAt,
    startedBy: state.startedBy,
    lead: state.lead,
    currentStep: state.currentStep,
    steps: state.steps.map((step) => ({
      ...stepDescription(plan.steps[step.index]!),
      index: step.index,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      result: step.result,
      note: step.note,
      outputs: step.outputs,
    })),
    handovers: state.handovers,
    endedAt: state.endedAt,
    abortReason: state.abortReason,
    rtoTargetMinutes: plan.rtoMinutes,
    rpoTargetMinutes: plan.rpoMinutes,
    measuredRtoMinutes: state.measuredRtoMinutes,
    measuredRpoMinutes: state.measuredRpoMinutes,
    rtoMet: state.measuredRtoMinutes === null ? null : state.measuredRtoMinutes <= plan.rtoMinutes,
    rpoMet: state.measuredRpoMinutes === null ? null : state.measuredRpoMinutes <= plan.rpoMinutes,
    actions: state.actions,
  };
}

function stepDescription(step: DrillStep): Pick<DrillRunStepView, 'type' | 'title' | 'timeboxMinutes' | 'runs' | 'confirmTarget'> {
  const base = { type: step.type, title: step.title, timeboxMinutes: step.timeboxMinutes };
  if (step.type === 'checklist') return { ...base, runs: null, confirmTarget: null };
  if (step.type === 'change') return { ...base, runs: `on ${step.host}: ${quoteArgv(step.argv)}`, confirmTarget: step.host };
  const verify = step.verify;
  switch (verify.action) {
    case 'command':
      return { ...base, runs: `on ${verify.host}: ${quoteArgv(verify.argv)} (expects exit ${verify.expectExit})`, confirmTarget: null };
    case 'scan':
      return { ...base, runs: `posture scan of site ${verify.site}${verify.via ? ` through ${verify.via}'s route` : ''}`, confirmTarget: null };
    case 'parity':
      return { ...base, runs: `parity of site ${verify.secondary}'s hosts against site ${verify.primary}'s with the same roles (stored scan facts)`, confirmTarget: null };
    case 'tcp-port':
      return { ...base, runs: `TCP port ${verify.port} on ${verify.host}, from its site's bastion`, confirmTarget: null };
  }
}
