// Pending security updates per site over the scan history.
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { getOpsDeck } from '../../api/opsdeck';

type Point = { at: string } & Record<string, number | string>;

export function PatchHistoryChart({ sites }: { sites: { id: string; name: string }[] }) {
  const [points, setPoints] = useState<Point[]>([]);
  useEffect(() => {
    const api = getOpsDeck();
    if (!api) return;
    const load = () =>
      void api.posture.patchHistory({}).then((result) => {
        if (!result.ok) return;
        const byRun = new Map<string, Point>();
        for (const row of result.value) {
          const point = byRun.get(row.runId) ?? { at: new Date(row.at).toLocaleString() };
          point[row.dc] = row.pendingSecurity;
          byRun.set(row.runId, point);
        }
        setPoints([...byRun.values()]);
      });
    load();
    return api.on('scan:finished', load);
  }, []);
  if (points.length === 0) return null;
  return (
    <figure className="chart" aria-label="Pending security updates per site over time" data-testid="patch-history">
      <figcaption>Pending security updates per site, by scan</figcaption>
      <LineChart width={460} height={180} data={points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="at" tick={false} />
        <YAxis allowDecimals={false} />
        <Tooltip isAnimationActive={false} />
        <Legend />
        {sites.map((site, index) => (
          <Line key={site.id} dataKey={site.id} name={site.name} stroke={index === 0 ? '#0b5fd1' : '#d98b1f'} isAnimationActive={false} dot />
        ))}
      </LineChart>
    </figure>
  );
}
