import { describe, expect, test } from 'vitest';
import type { ExposureEntry } from '../../../main/engine/collectors/firewall/exposure';
import { fleetExposureViews } from '../../../main/engine/views/firewall/fleet-exposure-view';
import { portConformance, reachText } from '../../../main/engine/views/firewall/port-conformance';
import type { HostPolicy } from '../../../main/engine/posture/host-context';
import { demoFirewallFleet, demoHost } from '../firewall/support/demo-firewall-fleet';

const { hosts, findings } = demoFirewallFleet();
const views = fleetExposureViews(
  hosts.map((host) => ({ host: host.target.name, facts: host.facts })),
  hosts.map((host) => host.target),
  findings,
);
const view = (name: string) => views.find((each) => each.host === name)!;
const port = (name: string, proto: string, number: number, family: string) => view(name).ports.find((each) => each.proto === proto && each.port === number && each.family === family);

describe('the fleet exposure summary of the demo fleet', () => {
  test("db1.nj's PostgreSQL is open to any address beyond the db baseline, on both IP versions, decided by the planted rule", () => {
    for (const family of ['ipv4', 'ipv6']) {
      expect(port('db1.nj', 'tcp', 5432, family)).toEqual({
        proto: 'tcp',
        port: 5432,
        family,
        reachability: 'any',
        conformance: 'beyond-baseline',
        reach: 'any address',
        baseline: '10.10.8.0/22, 10.20.8.0/22',
        decidedBy: 'tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"',
        process: 'postgres',
      });
    }
    expect(view('db1.nj')).toMatchObject({
      dc: 'nj',
      siteRole: 'primary',
      roles: ['db'],
      os: 'debian',
      firewall: { state: 'active' },
      listenersKnown: true,
      findings: { critical: 1, medium: 1, info: 1 },
    });
  });

  test('db2.nj lets in only its application network: within the baseline', () => {
    expect(port('db2.nj', 'tcp', 5432, 'ipv4')).toMatchObject({ reachability: 'some', conformance: 'conforming', reach: '10.10.8.0/22' });
    expect(port('db2.nj', 'tcp', 5432, 'ipv6')).toMatchObject({ reachability: 'none', conformance: 'conforming', reach: 'nothing (blocked)', decidedBy: 'policy drop of inet filter input' });
  });

  test('imap1.sea opens plain IMAP to any address where imap1.nj blocks it; a blocked port with no baseline entry is "no-baseline"', () => {
    expect(port('imap1.sea', 'tcp', 143, 'ipv4')).toMatchObject({ reachability: 'any', conformance: 'beyond-baseline', baseline: null });
    expect(port('imap1.nj', 'tcp', 143, 'ipv4')).toMatchObject({ reachability: 'none', conformance: 'no-baseline', baseline: null });
    expect(view('imap1.sea').siteRole).toBe('secondary');
    expect(port('imap1.nj', 'tcp', 4190, 'ipv4')).toMatchObject({ reachability: 'local-only', conformance: 'conforming', reach: 'only local processes (loopback)' });
  });

  test('two sockets on one port (0.0.0.0:123 and the host address) make one entry', () => {
    expect(view('cn1.nj').ports.filter((each) => each.proto === 'udp' && each.port === 123)).toHaveLength(1);
    expect(port('cn1.nj', 'udp', 123, 'ipv4')).toMatchObject({
      reachability: 'some',
      conformance: 'conforming',
      reach: '10.10.0.0/24',
      decidedBy: 'pass in quick proto udp from 10.10.0.0/24 to any port = ntp keep state',
    });
  });

  test('a host whose rules and sockets could not be read says so instead of listing ports', () => {
    expect(view('mx1.sea')).toMatchObject({ firewall: { state: 'unknown' }, listenersKnown: false, ports: [] });
  });

  test('every port beyond the baseline has its finding, and every exposure finding has its cell', () => {
    const cells = views.flatMap((host) => host.ports.filter((each) => each.conformance === 'beyond-baseline').map((each) => `${host.host}:${each.proto}/${each.port}`));
    const exposureFindings = findings
      .filter((finding) => finding.id.startsWith('firewall.port-beyond-baseline:') || finding.id.startsWith('firewall.ssh-open-to-any:'))
      .map((finding) => finding.id.replace(/^firewall\.[a-z-]+:/, ''));
    expect([...new Set(cells)].sort()).toEqual(exposureFindings.sort());
    expect(exposureFindings.sort()).toEqual(['db1.nj:tcp/5432', 'imap1.sea:tcp/143']);
  });

  test('stays compact: no rules, a few kilobytes a host', () => {
    for (const host of views) expect(JSON.stringify(host).length).toBeLessThan(4096);
    expect(JSON.stringify(views)).not.toContain('"rules"');
  });

  test('leaves out hosts not in the inventory and facts of another shape', () => {
    const db = demoHost(hosts, 'db1.nj');
    const rows = [
      { host: 'gone.nj', facts: db.facts },
      { host: 'db1.nj', facts: { os: 'debian', listeners: [] } },
      { host: 'db2.nj', facts: null },
    ];
    expect(
      fleetExposureViews(
        rows,
        hosts.map((host) => host.target),
        [],
      ),
    ).toEqual([]);
  });
});

describe('a port against the baseline', () => {
  const policy = (sources: string[] | null): HostPolicy => ({
    roles: ['db'],
    allowedPorts: sources ? [{ proto: 'tcp', from: 5432, to: 5432, sources }] : [],
    patchSlaHours: 24,
    backupRpoHours: 24,
    restoreTestMaxAgeDays: 30,
    platformImageMaxAgeDays: 180,
  });
  const entry = (overrides: Partial<ExposureEntry>): ExposureEntry => ({
    proto: 'tcp',
    family: 'ipv4',
    address: '0.0.0.0',
    port: 5432,
    interface: null,
    process: 'postgres',
    socket: 'tcp LISTEN 0 200 0.0.0.0:5432 0.0.0.0:*',
    reachability: 'some',
    basis: 'ruleset',
    sources: ['10.1.0.0/16'],
    sourcesTotal: 1,
    exceptSources: null,
    undeterminedSources: [],
    viaInterfaces: null,
    viaDestinations: null,
    decidedBy: null,
    decisions: [],
    reasons: [],
    summary: '',
    ...overrides,
  });

  test('sources inside the baseline conform; one network more is beyond it', () => {
    expect(portConformance(entry({}), policy(['10.0.0.0/8']))).toEqual({ conformance: 'conforming', baseline: '10.0.0.0/8' });
    expect(portConformance(entry({ sources: ['10.1.0.0/16', '192.0.2.0/24'], sourcesTotal: 2 }), policy(['10.0.0.0/8'])).conformance).toBe('beyond-baseline');
    expect(portConformance(entry({}), policy(null))).toEqual({ conformance: 'beyond-baseline', baseline: null });
  });

  test('sources that may connect through unmodelled rules make it undetermined, unless the baseline allows them', () => {
    const maybe = entry({ reachability: 'undetermined', sources: [], sourcesTotal: 0, undeterminedSources: ['192.0.2.0/24'], reasons: ['a mark match'] });
    expect(portConformance(maybe, policy(['10.0.0.0/8'])).conformance).toBe('undetermined');
    expect(portConformance(maybe, policy(['192.0.2.0/24'])).conformance).toBe('conforming');
    expect(reachText(maybe)).toBe('undetermined (a mark match)');
    expect(portConformance(entry({ reachability: 'undetermined', basis: 'ruleset-unavailable', sources: [] }), policy(['any'])).conformance).toBe('undetermined');
  });

  test('IPv6 sources are beyond a baseline that names only IPv4 networks', () => {
    expect(portConformance(entry({ family: 'ipv6', sources: ['2001:db8::/32'] }), policy(['10.0.0.0/8'])).conformance).toBe('beyond-baseline');
  });

  test('reach in words: except-lists, long source lists, interfaces', () => {
    expect(reachText(entry({ reachability: 'some', sources: ['0.0.0.0/1'], exceptSources: ['192.0.2.0/24'] }))).toBe('any address except 192.0.2.0/24');
    expect(reachText(entry({ sources: ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '10.5.0.0/16'], sourcesTotal: 5 }))).toBe('10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16 and 2 more');
    expect(reachText(entry({ reachability: 'some', sources: ['0.0.0.0/0'], viaInterfaces: ['eth1'] }))).toBe('any address via eth1');
  });
});
