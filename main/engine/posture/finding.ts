// A finding: one thing about one host that does not hold a promise of the
// provider's published security measures (seed/annex-2.txt), with the
// evidence that shows it. Plain data, computed by pure functions from facts
// and policy.
import type { FindingView, PostureArea, Severity } from '../../../preload/contract';
import type { ControlId } from '../../../preload/controls';

export type { PostureArea, Severity, ControlId };
export { CONTROLS } from '../../../preload/controls';

export type FindingEvidence = FindingView['evidence'];

/** A finding as the posture step makes it; `control` is one of CONTROLS. */
export interface Finding extends FindingView {
  control: ControlId;
}

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
