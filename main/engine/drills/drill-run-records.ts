// A drill run that OpsDeck ran and that has ended is a drill on the record,
// like one written in the plans file's history: it counts for the plan's
// last drill, its occurrence, the cadence and the history. A run still live
// is not on the record yet.
import type { DrillOutcome, DrillRecord } from './drill-plan';
import type { DrillRunState } from './drill-run-events';

export function drillRecordFromRun(state: DrillRunState): DrillRecord | null {
  if (state.status === 'live' || state.endedAt === null) return null;
  return {
    plan: state.plan.id,
    startedAt: state.startedAt,
    finishedAt: state.endedAt,
    outcome: runOutcome(state),
    lead: state.lead,
    measuredRtoMinutes: state.measuredRtoMinutes,
    measuredRpoMinutes: state.measuredRpoMinutes,
    actions: state.actions.map((title) => ({ title, open: true })),
  };
}

/** Aborted stays aborted; a finished run with any failed step failed; else it passed. */
function runOutcome(state: DrillRunState): DrillOutcome {
  if (state.status === 'aborted') return 'aborted';
  return state.steps.some((step) => step.result === 'failed') ? 'failed' : 'passed';
}

/** The file's records and the ended runs together, oldest first; a run the file also records (same plan and start) counts once. */
export function withRunRecords(history: readonly DrillRecord[], runs: readonly DrillRunState[]): DrillRecord[] {
  const known = new Set(history.map((record) => `${record.plan}@${Date.parse(record.startedAt)}`));
  const fromRuns = runs.map(drillRecordFromRun).filter((record): record is DrillRecord => record !== null && !known.has(`${record.plan}@${Date.parse(record.startedAt)}`));
  return [...history, ...fromRuns].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}
