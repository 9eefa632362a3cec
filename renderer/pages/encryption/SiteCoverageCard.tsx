// One site's encryption coverage: the chart, and beside it every figure as
// text (each with the swatch of its chart segment, so it is also the legend).
import type { DatacentreView } from '../../../preload/contract';
import { bytesText } from '../../components/bytes-text';
import { percentText, SEGMENTS, type Segment, type SiteCoverage } from './coverage-summary';
import { SiteCoverageChart } from './SiteCoverageChart';

const VOLUMES_BY: Record<Segment, (coverage: SiteCoverage) => number> = {
  encrypted: (coverage) => coverage.volumes.encrypted,
  logs: (coverage) => coverage.volumes.logsUnencrypted,
  unencrypted: (coverage) => coverage.volumes.dataUnencrypted,
  unknown: (coverage) => coverage.volumes.unknown,
};

export function SiteCoverageCard({ site, coverage }: { site: DatacentreView; coverage: SiteCoverage }) {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    <section className="site-card coverage-card" aria-labelledby={`coverage-${site.id}`} data-testid={`encryption-site-${site.id}`}>
      <h2 id={`coverage-${site.id}`}>
        {site.name} <span className="muted">({site.role})</span>
      </h2>
      <div className="coverage-body">
        <SiteCoverageChart coverage={coverage} siteName={site.name} />
        <div className="coverage-figures">
          <p className="coverage-headline" data-testid={`encryption-bytes-${site.id}`}>
            <strong>{bytesText(coverage.bytesBy.encrypted)}</strong> of {bytesText(coverage.totalBytes)} of data encrypted ({percentText(coverage.bytesBy.encrypted, coverage.totalBytes)})
          </p>
          <p className="coverage-headline" data-testid={`encryption-hosts-${site.id}`}>
            <strong>
              {coverage.hostsBy.encrypted}/{coverage.hosts}
            </strong>{' '}
            hosts fully encrypted
          </p>
        </div>
      </div>
      <table className="coverage-table">
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Data</th>
            <th scope="col">Volumes</th>
            <th scope="col">Hosts</th>
          </tr>
        </thead>
        <tbody>
          {SEGMENTS.map((segment) => (
            <tr key={segment.key} data-segment={segment.key}>
              <th scope="row">
                <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
                  <rect width="10" height="10" rx="2" fill={segment.colour} />
                </svg>
                {segment.label}
              </th>
              <td>{bytesText(coverage.bytesBy[segment.key])}</td>
              <td>{VOLUMES_BY[segment.key](coverage)}</td>
              <td>{coverage.hostsBy[segment.key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {coverage.volumes.withoutSize > 0 && (
        <p className="muted coverage-note">{plural(coverage.volumes.withoutSize, 'volume')} without a size reported by the host: counted as volumes, not in bytes.</p>
      )}
    </section>
  );
}
