// One site's hosts as display rows: grouped by role (a host with several
// roles is listed under its first), role headers in between, names sorted.
import type { HostView } from '../../../preload/contract';

export type SiteRow = { kind: 'role'; role: string; count: number; answered: number } | { kind: 'host'; host: HostView };

export function siteRows(hosts: HostView[]): SiteRow[] {
  const byRole = new Map<string, HostView[]>();
  for (const host of hosts) {
    const role = host.roles[0] ?? '(no role)';
    const group = byRole.get(role) ?? [];
    group.push(host);
    byRole.set(role, group);
  }
  const rows: SiteRow[] = [];
  for (const role of [...byRole.keys()].sort()) {
    const group = byRole.get(role)!.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    rows.push({ kind: 'role', role, count: group.length, answered: group.filter((host) => host.last?.phase === 'done').length });
    for (const host of group) rows.push({ kind: 'host', host });
  }
  return rows;
}
