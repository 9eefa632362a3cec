// Disaster-recovery drills: per site, which plans are overdue, due and next
// (site time and UTC); cadence compliance per kind and site; the calendar of
// the next 12 months as an agenda (site time, UTC and the viewer's time), a
// month or a week.
import { useState } from 'react';
import type { DrillPlanRowView, DrillsScheduleView } from '../../../preload/contract';
import { downloadText } from '../../components/download-text';
import { getOpsDeck } from '../../api/opsdeck';
import { DrillCalendar } from './DrillCalendar';
import { DrillNotificationControl } from './DrillNotificationControl';
import './drill-calendar.css';
import { DrillRunStart } from './DrillRunStart';
import { LiveDrillRun } from './LiveDrillRun';
import { useDrillRun } from './useDrillRun';
import { useDrillsSchedule } from './useDrillsSchedule';
import { EngineErrorNote } from '../../components/EngineErrorNote';

const STATE_LABEL: Record<DrillPlanRowView['state'], string> = { overdue: '✕ overdue', due: '! due', scheduled: '✓ scheduled', ended: '— ended' };
const STATE_CLASS: Record<DrillPlanRowView['state'], string> = { overdue: 'badge badge-failed', due: 'badge badge-running', scheduled: 'badge badge-done', ended: 'badge badge-none' };

export function DrillsPage() {
  const { view, error, reload } = useDrillsSchedule();
  const runs = useDrillRun();
  const [exportError, setExportError] = useState<string | null>(null);
  if (runs.run) return <LiveDrillRun controls={runs} run={runs.run} />;
  const overdue = view?.plans.filter((plan) => plan.state === 'overdue').length ?? 0;
  const due = view?.plans.filter((plan) => plan.state === 'due').length ?? 0;
  return (
    <div>
      <header className="page-head">
        <h1>Disaster-recovery drills</h1>
        {view && (
          <span role="status" data-testid="drills-summary" className={overdue > 0 ? 'error' : 'ok'}>
            {overdue} overdue · {due} due · {view.plans.length} plans
          </span>
        )}
        <button type="button" onClick={reload}>
          Refresh
        </button>
        <button type="button" onClick={() => void exportCalendar().then(setExportError)}>
          Export calendar (.ics)
        </button>
      </header>
      <EngineErrorNote error={error} />
      <EngineErrorNote error={exportError} />
      {view && <SourceLine view={view} />}
      <DrillNotificationControl />
      {view && (
        <div className="sites">
          {view.sites.map((site) => (
            <section key={site.id} className="site" data-testid={`drills-site-${site.id}`}>
              <div className="site-head">
                <h2>{site.name}</h2>
                <span className="mono">{site.timeZone}</span>
              </div>
              <PlanTable plans={view.plans.filter((plan) => plan.site === site.id)} />
            </section>
          ))}
        </div>
      )}
      {view && <DrillRunStart controls={runs} view={view} />}
      {view && <CadenceTable view={view} />}
      {view && <DrillCalendar view={view} />}
    </div>
  );
}

/** Offers the schedule as an .ics download; the engine's message when it cannot. */
async function exportCalendar(): Promise<string | null> {
  const result = await getOpsDeck()?.drills.ics({});
  if (!result) return 'the engine is not reachable';
  if (!result.ok) return `calendar export failed: ${result.error.message}`;
  downloadText(result.value.fileName, result.value.text, 'text/calendar;charset=utf-8');
  return null;
}

function SourceLine({ view }: { view: DrillsScheduleView }) {
  return (
    <>
      <p className="muted">
        Plans from <span className="mono">{view.source}</span> · times in each site&apos;s zone, with UTC; your zone is {view.viewerTimeZone}
      </p>
      {view.problems.length > 0 && (
        <div role="alert" className="error">
          <p>The plans file has problems; the last good plans stay in use:</p>
          <ul className="mono">
            {view.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {view.warnings.map((warning) => (
        <p key={warning} className="mono muted">
          ⚠ {warning}
        </p>
      ))}
    </>
  );
}

function PlanTable({ plans }: { plans: DrillPlanRowView[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Plan</th>
          <th scope="col">When (site time)</th>
          <th scope="col">UTC</th>
          <th scope="col">Owner</th>
          <th scope="col">Last drill</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => {
          const shown = plan.since ?? plan.next[0] ?? null;
          const openActions = plan.lastDrill?.actions.filter((action) => action.open).length ?? 0;
          return (
            <tr key={plan.id} data-plan={plan.id} data-state={plan.state}>
              <td>
                <span className={STATE_CLASS[plan.state]}>{STATE_LABEL[plan.state]}</span>
              </td>
              <th scope="row">
                {plan.title}
                <div className="muted mono">{plan.kind}</div>
              </th>
              <td className="mono">{shown ? `${plan.since ? 'since ' : ''}${shown.site}` : '—'}</td>
              <td className="mono">{shown?.utc ?? '—'}</td>
              <td>{plan.owner}</td>
              <td>
                {plan.lastDrill
                  ? `${plan.lastDrill.startedAt.slice(0, 10)} ${plan.lastDrill.outcome}${plan.lastDrill.measuredRtoMinutes === null ? '' : `, RTO ${plan.lastDrill.measuredRtoMinutes} min`}${openActions ? `, ${openActions} open action${openActions === 1 ? '' : 's'}` : ''}`
                  : 'never'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CadenceTable({ view }: { view: DrillsScheduleView }) {
  return (
    <section>
      <h2>Cadence per kind and site</h2>
      <table className="grid" data-testid="drills-cadence">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Site</th>
            <th scope="col">Required</th>
            <th scope="col">Last passed</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {view.cadence.map((status) => (
            <tr key={`${status.kind}@${status.site}`} data-compliant={status.compliant}>
              <td className="mono">{status.kind}</td>
              <td>{view.sites.find((site) => site.id === status.site)?.name ?? status.site}</td>
              <td>every {status.everyDays} days</td>
              <td className="mono">{status.lastPassed?.slice(0, 10) ?? 'never'}</td>
              <td className={status.compliant ? 'ok' : 'error'}>{status.compliant ? '✓ compliant' : status.dueBy ? `✕ late by ${status.daysLate} days` : '✕ never passed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
