// The fleet matrix as data: the port columns every site shares, one cell
// per host and port (its IPv4 and IPv6 entries merged, the one further from
// the baseline speaking), and each site's rows grouped by role. Pure, so
// 1,000 hosts are summarised once per load, not per rendered row.
import type { FirewallHostExposureView, PortExposureView } from '../../../preload/contract';
import { CONFORMANCE_MARK, FAMILY_LABEL, REACH_LABEL, compareSeverity } from './exposure-marks';

export interface MatrixColumn {
  key: string;
  proto: 'tcp' | 'udp';
  port: number;
  /** Process names seen on the port across the fleet. */
  processes: string[];
}

export interface MatrixCell {
  conformance: PortExposureView['conformance'];
  reachability: PortExposureView['reachability'];
  /** The entries behind the cell, one per IP version. */
  entries: PortExposureView[];
  /** The whole state in words (for the title and screen readers). */
  description: string;
}

export type MatrixRow = { kind: 'role'; role: string; count: number } | { kind: 'host'; host: FirewallHostExposureView; cells: Map<string, MatrixCell> };

export const columnKey = (proto: string, port: number) => `${proto}/${port}`;

const reachable = (entry: PortExposureView) => entry.reachability === 'any' || entry.reachability === 'some' || entry.reachability === 'undetermined';

/** Ports some host exposes beyond loopback (with `includeBlocked`, also ports only listened on behind the firewall), in port order. */
export function matrixColumns(hosts: FirewallHostExposureView[], includeBlocked: boolean): MatrixColumn[] {
  const columns = new Map<string, MatrixColumn>();
  for (const host of hosts) {
    for (const entry of host.ports) {
      if (entry.reachability === 'local-only' || (!includeBlocked && !reachable(entry))) continue;
      const key = columnKey(entry.proto, entry.port);
      const column = columns.get(key) ?? { key, proto: entry.proto, port: entry.port, processes: [] };
      if (entry.process) for (const name of entry.process.split(',')) if (!column.processes.includes(name)) column.processes.push(name);
      columns.set(key, column);
    }
  }
  return [...columns.values()].sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto));
}

/** A host's cells by column key; loopback-only sockets make no cell. */
export function hostCells(host: FirewallHostExposureView): Map<string, MatrixCell> {
  const grouped = new Map<string, PortExposureView[]>();
  for (const entry of host.ports) {
    if (entry.reachability === 'local-only') continue;
    const key = columnKey(entry.proto, entry.port);
    grouped.set(key, [...(grouped.get(key) ?? []), entry]);
  }
  const cells = new Map<string, MatrixCell>();
  for (const [key, entries] of grouped) {
    const worst = entries.reduce((a, b) => (compareSeverity(b, a) > 0 ? b : a));
    cells.set(key, { conformance: worst.conformance, reachability: worst.reachability, entries, description: cellDescription(host.host, key, entries) });
  }
  return cells;
}

function cellDescription(host: string, key: string, entries: PortExposureView[]): string {
  const parts = entries.map((entry) => {
    const baseline = entry.baseline === null ? 'the baseline has no entry' : `the baseline allows ${entry.baseline}`;
    const by = entry.decidedBy ? `; decided by: ${entry.decidedBy}` : '';
    return `${FAMILY_LABEL[entry.family]} reachable from ${entry.reach} (${REACH_LABEL[entry.reachability]}) — ${CONFORMANCE_MARK[entry.conformance].label}, ${baseline}${by}`;
  });
  return `${host} ${key}: ${parts.join('. ')}`;
}

export interface MatrixFilter {
  /** Part of a host name or role. */
  text: string;
  /** Only hosts with something to look at: a port beyond the baseline or undetermined, rules or sockets not read, no firewall. */
  problemsOnly: boolean;
}

export function hasProblem(host: FirewallHostExposureView): boolean {
  return host.firewall.state !== 'active' || !host.listenersKnown || host.ports.some((entry) => entry.conformance === 'beyond-baseline' || entry.conformance === 'undetermined');
}

/** One site's rows: hosts grouped by their first role, role headers in between, names in natural order. */
export function siteMatrixRows(hosts: FirewallHostExposureView[], filter: MatrixFilter): MatrixRow[] {
  const needle = filter.text.trim().toLowerCase();
  const shown = hosts.filter(
    (host) => (!filter.problemsOnly || hasProblem(host)) && (!needle || host.host.toLowerCase().includes(needle) || host.roles.some((role) => role.toLowerCase().includes(needle))),
  );
  const byRole = new Map<string, FirewallHostExposureView[]>();
  for (const host of shown) {
    const role = host.roles[0] ?? '(no role)';
    const group = byRole.get(role);
    if (group) group.push(host);
    else byRole.set(role, [host]);
  }
  const rows: MatrixRow[] = [];
  for (const role of [...byRole.keys()].sort()) {
    const group = byRole.get(role)!.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
    rows.push({ kind: 'role', role, count: group.length });
    for (const host of group) rows.push({ kind: 'host', host, cells: hostCells(host) });
  }
  return rows;
}

export interface SiteTotals {
  hosts: number;
  beyond: number;
  undetermined: number;
  unread: number;
}

export function siteTotals(hosts: FirewallHostExposureView[]): SiteTotals {
  const some = (host: FirewallHostExposureView, conformance: PortExposureView['conformance']) => host.ports.some((entry) => entry.conformance === conformance);
  return {
    hosts: hosts.length,
    beyond: hosts.filter((host) => some(host, 'beyond-baseline')).length,
    undetermined: hosts.filter((host) => !some(host, 'beyond-baseline') && some(host, 'undetermined')).length,
    unread: hosts.filter((host) => host.firewall.state === 'unknown' || !host.listenersKnown).length,
  };
}
