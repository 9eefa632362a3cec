// One site's coverage as two 100 % bars: bytes of data, and hosts, split by
// state. The figures beside it (SiteCoverageCard) carry the same numbers as
// text, so the chart is never the only way to read them.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { bytesText } from '../../components/bytes-text';
import { SEGMENTS, type SiteCoverage } from './coverage-summary';

type Row = { metric: string; unit: 'bytes' | 'hosts' } & Record<string, number | string>;

export function SiteCoverageChart({ coverage, siteName }: { coverage: SiteCoverage; siteName: string }) {
  const rows: Row[] = [];
  if (coverage.totalBytes > 0) rows.push({ metric: 'Data', unit: 'bytes', ...coverage.bytesBy });
  if (coverage.hosts > 0) rows.push({ metric: 'Hosts', unit: 'hosts', ...coverage.hostsBy });
  if (rows.length === 0) return <p className="muted">Nothing to chart yet.</p>;
  return (
    <figure className="chart coverage-chart" aria-label={`${siteName}: share encrypted, by bytes of data and by hosts`}>
      <BarChart width={320} height={44 + rows.length * 34} data={rows} layout="vertical" stackOffset="expand" margin={{ top: 4, right: 14, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)} %`} />
        <YAxis type="category" dataKey="metric" width={52} />
        <Tooltip
          isAnimationActive={false}
          formatter={(value, name, item) => {
            const unit = (item.payload as Row).unit;
            return [unit === 'bytes' ? bytesText(Number(value)) : `${String(value)} ${Number(value) === 1 ? 'host' : 'hosts'}`, name];
          }}
        />
        {SEGMENTS.map((segment) => (
          <Bar key={segment.key} dataKey={segment.key} name={segment.label} stackId="coverage" fill={segment.colour} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}
