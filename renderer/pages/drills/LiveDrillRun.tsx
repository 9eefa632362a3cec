// The live drill run screen, for the on-call engineer at 3 a.m.: large type,
// one step at a time, keyboard driven (D done, F failed, S skipped, R run,
// N note). Who started it and when, the whole drill's and the step's
// stopwatch, the RTO burn-down, the timeline; at the end the measured RTO and
// RPO against the targets, pass/fail per step and the follow-up actions.
import { useState } from 'react';
import type { DrillRunView } from '../../../preload/contract';
import { DrillRunEnd, FinishRunForm } from './DrillRunEnd';
import { DrillRunTimeline } from './DrillRunTimeline';
import { CurrentStep } from './CurrentStep';
import { minutesSince, stopwatchText, useNow } from './drill-run-clock';
import { RtoBurnDown } from './RtoBurnDown';
import type { DrillRunControls } from './useDrillRun';
import './drill-run.css';

export function LiveDrillRun({ controls, run }: { controls: DrillRunControls; run: DrillRunView }) {
  const live = run.status === 'live';
  const now = useNow(live);
  const end = run.endedAt ? Date.parse(run.endedAt) : now;
  const step = run.currentStep === null ? null : run.steps[run.currentStep]!;
  const overRto = minutesSince(run.startedAt, end) > run.rtoTargetMinutes;
  return (
    <div className="drill-run" data-testid="drill-run" data-status={run.status}>
      <header className="page-head">
        <h1>
          {run.planTitle} <span className="muted mono">{run.planId}</span>
        </h1>
        <button type="button" onClick={() => controls.open(null)}>
          Back to the schedule
        </button>
      </header>
      <p className="drill-run-who" data-testid="drill-run-who">
        Started by <strong>{run.startedBy}</strong> at <span className="mono">{run.startedAt.replace('T', ' ').slice(0, 19)} UTC</span>
        {run.occurrence ? (
          <>
            {' '}
            for the drill due <span className="mono">{run.occurrence.replace('T', ' ').slice(0, 16)} UTC</span>
          </>
        ) : (
          ' (off schedule)'
        )}{' '}
        · lead now <strong data-testid="drill-run-lead">{run.lead}</strong>
      </p>
      <div className="drill-run-clocks" role="group" aria-label="Stopwatches">
        <div className="drill-clock">
          <span className="muted">Drill</span>
          <span className={`drill-clock-figure ${overRto ? 'error' : ''}`} data-testid="drill-stopwatch">
            {stopwatchText(run.startedAt, end)}
          </span>
          <span className="muted">
            RTO target {run.rtoTargetMinutes} min{overRto ? ' — ✕ exceeded' : ''}
          </span>
        </div>
        {step && live && (
          <div className="drill-clock">
            <span className="muted">Step {step.index + 1}</span>
            <span className="drill-clock-figure" data-testid="drill-step-stopwatch">
              {step.startedAt ? stopwatchText(step.startedAt, now) : 'not started'}
            </span>
            <span className="muted">timebox {step.timeboxMinutes} min</span>
          </div>
        )}
        <RtoBurnDown run={run} now={end} />
      </div>
      {controls.error && (
        <p role="alert" className="error drill-run-error">
          {controls.error}
        </p>
      )}
      {live && step && <CurrentStep key={step.index} controls={controls} run={run} step={step} />}
      {live && !step && <FinishRunForm controls={controls} run={run} />}
      {!live && <DrillRunEnd run={run} />}
      {live && <RunSideActions controls={controls} />}
      <DrillRunTimeline run={run} />
    </div>
  );
}

function RunSideActions({ controls }: { controls: DrillRunControls }) {
  const [to, setTo] = useState('');
  const [handNote, setHandNote] = useState('');
  const [reason, setReason] = useState('');
  return (
    <div className="drill-run-side">
      <form
        aria-label="Hand over"
        onSubmit={(event) => {
          event.preventDefault();
          void controls.handOver(to, handNote).then(() => (setTo(''), setHandNote('')));
        }}
      >
        <label>
          Hand over to <input value={to} onChange={(event) => setTo(event.target.value)} placeholder="engineer's name" required maxLength={100} />
        </label>
        <label>
          Note <input value={handNote} onChange={(event) => setHandNote(event.target.value)} maxLength={4000} />
        </label>
        <button type="submit" disabled={controls.busy || !to.trim()}>
          Hand over
        </button>
      </form>
      <form
        aria-label="Abort the drill"
        onSubmit={(event) => {
          event.preventDefault();
          void controls.abort(reason);
        }}
      >
        <label>
          Abort reason <input value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={4000} />
        </label>
        <button type="submit" className="danger" disabled={controls.busy || !reason.trim()}>
          Abort drill
        </button>
      </form>
    </div>
  );
}
