// The end of a drill run: the form that closes it (RPO measured, follow-up
// actions one per line) and, once closed, the measured RTO and RPO against
// the targets, pass/fail per step and the actions.
import { useState } from 'react';
import type { DrillRunView } from '../../../preload/contract';
import type { DrillRunControls } from './useDrillRun';

export function FinishRunForm({ controls, run }: { controls: DrillRunControls; run: DrillRunView }) {
  const [rpo, setRpo] = useState('');
  const [actions, setActions] = useState('');
  const rpoValue = rpo.trim() === '' ? null : Number(rpo);
  const rpoBad = rpoValue !== null && (!Number.isFinite(rpoValue) || rpoValue < 0);
  return (
    <form
      className="drill-step"
      aria-label="Finish the drill"
      data-testid="drill-finish"
      onSubmit={(event) => {
        event.preventDefault();
        if (rpoBad) return;
        void controls.finish(
          rpoValue,
          actions
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        );
      }}
    >
      <h2 className="drill-step-title">All {run.steps.length} steps are recorded — close the drill</h2>
      <label>
        RPO measured: age of the data at failover, in minutes (e.g. of the newest backup or replica snapshot; empty if not measured)
        <input inputMode="decimal" value={rpo} onChange={(event) => setRpo(event.target.value)} aria-invalid={rpoBad} />
      </label>
      {rpoBad && <p className="error">The RPO must be a number of minutes, 0 or more (got {JSON.stringify(rpo)}).</p>}
      <label>
        Follow-up actions, one per line
        <textarea rows={3} value={actions} onChange={(event) => setActions(event.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={controls.busy || rpoBad}>
        Finish the drill
      </button>
    </form>
  );
}

function against(measured: number | null, target: number, met: boolean | null): string {
  if (measured === null) return `not measured (target ${target} min)`;
  return `${measured} min against ${target} min — ${met ? '✓ met' : '✕ missed'}`;
}

export function DrillRunEnd({ run }: { run: DrillRunView }) {
  const failed = run.steps.filter((step) => step.result === 'failed').length;
  const passed = run.status === 'finished' && failed === 0 && run.rtoMet !== false && run.rpoMet !== false;
  return (
    <section className="drill-step" aria-labelledby="drill-end-title" data-testid="drill-end">
      <h2 id="drill-end-title" className={`drill-step-title ${passed ? 'ok' : 'error'}`}>
        {run.status === 'aborted' ? `✕ Aborted: ${run.abortReason ?? ''}` : passed ? '✓ Drill passed' : `✕ Drill failed (${failed} step${failed === 1 ? '' : 's'} failed)`}
      </h2>
      <dl className="drill-measures">
        <dt>Measured RTO (start to service verified)</dt>
        <dd data-testid="drill-rto" className={run.rtoMet === false ? 'error' : ''}>
          {against(run.measuredRtoMinutes, run.rtoTargetMinutes, run.rtoMet)}
        </dd>
        <dt>Measured RPO (data age at failover)</dt>
        <dd data-testid="drill-rpo" className={run.rpoMet === false ? 'error' : ''}>
          {against(run.measuredRpoMinutes, run.rpoTargetMinutes, run.rpoMet)}
        </dd>
        <dt>Ended</dt>
        <dd className="mono">{run.endedAt?.replace('T', ' ').slice(0, 19)} UTC</dd>
      </dl>
      <h3>Follow-up actions</h3>
      {run.actions.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul data-testid="drill-actions">
          {run.actions.map((action) => (
            <li key={action}>{action}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
