// A drill run's timeline: every step with its result (word and mark, not
// colour alone), when it started and finished, its note and the evidence
// OpsDeck captured (sha256, size, the output's start as text); hand-overs.
import type { DrillRunStepView, DrillRunView } from '../../../preload/contract';
import { stopwatchText } from './drill-run-clock';

const RESULT_LABEL: Record<NonNullable<DrillRunStepView['result']>, string> = { done: '✓ done', failed: '✕ failed', skipped: '— skipped' };
const RESULT_CLASS: Record<NonNullable<DrillRunStepView['result']>, string> = { done: 'badge badge-done', failed: 'badge badge-failed', skipped: 'badge badge-none' };

const clock = (iso: string | null) => (iso ? iso.slice(11, 19) : '—');

export function DrillRunTimeline({ run }: { run: DrillRunView }) {
  return (
    <section aria-labelledby="drill-timeline-title">
      <h2 id="drill-timeline-title">Timeline</h2>
      <ol className="drill-timeline" data-testid="drill-timeline">
        {run.steps.map((step) => (
          <li key={step.index} data-step={step.index} data-result={step.result ?? 'open'} className={step.index === run.currentStep ? 'current' : ''}>
            <div className="drill-timeline-head">
              <span className={step.result ? RESULT_CLASS[step.result] : 'badge badge-none'}>{step.result ? RESULT_LABEL[step.result] : step.index === run.currentStep ? '▸ now' : 'to do'}</span>
              <strong>
                {step.index + 1}. {step.title}
              </strong>
              <span className="mono muted">
                {clock(step.startedAt)} → {clock(step.finishedAt)} UTC
                {step.startedAt && step.finishedAt ? ` (${stopwatchText(step.startedAt, Date.parse(step.finishedAt))}, timebox ${step.timeboxMinutes} min)` : ''}
              </span>
            </div>
            {step.note && <p className="drill-timeline-note">{step.note}</p>}
            {step.outputs.map((output, index) => (
              <details key={index} className="drill-evidence">
                <summary className="mono">
                  {output.host} · exit {output.exitCode ?? 'none'} · {output.bytes} bytes · sha256 <span data-testid="drill-evidence-sha256">{output.sha256}</span>
                </summary>
                <pre className="mono">{output.summary}</pre>
              </details>
            ))}
          </li>
        ))}
      </ol>
      {run.handovers.length > 0 && (
        <ul className="drill-handovers" data-testid="drill-handovers">
          {run.handovers.map((handover) => (
            <li key={handover.at}>
              <span className="mono">{clock(handover.at)} UTC</span> handed over from <strong>{handover.from}</strong> to <strong>{handover.to}</strong>
              {handover.note ? `: ${handover.note}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
