// Pending security updates per site over the scan history, on a time axis
// labelled with dates (ISO order, the operator's time zone).
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { getOpsDeck } from '../../api/opsdeck';
import { dateText, dateTimeText } from '../../components/date-text';

type Point = { time: number } & Record<string, number>;

export function PatchHistoryChart({ sites }: { sites: { id: string; name: string }[] }) {
  const [points, setPoints] = useState<Point[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.posture.patchHistory({}).then((result) => {
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        setError(null);
        const byRun = new Map<string, Point>();
        for (const row of result.value) {
          const point = byRun.get(row.runId) ?? { time: Date.parse(row.at) };
          point[row.dc] = row.pendingSecurity;
          byRun.set(row.runId, point);
        }
        setPoints([...byRun.values()]);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
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
