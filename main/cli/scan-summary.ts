// What `opsdeck scan` prints: one table per datacentre (primary first) with
// every host's identity or the reason it failed, the findings (informational
// ones counted, listed only on request: on a real fleet they run to hundreds),
// then the totals.
import type { DatacentreView, FindingView, HostScanDetail, Severity } from '../../preload/contract';
import { textTable } from './text-table';

export function scanSummaryText(datacentres: DatacentreView[], results: HostScanDetail[], options: { listInfo?: boolean } = {}): string {
  const sections: string[] = [];
  const ordered = [...datacentres].sort((a, b) => (a.role === b.role ? a.id.localeCompare(b.id) : a.role === 'primary' ? -1 : 1));
  for (const dc of ordered) {
    const hosts = results.filter((result) => result.dc === dc.id).sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
    if (hosts.length === 0) continue;
    const ok = hosts.filter((host) => host.phase === 'done').length;
    const rows = hosts.map((host) => [
      host.host,
      host.phase === 'done' ? 'ok' : host.phase,
      host.identity?.hostname ?? '',
      [host.identity?.osName, host.identity?.osVersion].filter(Boolean).join(' '),
      host.identity?.kernel ?? '',
      host.reason ?? '',
    ]);
    sections.push(`${dc.name} (${dc.id}, ${dc.role}) — ${ok}/${hosts.length} answered\n` + textTable(['HOST', 'STATE', 'HOSTNAME', 'OS', 'KERNEL/PLATFORM', 'REASON'], rows));
  }
  const findings = results.flatMap((result) => result.findings);
  if (findings.length > 0) sections.push(findingsText(findings, options.listInfo ?? false));
  const ok = results.filter((result) => result.phase === 'done').length;
  const cancelled = results.filter((result) => result.phase === 'cancelled').length;
  const failed = results.length - ok - cancelled;
  const notes = [failed > 0 ? `${failed} failed` : null, cancelled > 0 ? `${cancelled} cancelled` : null].filter(Boolean);
  sections.push(`${ok}/${results.length} hosts answered${notes.length > 0 ? `, ${notes.join(', ')}` : ''}\n`);
  return sections.join('\n');
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function findingsText(findings: FindingView[], listInfo: boolean): string {
  const listed = listInfo ? findings : findings.filter((finding) => finding.severity !== 'info');
  const unlisted = findings.length - listed.length;
  const sorted = [...listed].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.area.localeCompare(b.area) || a.host.localeCompare(b.host, 'en', { numeric: true }));
  const counts = (Object.keys(SEVERITY_RANK) as Severity[])
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  const rows = sorted.map((finding) => [finding.severity.toUpperCase(), finding.area, finding.host, finding.title]);
  const table = rows.length > 0 ? textTable(['SEVERITY', 'AREA', 'HOST', 'FINDING'], rows) : '';
  const note = unlisted > 0 ? `(${unlisted} info ${unlisted === 1 ? 'finding' : 'findings'} not listed: --all lists them, --json has everything)\n` : '';
  return `Findings — ${counts}\n` + table + note;
}
