// Stopwatch figures for a live drill run: elapsed time as h:mm:ss, and the
// RTO burn-down's points (minutes of the RTO target left after each step,
// planned from the timeboxes against what the run really took).
import { useEffect, useState } from 'react';
import type { DrillRunView } from '../../../preload/contract';

export function stopwatchText(fromIso: string, toMs: number): string {
  const seconds = Math.max(0, Math.floor((toMs - Date.parse(fromIso)) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

export function minutesSince(fromIso: string, toMs: number): number {
  return Math.round(((toMs - Date.parse(fromIso)) / 60_000) * 10) / 10;
}

export interface BurnDownPoint {
  label: string;
  /** RTO minutes left if every step took its timebox. */
  planned: number;
  /** RTO minutes left when the step finished (or now, for the step under way); null for steps not reached. */
  actual: number | null;
}

export function burnDownPoints(run: DrillRunView, nowMs: number): BurnDownPoint[] {
  const end = run.endedAt ? Date.parse(run.endedAt) : nowMs;
  const points: BurnDownPoint[] = [{ label: 'start', planned: run.rtoTargetMinutes, actual: run.rtoTargetMinutes }];
  let plannedLeft = run.rtoTargetMinutes;
  for (const step of run.steps) {
    plannedLeft -= step.timeboxMinutes;
    const at = step.finishedAt ? Date.parse(step.finishedAt) : step.index === run.currentStep && run.status === 'live' ? end : null;
    points.push({ label: `step ${step.index + 1}`, planned: plannedLeft, actual: at === null ? null : run.rtoTargetMinutes - minutesSince(run.startedAt, at) });
  }
  return points;
}

/** The current time, ticking once a second while `live`. */
export function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}
