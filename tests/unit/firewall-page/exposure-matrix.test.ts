import { describe, expect, test } from 'vitest';
import type { FirewallHostExposureView, PortExposureView } from '../../../preload/contract';
import { fleetExposureViews } from '../../../main/engine/views/firewall/fleet-exposure-view';
import { hasProblem, hostCells, matrixColumns, siteMatrixRows, siteTotals } from '../../../renderer/pages/firewall/exposure-matrix';
import { demoFirewallFleet } from '../firewall/support/demo-firewall-fleet';

const { hosts, findings } = demoFirewallFleet();
const fleet = fleetExposureViews(
  hosts.map((host) => ({ host: host.target.name, facts: host.facts })),
  hosts.map((host) => host.target),
  findings,
);
const named = (name: string) => fleet.find((host) => host.host === name)!;

describe('the fleet matrix of the demo fleet', () => {
  test('columns are the ports some host exposes, in port order; blocked-everywhere ports only on request', () => {
    expect(matrixColumns(fleet, false).map((column) => column.key)).toEqual(['tcp/22', 'tcp/25', 'tcp/80', 'udp/123', 'tcp/143', 'tcp/443', 'tcp/465', 'tcp/587', 'tcp/993', 'tcp/5432']);
    const all = matrixColumns(fleet, true).map((column) => column.key);
    expect(all).toEqual(expect.arrayContaining(['tcp/111', 'udp/111', 'tcp/9100', 'tcp/9187']));
    // Loopback-only sockets never make a column.
    expect(all).not.toContain('udp/323');
    expect(all).not.toContain('tcp/4190');
    expect(matrixColumns(fleet, false).find((column) => column.key === 'tcp/5432')!.processes).toEqual(['postgres']);
  });

  test("db1.nj's PostgreSQL cell is beyond the baseline, open to any address, and says so in words", () => {
    const cell = hostCells(named('db1.nj')).get('tcp/5432')!;
    expect(cell).toMatchObject({ conformance: 'beyond-baseline', reachability: 'any' });
    expect(cell.entries.map((entry) => entry.family)).toEqual(['ipv4', 'ipv6']);
    expect(cell.summary).toBe('db1.nj tcp/5432: beyond baseline, any address');
    expect(cell.description).toBe(
      'db1.nj tcp/5432: IPv4 reachable from any address (any address) — beyond baseline, the baseline allows 10.10.8.0/22, 10.20.8.0/22; decided by: tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)". ' +
        'IPv6 reachable from any address (any address) — beyond baseline, the baseline allows 10.10.8.0/22, 10.20.8.0/22; decided by: tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"',
    );
    expect(hostCells(named('db2.nj')).get('tcp/5432')).toMatchObject({ conformance: 'conforming', reachability: 'some' });
    expect(hostCells(named('imap1.nj')).get('tcp/143')).toMatchObject({ conformance: 'no-baseline', reachability: 'none' });
    expect(hostCells(named('imap1.sea')).get('tcp/143')).toMatchObject({ conformance: 'beyond-baseline', reachability: 'any' });
    expect(hostCells(named('imap1.nj')).has('tcp/4190')).toBe(false);
  });

  test("a site's rows are grouped by role, names in natural order; the filters narrow them", () => {
    const nj = fleet.filter((host) => host.dc === 'nj');
    const rows = siteMatrixRows(nj, { text: '', problemsOnly: false });
    expect(rows.filter((row) => row.kind === 'role').map((row) => (row.kind === 'role' ? `${row.role}:${row.count}` : ''))).toEqual(['backup:1', 'cn:3', 'db:2', 'imap:2', 'mx:2', 'web:2']);
    expect(rows.filter((row) => row.kind === 'host').map((row) => (row.kind === 'host' ? row.host.host : ''))).toEqual([
      'backup1.nj',
      'cn1.nj',
      'cn2.nj',
      'cn3.nj',
      'db1.nj',
      'db2.nj',
      'imap1.nj',
      'imap2.nj',
      'mx1.nj',
      'mx2.nj',
      'web1.nj',
      'web2.nj',
    ]);
    const problems = siteMatrixRows(fleet, { text: '', problemsOnly: true }).flatMap((row) => (row.kind === 'host' ? [row.host.host] : []));
    expect(problems).toEqual(['db1.nj', 'imap1.sea', 'mx1.sea']);
    expect(siteMatrixRows(nj, { text: 'IMAP', problemsOnly: false }).flatMap((row) => (row.kind === 'host' ? [row.host.host] : []))).toEqual(['imap1.nj', 'imap2.nj']);
  });

  test('site totals count hosts beyond the baseline and hosts not read', () => {
    expect(siteTotals(fleet.filter((host) => host.dc === 'nj'))).toEqual({ hosts: 12, beyond: 1, undetermined: 0, unread: 0 });
    expect(siteTotals(fleet.filter((host) => host.dc === 'sea'))).toEqual({ hosts: 12, beyond: 1, undetermined: 0, unread: 1 });
  });
});

describe('cells', () => {
  const entry = (family: 'ipv4' | 'ipv6', overrides: Partial<PortExposureView>): PortExposureView => ({
    proto: 'tcp',
    port: 8080,
    family,
    reachability: 'some',
    conformance: 'conforming',
    reach: '10.0.0.0/8',
    baseline: '10.0.0.0/8',
    decidedBy: null,
    process: null,
    ...overrides,
  });
  const host = (ports: PortExposureView[]): FirewallHostExposureView => ({
    host: 'h1',
    dc: 'nj',
    siteRole: 'primary',
    roles: [],
    os: 'debian',
    firewall: { state: 'active', reason: '' },
    listenersKnown: true,
    ports,
    findings: {},
  });

  test('the IP version further from the baseline speaks for the cell; then the more open', () => {
    expect(hostCells(host([entry('ipv4', {}), entry('ipv6', { conformance: 'undetermined', reachability: 'undetermined' })])).get('tcp/8080')).toMatchObject({
      conformance: 'undetermined',
      reachability: 'undetermined',
    });
    expect(hostCells(host([entry('ipv4', { reachability: 'none' }), entry('ipv6', { reachability: 'any', baseline: 'any' })])).get('tcp/8080')).toMatchObject({
      conformance: 'conforming',
      reachability: 'any',
    });
  });

  test('a host with no firewall, or unread rules, is one to look at', () => {
    expect(hasProblem(host([entry('ipv4', {})]))).toBe(false);
    expect(hasProblem({ ...host([]), firewall: { state: 'inactive', reason: 'ipfilter disabled' } })).toBe(true);
    expect(hasProblem({ ...host([]), listenersKnown: false })).toBe(true);
  });

  test('a thousand hosts summarise in one pass', () => {
    const many = Array.from({ length: 1000 }, (_, index) => ({ ...host([entry('ipv4', { port: 1000 + (index % 40) })]), host: `h${index}` }));
    expect(matrixColumns(many, false)).toHaveLength(40);
    expect(siteMatrixRows(many, { text: '', problemsOnly: false })).toHaveLength(1001);
  });
});
