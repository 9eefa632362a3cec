// The one step the drill is on, in large type: what it is, what OpsDeck runs
// for it and where (as text), a note, and the buttons — each with its key:
// D done, F failed, S skipped, R run the verification, N the note. A change
// step runs only once the target's name is typed exactly.
import { useEffect, useRef, useState } from 'react';
import type { DrillRunStepView, DrillRunView } from '../../../preload/contract';
import type { DrillRunControls, StepAction } from './useDrillRun';

const TYPE_LABEL: Record<DrillRunStepView['type'], string> = {
  checklist: 'Checklist item',
  verification: 'Verification (read-only, run by OpsDeck)',
  change: 'Change — runs only after you type the target',
};

export function CurrentStep({ controls, run, step }: { controls: DrillRunControls; run: DrillRunView; step: DrillRunStepView }) {
  const [note, setNote] = useState('');
  const [typed, setTyped] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const act = (action: StepAction) => void controls.step(step.index, action, note.trim(), action === 'change' ? typed : null);
  const confirmed = step.confirmTarget !== null && typed === step.confirmTarget;
  const keys: Partial<Record<string, StepAction | 'note'>> = {
    n: 'note',
    f: 'failed',
    s: 'skipped',
    ...(step.type === 'checklist' ? { d: 'done' } : {}),
    ...(step.type === 'verification' ? { r: 'run' } : {}),
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const action = keys[event.key.toLowerCase()];
      if (!action || controls.busy) return;
      event.preventDefault();
      if (action === 'note') noteRef.current?.focus();
      else act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="drill-step" aria-labelledby="drill-step-title" data-testid="drill-current-step" data-step={step.index} data-type={step.type}>
      <p className="drill-step-count">
        Step {step.index + 1} of {run.steps.length} · {TYPE_LABEL[step.type]} · timebox {step.timeboxMinutes} min
      </p>
      <h2 id="drill-step-title" className="drill-step-title">
        {step.title}
      </h2>
      {step.runs && (
        <p className="drill-step-runs">
          Runs:{' '}
          <code className="mono" data-testid="drill-step-runs">
            {step.runs}
          </code>
        </p>
      )}
      {step.type === 'change' && (
        <label className="drill-confirm">
          Type <strong className="mono">{step.confirmTarget}</strong> to confirm the change
          <input className="mono" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} aria-describedby="drill-step-title" />
        </label>
      )}
      <label className="drill-note">
        Note (N)
        <textarea ref={noteRef} value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={4000} onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()} />
      </label>
      <div className="drill-step-buttons">
        {!step.startedAt && (
          <button type="button" onClick={() => act('start')} disabled={controls.busy}>
            Start the step stopwatch
          </button>
        )}
        {step.type === 'checklist' && (
          <button type="button" className="primary" aria-keyshortcuts="D" onClick={() => act('done')} disabled={controls.busy}>
            ✓ Done (D)
          </button>
        )}
        {step.type === 'verification' && (
          <button type="button" className="primary" aria-keyshortcuts="R" onClick={() => act('run')} disabled={controls.busy}>
            ▶ Run the verification (R)
          </button>
        )}
        {step.type === 'change' && (
          <button type="button" className="primary danger" onClick={() => act('change')} disabled={controls.busy || !confirmed}>
            ▶ Run the change on {step.confirmTarget}
          </button>
        )}
        <button type="button" aria-keyshortcuts="F" onClick={() => act('failed')} disabled={controls.busy}>
          ✕ Failed (F)
        </button>
        <button type="button" aria-keyshortcuts="S" onClick={() => act('skipped')} disabled={controls.busy}>
          — Skipped (S)
        </button>
      </div>
      {controls.busy && (
        <p role="status" className="muted">
          Working… the step is shown done only once it is recorded.
        </p>
      )}
    </section>
  );
}
