// The verdict of the newest finished site-failover drill run, from its event
// log: held when it finished with a measured RTO within the plan's target.
import type { CheckVerdict } from './control-status';
import { foldRunEvents, type StoredRunEvent } from '../drills/drill-run-events';

export const SITE_FAILOVER_KIND = 'site-failover-readiness';

/** `runs` newest first; the verdict per drilled site (the plan's scope) and the newest overall. */
export function failoverDrillVerdicts(runs: StoredRunEvent[][]): { bySite: Record<string, CheckVerdict>; newest: CheckVerdict | null } {
  const bySite: Record<string, CheckVerdict> = {};
  let newest: CheckVerdict | null = null;
  for (const events of runs) {
    const state = foldRunEvents(events);
    const target = state.plan.rtoMinutes;
    const measured = state.measuredRtoMinutes;
    const failedSteps = state.steps.filter((step) => step.result === 'failed').length;
    const at = state.endedAt ?? state.startedAt;
    const verdict: CheckVerdict =
      state.status === 'aborted'
        ? { status: 'broken', detail: `drill "${state.plan.title}" ${at.slice(0, 10)} was aborted: ${state.abortReason ?? ''}`, at }
        : measured === null
          ? { status: 'at-risk', detail: `drill "${state.plan.title}" ${at.slice(0, 10)} finished without a measured RTO (target ${target} min)`, at }
          : measured > target || failedSteps > 0
            ? {
                status: 'broken',
                detail: `drill "${state.plan.title}" ${at.slice(0, 10)}: RTO ${measured} min against a target of ${target} min${failedSteps ? `, ${failedSteps} step(s) failed` : ''}`,
                at,
              }
            : { status: 'holds', detail: `drill "${state.plan.title}" ${at.slice(0, 10)}: RTO ${measured} min within the target of ${target} min`, at };
    newest ??= verdict;
    bySite[state.plan.scope.site] ??= verdict;
  }
  return { bySite, newest };
}
