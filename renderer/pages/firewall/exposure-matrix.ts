// The fleet matrix as data: the port columns every site shares, one cell
// per host and port (its IPv4 and IPv6 entries merged, the one further from
// the baseline speaking), and each site's rows grouped by role. Pure; a
// row's cells are worked out when the row is on screen, so filtering 1,000
// hosts costs a pass over their names, not 1,000 hosts' cells.
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
  /** What the cell shows, in words: "db1.nj tcp/5432: beyond baseline, any address" (what a screen reader reads). */
  summary: string;
  /** The whole state in words, each IP version with its baseline and deciding rule (the cell's title). */
  description: string;
}

export type MatrixRow = { kind: 'role'; role: string; count: number } | { kind: 'host'; host: FirewallHostExposureView };

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
    cells.set(key, {
      conformance: worst.conformance,
      reachability: worst.reachability,
      entries,
      summary: `${host.host} ${key}: ${CONFORMANCE_MARK[worst.conformance].label}, ${REACH_LABEL[worst.reachability]}`,
      description: cellDescription(host.host, key, entries),
    });
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

const NATURAL_ORDER = new Intl.Collator('en', { numeric: true });
const firstRole = (host: FirewallHostExposureView) => host.roles[0] ?? '(no role)';

/** A site's hosts in matrix order: by first role, then by name in natural order (imap2 before imap10). */
export function matrixOrder(hosts: FirewallHostExposureView[]): FirewallHostExposureView[] {
  return [...hosts].sort((a, b) => {
    const [roleA, roleB] = [firstRole(a), firstRole(b)];
    return roleA < roleB ? -1 : roleA > roleB ? 1 : NATURAL_ORDER.compare(a.host, b.host);
  });
}

/** The rows of hosts already in matrix order (sorted once per load, not per keystroke): those the filter keeps, a role header before each role. */
export function filteredMatrixRows(ordered: FirewallHostExposureView[], filter: MatrixFilter): MatrixRow[] {
  const needle = filter.text.trim().toLowerCase();
  const keeps = (host: FirewallHostExposureView) =>
    (!filter.problemsOnly || hasProblem(host)) && (!needle || host.host.toLowerCase().includes(needle) || host.roles.some((role) => role.toLowerCase().includes(needle)));
  const rows: MatrixRow[] = [];
  let header = { kind: 'role' as const, role: '', count: 0 };
  for (const host of ordered) {
    if (!keeps(host)) continue;
    const role = firstRole(host);
    if (rows.length === 0 || header.role !== role) {
      header = { kind: 'role', role, count: 0 };
      rows.push(header);
    }
    header.count++;
    rows.push({ kind: 'host', host });
  }
  return rows;
}

/** One site's rows: hosts grouped by their first role, role headers in between, names in natural order. */
export function siteMatrixRows(hosts: FirewallHostExposureView[], filter: MatrixFilter): MatrixRow[] {
  return filteredMatrixRows(matrixOrder(hosts), filter);
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
