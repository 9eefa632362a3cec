// The drills calendar: agenda, month and week, both sites together (each
// drill labelled with its site), the drills that ran (passed, failed,
// aborted, with their lead), drills due or overdue on the day they fell due, in
// the viewer's time zone with each drill's site time beside it. Buttons to
// switch view and to move back and forth; every control is a button, so it
// is reached by Tab and pressed with Enter or Space.
import { useMemo, useState } from 'react';
import type { DrillsScheduleView } from '../../../preload/contract';
import { addDays, calendarEntries, entriesByDay, localDate, monthWeeks, shiftMonth, weekDays, type CalendarEntry } from './calendar-grid';

type CalendarMode = 'agenda' | 'month' | 'week';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ENTRY_PREFIX: Record<CalendarEntry['state'], string> = { scheduled: '', due: '! due: ', overdue: '✕ overdue: ', passed: '✓ passed: ', failed: '✕ failed: ', aborted: '— aborted: ' };
const ENTRY_CLASS: Record<CalendarEntry['state'], string | undefined> = { scheduled: undefined, due: 'warning', overdue: 'error', passed: 'ok', failed: 'error', aborted: 'warning' };

export function DrillCalendar({ view }: { view: DrillsScheduleView }) {
  const today = localDate(view.at, view.viewerTimeZone);
  const [mode, setMode] = useState<CalendarMode>('agenda');
  const [anchor, setAnchor] = useState(today);
  const entries = useMemo(() => calendarEntries(view), [view]);
  const siteName = (id: string) => view.sites.find((site) => site.id === id)?.name ?? id;
  const move = (step: number) => setAnchor(mode === 'month' ? shiftMonth(anchor, step) : addDays(anchor, 7 * step));
  return (
    <section aria-label="Drill calendar">
      <div className="page-head">
        <h2>Calendar</h2>
        <div role="group" aria-label="Calendar view">
          {(['agenda', 'month', 'week'] as const).map((each) => (
            <button key={each} type="button" aria-pressed={mode === each} onClick={() => setMode(each)}>
              {each === 'agenda' ? 'Agenda' : each === 'month' ? 'Month' : 'Week'}
            </button>
          ))}
        </div>
        {mode !== 'agenda' && (
          <div role="group" aria-label="Move in time">
            <button type="button" onClick={() => move(-1)}>
              ← Previous {mode}
            </button>
            <button type="button" onClick={() => setAnchor(today)}>
              Today
            </button>
            <button type="button" onClick={() => move(1)}>
              Next {mode} →
            </button>
          </div>
        )}
      </div>
      {mode === 'agenda' && <Agenda view={view} />}
      {mode === 'month' && <MonthGrid anchor={anchor} today={today} entries={entries} siteName={siteName} />}
      {mode === 'week' && <WeekGrid anchor={anchor} today={today} entries={entries} siteName={siteName} />}
      {mode !== 'agenda' && <p className="muted small">Days in your time zone ({view.viewerTimeZone}); each drill shows its site&apos;s own time.</p>}
    </section>
  );
}

function MonthGrid({ anchor, today, entries, siteName }: { anchor: string; today: string; entries: CalendarEntry[]; siteName: (id: string) => string }) {
  const weeks = monthWeeks(anchor);
  const month = anchor.slice(0, 7);
  const byDay = entriesByDay(entries, weeks.flat());
  const label = new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <div className="wide-scroll">
      <table className="grid drill-calendar" data-testid="drill-month" data-month={month} aria-label={`Drills in ${label}`}>
        <caption>{label}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td key={day} data-date={day} className={`${day.slice(0, 7) === month ? '' : 'muted'}${day === today ? ' today' : ''}`}>
                  <div className="calendar-day">{Number(day.slice(8))}</div>
                  <DayEntries entries={byDay.get(day) ?? []} siteName={siteName} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WeekGrid({ anchor, today, entries, siteName }: { anchor: string; today: string; entries: CalendarEntry[]; siteName: (id: string) => string }) {
  const days = weekDays(anchor);
  const byDay = entriesByDay(entries, days);
  return (
    <div className="wide-scroll">
      <table className="grid drill-calendar" data-testid="drill-week" data-week={days[0]} aria-label={`Drills in the week of ${days[0]}`}>
        <caption>
          Week of {days[0]} to {days[6]}
        </caption>
        <thead>
          <tr>
            {days.map((day, index) => (
              <th key={day} scope="col" className={day === today ? 'today' : undefined}>
                {WEEKDAYS[index]} {day.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {days.map((day) => (
              <td key={day} data-date={day}>
                <DayEntries entries={byDay.get(day) ?? []} siteName={siteName} withUtc />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function DayEntries({ entries, siteName, withUtc = false }: { entries: CalendarEntry[]; siteName: (id: string) => string; withUtc?: boolean }) {
  if (entries.length === 0) return null;
  return (
    <ul className="calendar-entries">
      {entries.map((entry) => (
        <li key={`${entry.plan}-${entry.times.instant}-${entry.state}`} data-plan={entry.plan} data-site={entry.site} data-state={entry.state} className={ENTRY_CLASS[entry.state]}>
          {ENTRY_PREFIX[entry.state]}
          {entry.title}
          {entry.lead ? ` (led by ${entry.lead})` : ''}
          <div className="mono small muted">
            {siteName(entry.site)} · {entry.times.site}
            {withUtc ? ` · ${entry.times.utc}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Agenda({ view }: { view: DrillsScheduleView }) {
  const title = (id: string) => view.plans.find((plan) => plan.id === id)?.title ?? id;
  return (
    <>
      <h3>Next 12 months ({view.agenda.length} drills)</h3>
      <table className="grid" data-testid="drills-agenda">
        <thead>
          <tr>
            <th scope="col">Site time</th>
            <th scope="col">UTC</th>
            <th scope="col">Your time</th>
            <th scope="col">Drill</th>
          </tr>
        </thead>
        <tbody>
          {view.agenda.map((entry) => (
            <tr key={`${entry.plan}-${entry.times.instant}`} data-site={entry.site}>
              <td className="mono">{entry.times.site}</td>
              <td className="mono">{entry.times.utc}</td>
              <td className="mono">{entry.times.viewer}</td>
              <td>{title(entry.plan)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
