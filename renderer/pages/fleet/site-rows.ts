// One site's hosts as display rows: grouped by role (a host with several
// roles is listed under its first), role headers in between; within a role
// either problem hosts first (failed, then worst finding, then most
// findings) or names in order.
import type { HostView } from '../../../preload/contract';
import { actionableCount, SEVERITY_RANK, worstSeverity } from '../../components/severity-order';

export type SiteRow = { kind: 'role'; role: string; count: number; answered: number; problems: number } | { kind: 'host'; host: HostView };

export type HostOrder = 'problems-first' | 'name';

export function siteRows(hosts: HostView[], order: HostOrder = 'problems-first'): SiteRow[] {
  const byRole = new Map<string, HostView[]>();
  for (const host of hosts) {
    const role = host.roles[0] ?? '(no role)';
    const group = byRole.get(role) ?? [];
    group.push(host);
    byRole.set(role, group);
  }
  const rows: SiteRow[] = [];
  for (const role of [...byRole.keys()].sort()) {
    const group = byRole.get(role)!.sort((a, b) => (order === 'problems-first' ? problemOrder(a, b) : 0) || byName(a, b));
    rows.push({
      kind: 'role',
      role,
      count: group.length,
      answered: group.filter((host) => host.last?.phase === 'done').length,
      problems: group.filter((host) => problemRank(host) < NO_PROBLEM).length,
    });
    for (const host of group) rows.push({ kind: 'host', host });
  }
  return rows;
}

const NO_PROBLEM = 10;

/** 0: did not answer; 1–4: worst finding critical…low; 10: nothing to act on (or not scanned). */
export function problemRank(host: HostView): number {
  if (host.last?.phase === 'failed') return 0;
  const counts = host.last?.findingCounts ?? {};
  const worst = worstSeverity(counts);
  return worst && worst !== 'info' ? 1 + SEVERITY_RANK[worst] : NO_PROBLEM;
}

function problemOrder(a: HostView, b: HostView): number {
  return problemRank(a) - problemRank(b) || actionableCount(b.last?.findingCounts ?? {}) - actionableCount(a.last?.findingCounts ?? {});
}

function byName(a: HostView, b: HostView): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true });
}
