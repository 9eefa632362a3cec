// A live drill run is its event log: appended to the store before the UI
// shows anything as done, never changed afterwards, and folded here into the
// run's state. Resuming after a crash is folding the same events again.
import type { DrillPlan } from './drill-plan';

export type StepResult = 'done' | 'failed' | 'skipped';

export type DrillRunEvent =
  /** `occurrence`: the scheduled occurrence (ISO instant) the run is for; absent in logs written before it existed. */
  | { type: 'started'; plan: DrillPlan; lead: string; occurrence?: string | null }
  | { type: 'step-started'; step: number }
  | { type: 'change-confirmed'; step: number; typed: string }
  | { type: 'step-output'; step: number; host: string; exitCode: number | null; sha256: string; bytes: number; summary: string }
  | { type: 'step-finished'; step: number; result: StepResult; note: string }
  | { type: 'handed-over'; to: string; note: string }
  | { type: 'aborted'; reason: string }
  | { type: 'finished'; rpoMinutes: number | null; actions: string[] };

/** An event as stored: who and when are the store's, not the payload's. */
export interface StoredRunEvent {
  runId: string;
  seq: number;
  at: string;
  actor: string;
  event: DrillRunEvent;
}

export interface StepState {
  index: number;
  startedAt: string | null;
  finishedAt: string | null;
  result: StepResult | null;
  note: string;
  outputs: { host: string; exitCode: number | null; sha256: string; bytes: number; summary: string }[];
  confirmedBy: string | null;
}

export interface DrillRunState {
  runId: string;
  plan: DrillPlan;
  status: 'live' | 'aborted' | 'finished';
  startedAt: string;
  startedBy: string;
  lead: string;
  occurrence: string | null;
  /** The first step not finished, or null when all are. */
  currentStep: number | null;
  steps: StepState[];
  handovers: { at: string; from: string; to: string; note: string }[];
  endedAt: string | null;
  abortReason: string | null;
  /** Start to the last passed verification (service verified), in minutes; null until one passed. */
  measuredRtoMinutes: number | null;
  measuredRpoMinutes: number | null;
  actions: string[];
}

/** Throws on a log that does not start with `started`: that is a store fault, not operator input. */
export function foldRunEvents(events: readonly StoredRunEvent[]): DrillRunState {
  const [first, ...rest] = events;
  if (!first || first.event.type !== 'started') throw new Error(`drill run ${first?.runId ?? '?'}: the event log does not begin with "started"`);
  const { plan, lead } = first.event;
  const state: DrillRunState = {
    runId: first.runId,
    plan,
    status: 'live',
    startedAt: first.at,
    startedBy: first.actor,
    lead,
    occurrence: first.event.occurrence ?? null,
    currentStep: plan.steps.length > 0 ? 0 : null,
    steps: plan.steps.map((_, index) => ({ index, startedAt: null, finishedAt: null, result: null, note: '', outputs: [], confirmedBy: null })),
    handovers: [],
    endedAt: null,
    abortReason: null,
    measuredRtoMinutes: null,
    measuredRpoMinutes: null,
    actions: [],
  };
  for (const stored of rest) apply(state, stored);
  state.currentStep = state.steps.find((step) => step.result === null)?.index ?? null;
  return state;
}

function apply(state: DrillRunState, { at, event }: StoredRunEvent): void {
  const step = 'step' in event ? state.steps[event.step] : undefined;
  switch (event.type) {
    case 'started':
      throw new Error(`drill run ${state.runId}: a second "started" event`);
    case 'step-started':
      if (step) step.startedAt ??= at;
      return;
    case 'change-confirmed':
      if (step) step.confirmedBy = event.typed;
      return;
    case 'step-output':
      step?.outputs.push({ host: event.host, exitCode: event.exitCode, sha256: event.sha256, bytes: event.bytes, summary: event.summary });
      return;
    case 'step-finished':
      if (!step) return;
      step.startedAt ??= at;
      step.finishedAt = at;
      step.result = event.result;
      step.note = event.note;
      if (event.result === 'done' && state.plan.steps[event.step]?.type === 'verification') state.measuredRtoMinutes = minutesBetween(state.startedAt, at);
      return;
    case 'handed-over':
      state.handovers.push({ at, from: state.lead, to: event.to, note: event.note });
      state.lead = event.to;
      return;
    case 'aborted':
      state.status = 'aborted';
      state.endedAt = at;
      state.abortReason = event.reason;
      return;
    case 'finished':
      state.status = 'finished';
      state.endedAt = at;
      state.measuredRpoMinutes = event.rpoMinutes;
      state.actions = event.actions;
      return;
  }
}

function minutesBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / 60_000) * 10) / 10;
}
