// Findings per site by severity, primary and secondary side by side.
// The legend is ours, not recharts': it lists the severities worst first,
// which recharts' legend does not promise for stacked bars.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { FindingView, Severity } from '../../../preload/contract';
import { SEVERITIES } from '../../components/severity-order';

const COLOURS: Record<Severity, string> = { critical: '#8e1b13', high: '#d0402b', medium: '#d98b1f', low: '#6d8fb8', info: '#9aa2ad' };

export function SiteSeverityChart({ findings, sites }: { findings: FindingView[]; sites: { id: string; label: string }[] }) {
  const data = sites.map((site) => {
    const row: Record<string, string | number> = { site: site.label };
    for (const severity of SEVERITIES) row[severity] = findings.filter((f) => f.dc === site.id && f.severity === severity).length;
    return row;
  });
  return (
    <figure className="chart" aria-label="Findings per site by severity">
      <BarChart width={520} height={200} data={data} layout="vertical" margin={{ left: 40, right: 20 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="site" width={130} />
        <Tooltip isAnimationActive={false} />
        {SEVERITIES.map((severity) => (
          <Bar key={severity} dataKey={severity} stackId="s" fill={COLOURS[severity]} isAnimationActive={false} />
        ))}
      </BarChart>
      <ul className="severity-legend" aria-label="Severities, worst first" data-testid="severity-legend">
        {SEVERITIES.map((severity) => (
          <li key={severity}>
            <span className="swatch" style={{ background: COLOURS[severity] }} aria-hidden="true" />
            {severity}
          </li>
        ))}
      </ul>
      <figcaption className="visually-hidden">{data.map((row) => `${row.site}: ${SEVERITIES.map((s) => `${row[s]} ${s}`).join(', ')}`).join('; ')}</figcaption>
    </figure>
  );
}
