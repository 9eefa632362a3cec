// One site's backup figures: a bar per measure (hosts meeting it out of the
// hosts with a backup policy) and the same figures as text.
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { DatacentreView, IntegrityCycleView } from '../../../preload/contract';
import type { SiteBackupSummary } from './backup-summary';
import { SiteIntegrityCoverage } from './SiteIntegrityCoverage';

export function SiteBackupCard({ site, summary, cycles }: { site: DatacentreView; summary: SiteBackupSummary; cycles: IntegrityCycleView[] }) {
  const measures = [
    { key: 'rpo', label: 'Within RPO', value: summary.withinRpo },
    { key: 'restore', label: 'Restore-tested', value: summary.restoreTested },
    { key: 'integrity', label: 'Integrity checked', value: summary.integrityChecked },
  ];
  const rows = measures.map((measure) => ({ metric: measure.label, ok: measure.value, not: summary.hosts - measure.value }));
  return (
    <section className="site-card coverage-card backup-card" aria-labelledby={`backups-${site.id}`} data-testid={`backups-site-${site.id}`}>
      <h2 id={`backups-${site.id}`}>
        {site.name} <span className="muted">({site.role})</span>
      </h2>
      {summary.hosts === 0 ? (
        <p className="muted">No host of this site has a backup policy, or none was scanned yet.</p>
      ) : (
        <div className="coverage-body">
          <figure className="chart backup-chart" aria-label={`${site.name}: hosts within RPO, restore-tested and integrity-checked`}>
            <BarChart width={330} height={130} data={rows} layout="vertical" margin={{ top: 4, right: 14, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, summary.hosts]} allowDecimals={false} />
              <YAxis type="category" dataKey="metric" width={110} />
              <Bar dataKey="ok" name="meets policy" stackId="hosts" fill="#2e7d32" isAnimationActive={false} />
              <Bar dataKey="not" name="does not" stackId="hosts" fill="#c62828" isAnimationActive={false} />
            </BarChart>
          </figure>
          <ul className="coverage-figures backup-figures">
            {measures.map((measure) => (
              <li key={measure.key} data-testid={`backups-${measure.key}-${site.id}`}>
                <strong>
                  {measure.value}/{summary.hosts}
                </strong>{' '}
                {measure.label.toLowerCase()}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SiteIntegrityCoverage siteName={site.name} cycles={cycles} />
    </section>
  );
}
