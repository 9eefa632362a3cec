// The status page, for managers: are the published promises (Annex 2) kept at
// both sites, and is it getting better? One row per control with both sites
// side by side, the trend over the stored scans, the DR-readiness scorecard,
// the worst findings and the age of the newest data.
import type { StatusReportView } from '../../../preload/contract';
import { SeverityBadge } from '../../components/SeverityBadge';
import { dataAgeText } from '../../components/report/status-words';
import { TrendChart } from '../../components/report/trend-chart';
import { ExportReport } from './ExportReport';
import { StatusMark } from './StatusMark';
import { useStatusReport } from './useStatusReport';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function StatusPage() {
  const { report, error } = useStatusReport();
  return (
    <div className="status-page">
      <header className="page-head">
        <h1>Status</h1>
        <ExportReport />
      </header>
      <p className="muted page-intro">
        Each promise of the published security measures (Annex 2), at both sites, from the stored scans and OpsDeck&apos;s own records. A control with no data, or only old data, is{' '}
        <strong>not checked</strong> — never shown as holding.
      </p>
      <EngineErrorNote error={error} />
      {report && <StatusReportBody report={report} />}
    </div>
  );
}

function StatusReportBody({ report }: { report: StatusReportView }) {
  const now = new Date(report.generatedAt);
  return (
    <>
      <p className="status-summary" data-testid="status-summary">
        Overall: <StatusMark status={report.overall} /> · newest data{' '}
        <span data-testid="newest-data-age">{report.newestDataAt ? `${dataAgeText(report.newestDataAt, now)} old` : 'none yet: scan the fleet'}</span> · data older than {report.maxDataAgeHours / 24}{' '}
        days does not count · {report.fleet}
      </p>
      <table className="status-controls" data-testid="status-controls">
        <caption>Annex 2 controls per site</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            {report.sites.map((site) => (
              <th scope="col" key={site.id}>
                {site.name} ({site.role})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.controls.map((control) => (
            <tr key={control.control} data-control={control.control}>
              <th scope="row">
                §{control.section} {control.title}
              </th>
              {control.sites.map((site) => (
                <td key={site.dc} data-dc={site.dc}>
                  <StatusMark status={site.status} />
                  <div className="muted status-reason">{site.reason}</div>
                  <div className="muted status-age">data: {site.newestDataAt ? `${dataAgeText(site.newestDataAt, now)} old` : 'none'}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="status-columns">
        <figure className="chart status-trend" data-testid="status-trend" aria-label="Findings above info per site over the stored scans">
          <figcaption>Findings above info per site, by stored scan (UTC)</figcaption>
          {report.trend.length > 0 ? <TrendChart points={report.trend} sites={report.sites} /> : <p className="muted">No stored scan yet.</p>}
        </figure>
        <section className="scorecard" data-testid="dr-scorecard" aria-labelledby="scorecard-title">
          <h2 id="scorecard-title">DR readiness: secondary against primary</h2>
          <table>
            <tbody>
              {report.scorecard.map((item) => (
                <tr key={item.id} data-item={item.id}>
                  <th scope="row">{item.title}</th>
                  <td>
                    <StatusMark status={item.status} />
                    <div className="muted status-reason">{item.detail}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <h2>Worst findings</h2>
      {report.worstFindings.length === 0 ? (
        <p className="muted">No finding above info.</p>
      ) : (
        <div className="wide-scroll">
          <table className="worst-findings" data-testid="worst-findings">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Site</th>
                <th scope="col">Host</th>
                <th scope="col">Finding</th>
                <th scope="col">First seen</th>
              </tr>
            </thead>
            <tbody>
              {report.worstFindings.map((finding) => (
                <tr key={finding.id}>
                  <td>
                    <SeverityBadge severity={finding.severity} />
                  </td>
                  <td>{finding.dc}</td>
                  <td className="mono">{finding.host}</td>
                  <td>{finding.title}</td>
                  <td className="mono">{finding.firstSeen?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
