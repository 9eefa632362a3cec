// Live drill runs: start, step check-off with notes, verification and change
// steps run through a StepCommandRunner (the engine's audited SSH path),
// hand-over, abort, finish with the measured RTO/RPO. Every action is an
// event appended to the store before this returns, so what the UI shows as
// done is already on disk. A change step runs only after the operator typed
// the target host's name.
import { createHash, randomUUID } from 'node:crypto';
import type { DrillChecks } from './drill-checks';
import type { DrillPlan, DrillStep } from './drill-plan';
import { foldRunEvents, type DrillRunEvent, type DrillRunState, type StepResult } from './drill-run-events';
import { DrillRunConflict, type DrillRunStore } from './drill-run-store';

export interface StepCommandOutput {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv (word by word, never a shell string) on a host, recorded in the audit log by the implementation. */
export interface StepCommandRunner {
  run(host: string, argv: readonly string[], purpose: string): Promise<StepCommandOutput>;
}

export class ChangeNotConfirmed extends Error {}

export class DrillRunService {
  constructor(
    private readonly store: DrillRunStore,
    private readonly runner: StepCommandRunner,
    private readonly clock: () => Date = () => new Date(),
    /** scan, parity and tcp-port verifications; without them such a step is recorded by hand. */
    private readonly checks: DrillChecks | null = null,
  ) {}

  async start(plan: DrillPlan, lead: string, occurrence: string | null = null): Promise<DrillRunState> {
    return this.store.create(`drill-${randomUUID()}`, this.clock(), lead, { type: 'started', plan, lead, occurrence });
  }

  async state(runId: string): Promise<DrillRunState> {
    const events = await this.store.events(runId);
    if (events.length === 0) throw new DrillRunConflict(`no drill run ${runId}`);
    return foldRunEvents(events);
  }

  async startStep(runId: string, step: number, actor: string): Promise<DrillRunState> {
    return this.store.append(runId, this.clock(), actor, [{ type: 'step-started', step }], (state) => requireCurrent(state, step));
  }

  /** Check-off of a checklist step; a verification or change step may be marked failed or skipped by hand, never done. */
  async finishStep(runId: string, step: number, result: StepResult, note: string, actor: string): Promise<DrillRunState> {
    return this.store.append(runId, this.clock(), actor, [{ type: 'step-finished', step, result, note }], (state) => {
      requireCurrent(state, step);
      const kind = state.plan.steps[step]!.type;
      if (result === 'done' && kind !== 'checklist') throw new DrillRunConflict(`step ${step + 1} is a ${kind} step: it is done when OpsDeck has run it, not by ticking it`);
    });
  }

  /** A `command` verification: runs on its host, captures the output's sha256, passes when exit status (and output, if given) match. */
  async runVerification(runId: string, step: number, actor: string): Promise<DrillRunState> {
    const state = await this.store.append(runId, this.clock(), actor, [{ type: 'step-started', step }], (current) => requireCurrent(current, step));
    const planned = state.plan.steps[step]!;
    if (planned.type !== 'verification') throw new DrillRunConflict(`step ${step + 1} is not a verification step`);
    const verify = planned.verify;
    if (verify.action !== 'command') {
      if (!this.checks) throw new DrillRunConflict(`step ${step + 1}: the "${verify.action}" verification cannot be run here; record its result by hand (failed or skipped) with a note`);
      const result = await this.checks.run(verify, runId);
      const events: DrillRunEvent[] = result.evidence.map((evidence) => outputEvent(step, evidence.host, evidence.exitCode, evidence.text));
      events.push({ type: 'step-finished', step, result: result.passed ? 'done' : 'failed', note: result.note });
      return this.store.append(runId, this.clock(), actor, events, (current) => requireCurrent(current, step));
    }
    const output = await this.runner.run(verify.host, verify.argv, `drill ${state.plan.id} step ${step + 1} (verification)`);
    const passed = output.exitCode === verify.expectExit && (verify.expectOutput === null || output.stdout.includes(verify.expectOutput));
    const note = passed
      ? 'verified'
      : `expected exit ${verify.expectExit}${verify.expectOutput === null ? '' : ` and output containing ${JSON.stringify(verify.expectOutput)}`}, got exit ${output.exitCode ?? 'none'}`;
    return this.recordOutput(runId, step, verify.host, output, passed ? 'done' : 'failed', note, actor);
  }

  /** The change runs only when `typedTarget` is exactly the step's host; otherwise nothing runs and nothing is recorded. */
  async runChange(runId: string, step: number, typedTarget: string, actor: string): Promise<DrillRunState> {
    let planned: DrillStep | undefined;
    const state = await this.store.append(
      runId,
      this.clock(),
      actor,
      [
        { type: 'step-started', step },
        { type: 'change-confirmed', step, typed: typedTarget },
      ],
      (current) => {
        requireCurrent(current, step);
        planned = current.plan.steps[step];
        if (planned?.type !== 'change') throw new DrillRunConflict(`step ${step + 1} is not a change step`);
        if (typedTarget !== planned.host) throw new ChangeNotConfirmed(`step ${step + 1} changes ${planned.host}: type that name exactly to run it (got ${JSON.stringify(typedTarget)})`);
      },
    );
    const change = state.plan.steps[step] as Extract<DrillStep, { type: 'change' }>;
    const output = await this.runner.run(change.host, change.argv, `drill ${state.plan.id} step ${step + 1} (change, confirmed by ${actor})`);
    return this.recordOutput(runId, step, change.host, output, output.exitCode === 0 ? 'done' : 'failed', output.exitCode === 0 ? 'changed' : `exit ${output.exitCode ?? 'none'}`, actor);
  }

  async handOver(runId: string, to: string, note: string, actor: string): Promise<DrillRunState> {
    if (!to.trim()) throw new DrillRunConflict("hand over to whom? give the engineer's name");
    return this.store.append(runId, this.clock(), actor, [{ type: 'handed-over', to: to.trim(), note }], () => undefined);
  }

  async abort(runId: string, reason: string, actor: string): Promise<DrillRunState> {
    if (!reason.trim()) throw new DrillRunConflict('an aborted drill needs a reason');
    return this.store.append(runId, this.clock(), actor, [{ type: 'aborted', reason: reason.trim() }], () => undefined);
  }

  async finish(runId: string, rpoMinutes: number | null, actions: string[], actor: string): Promise<DrillRunState> {
    return this.store.append(runId, this.clock(), actor, [{ type: 'finished', rpoMinutes, actions }], (state) => {
      if (state.currentStep !== null) throw new DrillRunConflict(`step ${state.currentStep + 1} is not finished; finish, fail or skip it first`);
    });
  }

  private recordOutput(runId: string, step: number, host: string, output: StepCommandOutput, result: StepResult, note: string, actor: string): Promise<DrillRunState> {
    const events: DrillRunEvent[] = [outputEvent(step, host, output.exitCode, `${output.stdout}${output.stderr}`), { type: 'step-finished', step, result, note }];
    return this.store.append(runId, this.clock(), actor, events, (state) => requireCurrent(state, step));
  }
}

/** Evidence kept in the run: the output's sha256 and size, and its first 2,000 characters. */
function outputEvent(step: number, host: string, exitCode: number | null, text: string): DrillRunEvent {
  return { type: 'step-output', step, host, exitCode, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text), summary: text.slice(0, 2000) };
}

function requireCurrent(state: DrillRunState, step: number): void {
  if (!Number.isInteger(step) || step < 0 || step >= state.steps.length) throw new DrillRunConflict(`drill ${state.plan.id} has no step ${step + 1}`);
  if (state.steps[step]!.result !== null) throw new DrillRunConflict(`step ${step + 1} is already ${state.steps[step]!.result}`);
  if (state.currentStep !== step) throw new DrillRunConflict(`step ${(state.currentStep ?? 0) + 1} comes first`);
}
