// One site's integrity coverage: for each repository OpsDeck checks, the
// share read without error in the last N days and where its cycle stands —
// as a bar per repository and the same figures as text.
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { IntegrityCycleView } from '../../../preload/contract';

export function SiteIntegrityCoverage({ siteName, cycles }: { siteName: string; cycles: IntegrityCycleView[] }) {
  if (cycles.length === 0) return <p className="muted">No repository of this site is integrity-checked by OpsDeck yet.</p>;
  const rows = cycles.map((cycle) => ({ repository: `${cycle.host} ${cycle.tool}`, verified: Math.round(cycle.verifiedShare * 100), rest: 100 - Math.round(cycle.verifiedShare * 100) }));
  const full = cycles.filter((cycle) => cycle.verifiedShare >= 1).length;
  return (
    <div className="integrity-coverage">
      <h3>Integrity coverage</h3>
      <figure className="chart" aria-label={`${siteName}: share of each repository verified in the last ${cycles[0]!.windowDays} days`}>
        <BarChart width={330} height={Math.max(60, 26 * rows.length + 30)} data={rows} layout="vertical" margin={{ top: 4, right: 14, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="repository" width={130} />
          <Bar dataKey="verified" name="verified" stackId="share" fill="#2e7d32" isAnimationActive={false} />
          <Bar dataKey="rest" name="not verified" stackId="share" fill="#9e9e9e" isAnimationActive={false} />
        </BarChart>
      </figure>
      <p>
        <strong>
          {full}/{cycles.length}
        </strong>{' '}
        repositories fully verified in the last {cycles[0]!.windowDays} days
      </p>
      <ul className="coverage-figures" data-testid="integrity-coverage">
        {cycles.map((cycle) => (
          <li key={`${cycle.host}-${cycle.jobIndex}`}>
            {cycle.host} ({cycle.tool}): {Math.round(cycle.verifiedShare * 100)} % verified in {cycle.windowDays} d; cycle {cycle.coveredInCycle.length}/{cycle.subsets} parts
            {cycle.lastFullCycleAt ? `, last full cycle ${cycle.lastFullCycleAt.slice(0, 10)}` : ', no full cycle yet'}
            {cycle.lastRun && cycle.lastRun.outcome !== 'passed' ? ` — last check ${cycle.lastRun.outcome}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
