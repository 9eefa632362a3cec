// The firewall area against the demo fleet's simulated hosts, in process (no
// SSH): the command lines OpsDeck sends, answered by each host profile, the
// policy from the demo inventory's role baselines, then the per-host and
// fleet findings exactly as a scan computes them.
import { describe, expect, test } from 'vitest';
import { demoFleetSpec, PLANTED_PROBLEMS } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoFirewallFleet } from './support/demo-firewall-fleet';

const spec = demoFleetSpec();
const { hosts: scanned, fleetFindings } = demoFirewallFleet(new Date('2025-06-01T00:00:00Z'));

describe('the demo fleet', () => {
  test('the planted exposures and the sudo-less host are the only findings above info', () => {
    const serious = scanned.flatMap((each) => each.findings).filter((finding) => finding.severity !== 'info');
    expect(serious.map((finding) => [finding.id, finding.severity])).toEqual([
      ['firewall.port-beyond-baseline:db1.nj:tcp/5432', 'critical'],
      ['firewall.port-beyond-baseline:imap1.sea:tcp/143', 'high'],
      // mx1.sea's sudo asks for a password: no rule can be read, and that is said.
      ['firewall.rules-unreadable:mx1.sea', 'medium'],
    ]);
    const db = serious[0]!;
    expect(db.title).toBe('PostgreSQL (tcp/5432) (postgres) reachable from any address (IPv4 and IPv6); the db baseline allows it only from 10.10.8.0/22, 10.20.8.0/22');
    expect(db.evidence.excerpt).toContain('tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"');
    expect(db.evidence.excerpt.some((line) => line.includes('0.0.0.0:5432') && line.includes('postgres'))).toBe(true);
  });

  test('fleet drift: db1.nj against db2.nj, imap1.sea against imap2.sea and against its primary counterpart imap1.nj', () => {
    expect(fleetFindings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['firewall.role-drift:db1.nj:db', 'medium', 'db1.nj exposes more than db2.nj (role db in nj): PostgreSQL (tcp/5432)'],
      ['firewall.role-drift:imap1.sea:imap', 'medium', 'imap1.sea exposes more than imap2.sea (role imap in sea): IMAP (tcp/143)'],
      ['firewall.site-drift:imap1.sea', 'medium', 'imap1.sea differs from its primary counterpart imap1.nj: IMAP (tcp/143) more open here'],
    ]);
    const site = fleetFindings[2]!;
    expect(site.detail).toContain('IMAP (tcp/143) IPv4: imap1.sea any address, imap1.nj nothing (not reachable)');
    expect(site.evidence.excerpt).toContain('imap1.sea: tcp dport { 143, 993 } accept comment "imap, imaps"');
  });

  test('every planted firewall problem is found on its host', () => {
    const all = [...scanned.flatMap((each) => each.findings), ...fleetFindings];
    for (const problem of PLANTED_PROBLEMS.filter((each) => each.area === 'firewall')) {
      const kinds = all.filter((finding) => finding.host === problem.host && finding.severity !== 'info').map((finding) => finding.id.split(':')[0]);
      expect(kinds.length, `${problem.host} ${problem.id}`).toBeGreaterThan(0);
    }
  });

  test('clean hosts: only the info note about blocked services with no baseline entry (exporters, rpcbind, plain IMAP)', () => {
    const info = scanned.flatMap((each) => each.findings).filter((finding) => finding.severity === 'info');
    expect(new Set(info.map((finding) => finding.id.split(':')[0]))).toEqual(new Set(['firewall.unlisted-services']));
    expect(scanned.find((each) => each.host.name === 'imap1.nj')!.findings.map((finding) => finding.title)).toEqual([
      '2 services listen beyond loopback with no imap baseline entry (the firewall blocks them): IMAP (tcp/143) (dovecot), node exporter (tcp/9100) (prometheus-node)',
    ]);
    expect(scanned.find((each) => each.host.name === 'cn1.nj')!.findings.map((finding) => finding.title)).toEqual([
      '2 services listen beyond loopback with no cn baseline entry (the firewall blocks them): rpcbind (tcp/111), rpcbind (udp/111)',
    ]);
  });

  test('every answering host has an active firewall with every source read; facts are plain, bounded JSON', () => {
    for (const { host, facts } of scanned) {
      if (host.problems.includes('sudo-needs-password')) {
        expect(facts.firewall.state, host.name).toBe('unknown');
        continue;
      }
      expect(facts.firewall.state, host.name).toBe('active');
      expect(
        facts.sources.every((source) => source.status === 'ok'),
        host.name,
      ).toBe(true);
      expect(
        facts.exposure.filter((entry) => entry.reachability === 'undetermined'),
        host.name,
      ).toEqual([]);
      const json = JSON.stringify(facts);
      expect(JSON.parse(json), host.name).toEqual(facts);
      expect(json.length, host.name).toBeLessThan(64 * 1024);
    }
  });

  test('SmartOS nodes: the GZ ipf rules let only the management network in; every zone has its firewall on', () => {
    for (const { host, facts } of scanned.filter((each) => each.host.os === 'smartos')) {
      const management = spec.datacentres.find((dc) => dc.id === host.dc)!.managementNetwork;
      expect(facts.exposure.filter((entry) => entry.reachability === 'some').map((entry) => entry.sources)).toEqual([[management], [management], [management]]);
      expect(
        facts.zones!.every((zone) => zone.firewallEnabled),
        host.name,
      ).toBe(true);
    }
  });
});
