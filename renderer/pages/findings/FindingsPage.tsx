// Every finding of the fleet's latest scans: per-site severity chart, then a
// filterable table (area, severity, site, free text).
import { useMemo, useState } from 'react';
import type { PostureArea, Severity } from '../../../preload/contract';
import { FindingsTable } from '../../components/FindingsTable';
import { useFleet } from '../fleet/useFleet';
import { SiteSeverityChart } from './SiteSeverityChart';
import { useFindings } from './useFindings';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function FindingsPage() {
  const { findings, error } = useFindings();
  const { fleet } = useFleet();
  const [area, setArea] = useState<PostureArea | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [site, setSite] = useState('');
  const [text, setText] = useState('');
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (findings ?? [])
      .filter((f) => (!area || f.area === area) && (!severity || f.severity === severity) && (!site || f.dc === site))
      .filter((f) => !needle || `${f.host} ${f.title} ${f.detail}`.toLowerCase().includes(needle))
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.host.localeCompare(b.host, 'en', { numeric: true }));
  }, [findings, area, severity, site, text]);
  const sites = (fleet?.datacentres ?? [])
    .slice()
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1))
    .map((dc) => ({ id: dc.id, label: `${dc.name} (${dc.role})` }));
  const areas = [...new Set((findings ?? []).map((f) => f.area))].sort();
  return (
    <div>
      <header className="page-head">
        <h1>Findings</h1>
        <span className="muted" data-testid="findings-count">
          {findings ? `${shown.length} of ${findings.length}` : 'loading…'}
        </span>
      </header>
      {error && <p role="alert" className="error">{error}</p>}
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
            {Object.keys(SEVERITY_RANK).map((value) => (
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
      </div>
      {findings && findings.length === 0 && <p className="muted">No findings yet: scan the fleet first.</p>}
      {findings && findings.length > 0 && <FindingsTable findings={shown} showHost />}
    </div>
  );
}
