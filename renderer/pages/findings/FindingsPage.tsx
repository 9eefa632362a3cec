// Every finding of the fleet's latest scans: per-site severity chart, then a
// filterable table (area, severity, site, free text). Informational findings
// are hidden until asked for (they outnumber the rest); the table can be
// grouped by host and exported as CSV.
import { useMemo, useState } from 'react';
import type { PostureArea, Severity } from '../../../preload/contract';
import { annexSectionOf, controlLabel } from '../../components/control-labels';
import { csvText } from '../../components/csv-export';
import { downloadText } from '../../components/download-text';
import { FindingsTable } from '../../components/FindingsTable';
import { SEVERITIES, SEVERITY_RANK } from '../../components/severity-order';
import { useFleet } from '../fleet/useFleet';
import { SiteSeverityChart } from './SiteSeverityChart';
import { useFindings } from './useFindings';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function FindingsPage() {
  const { findings, error } = useFindings();
  const { fleet } = useFleet();
  const [area, setArea] = useState<PostureArea | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [site, setSite] = useState('');
  const [text, setText] = useState('');
  const [showInfo, setShowInfo] = useState(false);
  const [groupByHost, setGroupByHost] = useState(false);
  const infoCount = (findings ?? []).filter((f) => f.severity === 'info').length;
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (findings ?? [])
      .filter((f) => showInfo || severity === 'info' || f.severity !== 'info')
      .filter((f) => (!area || f.area === area) && (!severity || f.severity === severity) && (!site || f.dc === site))
      .filter((f) => !needle || `${f.host} ${f.title} ${f.detail}`.toLowerCase().includes(needle))
      .sort((a, b) =>
        groupByHost
          ? a.host.localeCompare(b.host, 'en', { numeric: true }) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
          : SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.host.localeCompare(b.host, 'en', { numeric: true }),
      );
  }, [findings, area, severity, site, text, showInfo, groupByHost]);
  const sites = (fleet?.datacentres ?? []).map((dc) => ({ id: dc.id, label: `${dc.name} (${dc.role})` }));
  const areas = [...new Set((findings ?? []).map((f) => f.area))].sort();
  const exportCsv = () =>
    downloadText(
      `opsdeck-findings-${new Date().toISOString().slice(0, 10)}.csv`,
      csvText(
        ['severity', 'host', 'site', 'area', 'title', 'detail', 'control', 'annex section', 'evidence'],
        shown.map((f) => [f.severity, f.host, f.dc, f.area, f.title, f.detail, controlLabel(f.control), annexSectionOf(f.control), f.evidence.excerpt.join('\n')]),
      ),
    );
  return (
    <div>
      <header className="page-head">
        <h1>Findings</h1>
        <span className="muted" data-testid="findings-count">
          {findings ? `${shown.length} of ${findings.length}` : 'loading…'}
        </span>
        <div className="toolbar">
          <button type="button" onClick={exportCsv} disabled={shown.length === 0}>
            Export CSV
          </button>
        </div>
      </header>
      <EngineErrorNote error={error} />
      <p className="page-intro muted">
        Each finding names the promise it breaks: a section of <strong>Annex 2</strong>, the provider&apos;s published security measures (§ is its section number, followed by the section&apos;s
        title).
      </p>
      {findings && findings.length > 0 && <SiteSeverityChart findings={findings} sites={sites} />}
      <div className="toolbar filters" role="search">
        <label>
          Area{' '}
          <select aria-label="Area" value={area} onChange={(event) => setArea(event.target.value as PostureArea | '')}>
            <option value="">all</option>
            {areas.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select aria-label="Severity" value={severity} onChange={(event) => setSeverity(event.target.value as Severity | '')}>
            <option value="">all</option>
            {SEVERITIES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Site{' '}
          <select aria-label="Site" value={site} onChange={(event) => setSite(event.target.value)}>
            <option value="">both</option>
            {sites.map((value) => (
              <option key={value.id} value={value.id}>
                {value.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter <input type="search" aria-label="Filter" value={text} onChange={(event) => setText(event.target.value)} placeholder="host or text" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={showInfo} onChange={(event) => setShowInfo(event.target.checked)} />
          Show informational ({infoCount})
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={groupByHost} onChange={(event) => setGroupByHost(event.target.checked)} />
          Group by host
        </label>
      </div>
      {findings && findings.length === 0 && <p className="muted">No findings yet: scan the fleet first.</p>}
      {findings && findings.length > 0 && <FindingsTable findings={shown} showHost groupByHost={groupByHost} />}
    </div>
  );
}
