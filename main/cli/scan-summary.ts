// What `opsdeck scan` prints: one table per datacentre (primary first) with
// every host's identity or the reason it failed, then the totals.
import type { DatacentreView, HostScanDetail } from '../../preload/contract';
import { textTable } from './text-table';

export function scanSummaryText(datacentres: DatacentreView[], results: HostScanDetail[]): string {
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
    sections.push(
      `${dc.name} (${dc.id}, ${dc.role}) — ${ok}/${hosts.length} answered\n` +
        textTable(['HOST', 'STATE', 'HOSTNAME', 'OS', 'KERNEL/PLATFORM', 'REASON'], rows),
    );
  }
  const ok = results.filter((result) => result.phase === 'done').length;
  sections.push(`${ok}/${results.length} hosts answered${results.length - ok > 0 ? `, ${results.length - ok} did not` : ''}\n`);
  return sections.join('\n');
}
