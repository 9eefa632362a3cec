// Starting a drill (which plan, who) and resuming a live one: after a reload
// or a restart the live runs are listed here, each opened where it was.
import { useState } from 'react';
import type { DrillsScheduleView } from '../../../preload/contract';
import type { DrillRunControls } from './useDrillRun';

const NAME_KEY = 'opsdeck.drillEngineer';

export function DrillRunStart({ controls, view }: { controls: DrillRunControls; view: DrillsScheduleView }) {
  const firstDue = view.plans.find((plan) => plan.state === 'overdue' || plan.state === 'due') ?? view.plans[0];
  const [planId, setPlanId] = useState(firstDue?.id ?? '');
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const plan = view.plans.find((candidate) => candidate.id === planId);
  const liveFor = new Set(controls.liveRuns.map((run) => run.planId));
  return (
    <section aria-labelledby="drill-start-title">
      <h2 id="drill-start-title">Run a drill</h2>
      {controls.liveRuns.map((run) => (
        <p key={run.runId} className="drill-live-banner" data-testid="drill-live-run">
          ▶ Live: <strong>{run.planTitle}</strong>, led by {run.lead}, on step {run.currentStep === null ? 'finish' : `${run.currentStep + 1} of ${run.steps.length}`}{' '}
          <button type="button" onClick={() => controls.open(run.runId)}>
            Resume
          </button>
        </p>
      ))}
      <form
        className="drill-start"
        onSubmit={(event) => {
          event.preventDefault();
          localStorage.setItem(NAME_KEY, name.trim());
          void controls.start(planId, plan && plan.state !== 'scheduled' && plan.since ? plan.since.instant : null, name.trim());
        }}
      >
        <label>
          Plan
          <select value={planId} onChange={(event) => setPlanId(event.target.value)}>
            {view.plans.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.title} ({candidate.state})
              </option>
            ))}
          </select>
        </label>
        <label>
          Your name
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} autoComplete="name" />
        </label>
        <button type="submit" className="primary" disabled={!name.trim() || !plan || liveFor.has(planId) || controls.busy}>
          Start the drill
        </button>
        {liveFor.has(planId) && <span className="muted">this plan has a live run: resume it above (one live run per plan)</span>}
        {plan?.since && plan.state !== 'scheduled' && <span className="muted">for the drill due since {plan.since.site}</span>}
      </form>
      {controls.error && (
        <p role="alert" className="error">
          {controls.error}
        </p>
      )}
    </section>
  );
}
