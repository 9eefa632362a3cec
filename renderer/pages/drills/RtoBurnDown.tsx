// The RTO burn-down of a drill run: minutes of the RTO target left after each
// step, as planned from the timeboxes and as the run really went; below zero
// the target is missed. The figures are also in the chart's label as text.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { DrillRunView } from '../../../preload/contract';
import { burnDownPoints } from './drill-run-clock';

export function RtoBurnDown({ run, now }: { run: DrillRunView; now: number }) {
  const points = burnDownPoints(run, now);
  const latest = [...points].reverse().find((point) => point.actual !== null);
  const left = latest?.actual ?? run.rtoTargetMinutes;
  return (
    <figure className="chart drill-burndown" aria-label={`RTO burn-down: ${left.toFixed(1)} of ${run.rtoTargetMinutes} minutes left`} data-testid="drill-burndown">
      <figcaption>
        RTO burn-down — <strong className={left < 0 ? 'error' : 'ok'}>{left < 0 ? `✕ ${(-left).toFixed(1)} min over` : `${left.toFixed(1)} min left`}</strong> of {run.rtoTargetMinutes}
      </figcaption>
      <LineChart width={440} height={200} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis width={40} allowDecimals={false} label={{ value: 'min left', angle: -90, position: 'insideLeft' }} />
        <ReferenceLine y={0} stroke="#c62828" label={{ value: 'RTO', position: 'insideTopRight' }} />
        <Line dataKey="planned" name="planned (timeboxes)" stroke="#777" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        <Line dataKey="actual" name="this run" stroke="#1565c0" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        <Legend />
      </LineChart>
    </figure>
  );
}
