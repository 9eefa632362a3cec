// Pending security updates per site over the scan history, on a time axis
// labelled with dates (ISO order, the operator's time zone).
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useEngineQuery } from '../../api/useEngineQuery';
import { dateText, dateTimeText } from '../../components/date-text';

type Point = { time: number } & Record<string, number>;

function pointsByRun(rows: { runId: string; at: string; dc: string; pendingSecurity: number }[]): Point[] {
  const byRun = new Map<string, Point>();
  for (const row of rows) {
    const point = byRun.get(row.runId) ?? { time: Date.parse(row.at) };
    point[row.dc] = row.pendingSecurity;
    byRun.set(row.runId, point);
  }
  return [...byRun.values()];
}

export function PatchHistoryChart({ sites }: { sites: { id: string; name: string }[] }) {
  const { value: history, error } = useEngineQuery((api) => api.posture.patchHistory({}), { reloadOn: ['scan:finished'] });
  const points = pointsByRun(history ?? []);
  if (error) {
    return (
      <p className="error" role="alert" data-testid="patch-history-error">
        Patch history could not be loaded: {error}
      </p>
    );
  }
  if (points.length === 0) return null;
  return (
    <figure className="chart" aria-label="Pending security updates per site over time" data-testid="patch-history">
      <figcaption>Pending security updates per site, by scan</figcaption>
      <LineChart width={460} height={200} data={points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="category"
          tickFormatter={(time: number) => (sameDay(points) ? dateTimeText(new Date(time).toISOString()).slice(11) : dateTimeText(new Date(time).toISOString()))}
          label={{ value: sameDay(points) ? `scan time, ${dateText(new Date(points[0]!.time).toISOString())}` : 'scan date and time', position: 'insideBottom', offset: -2 }}
          height={52}
        />
        <YAxis allowDecimals={false} />
        <Tooltip isAnimationActive={false} labelFormatter={(time) => dateTimeText(new Date(Number(time)).toISOString())} />
        <Legend />
        {sites.map((site, index) => (
          <Line key={site.id} dataKey={site.id} name={site.name} stroke={index === 0 ? '#0b5fd1' : '#d98b1f'} isAnimationActive={false} dot />
        ))}
      </LineChart>
    </figure>
  );
}

/** All scans on one calendar day: the ticks show times, the axis label the day. */
function sameDay(points: Point[]): boolean {
  const days = new Set(points.map((point) => dateText(new Date(point.time).toISOString())));
  return days.size <= 1;
}
