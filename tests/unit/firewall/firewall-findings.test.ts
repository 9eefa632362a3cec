import { describe, expect, test } from 'vitest';
import { FIREWALL_COMMAND_IDS as ids } from '../../../main/engine/collectors/firewall/firewall-commands';
import { firewallFacts } from '../../../main/engine/collectors/firewall/firewall-facts';
import { FIREWALL_FINDING_KINDS } from '../../../main/engine/posture/firewall-finding-kinds';
import { firewallFindings } from '../../../main/engine/posture/firewall-findings';
import type { Finding } from '../../../main/engine/posture/finding';
import { iptablesNftHost, nativeNftHost, smartosHost } from './support/fixture-hosts';
import { allow, expectMatchesExpected, fixture, hostContext, nft, nftDocument, output, ssTcp, type NftChainSpec } from './support/firewall-fixtures';

const DB_SOCKETS = [
  ssTcp('0.0.0.0:22', 'sshd'),
  ssTcp('[::]:22', 'sshd'),
  ssTcp('0.0.0.0:5432', 'postgres'),
  ssTcp('[::]:5432', 'postgres'),
  ssTcp('*:9100', 'prometheus-node'),
  ssTcp('127.0.0.1:6379', 'redis-server'),
];

function debianFacts(chains: NftChainSpec[], sockets = DB_SOCKETS, options: { family?: string } = {}) {
  return firewallFacts('debian', [
    output(ids.nftJson, nftDocument(chains.map((chain) => ({ family: options.family, ...chain })))),
    output(ids.iptablesSave, ''),
    output(ids.ip6tablesSave, ''),
    output(ids.ssListeners, `${sockets.join('\n')}\n`),
  ]);
}

const mgmtSsh = [nft.dport(22), nft.saddr4(nft.prefix('10.10.0.0', 24)), nft.accept];
const appDb = [nft.dport(5432), nft.saddr4(nft.prefix('10.10.8.0', 22)), nft.accept];
const cleanDb: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [[nft.ctState(nft.set('established', 'related'), '=='), nft.accept], mgmtSsh, appDb] }];

const ids_ = (findings: Finding[]) => findings.map((finding) => finding.id);

describe('a clean host', () => {
  test('a db host within its baseline has only the info note about its blocked, unlisted exporter', () => {
    const findings = firewallFindings(debianFacts(cleanDb), hostContext());
    expect(findings).toEqual([
      {
        id: 'firewall.unlisted-services:db1.nj',
        host: 'db1.nj',
        dc: 'nj',
        area: 'firewall',
        control: 'necessaryCommunications',
        severity: 'info',
        title: '1 service listens beyond loopback with no db baseline entry (the firewall blocks them): node exporter (tcp/9100) (prometheus-node)',
        detail: expect.stringContaining('tcp/9100 on * (IPv4, prometheus-node): not reachable — policy drop of inet filter input'),
        evidence: { commandIds: [ids.ssListeners, ids.nftJson], excerpt: ['tcp LISTEN 0      128      *:9100 *:* users:(("prometheus-node",pid=100,fd=3))'] },
      },
    ]);
  });

  test('a baseline entry for the exporter silences the note', () => {
    const context = hostContext('db1.nj', [allow('tcp', 5432, ['10.10.8.0/22']), allow('tcp', 22, ['10.0.0.0/8']), allow('tcp', 9100, ['10.10.0.0/24'])]);
    expect(firewallFindings(debianFacts(cleanDb), context)).toEqual([]);
  });
});

describe('exposure against the baseline', () => {
  test('PostgreSQL open to any address: critical, one finding for both IP versions, the rule and the sockets as evidence', () => {
    const chains: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [mgmtSsh, [nft.dport(5432), nft.accept]] }];
    const findings = firewallFindings(debianFacts(chains), hostContext());
    const db = findings.find((finding) => finding.id === 'firewall.port-beyond-baseline:db1.nj:tcp/5432')!;
    expect(db).toMatchObject({
      severity: 'critical',
      control: 'necessaryCommunications',
      title: 'PostgreSQL (tcp/5432) (postgres) reachable from any address (IPv4 and IPv6); the db baseline allows it only from 10.10.8.0/22, 10.20.8.0/22',
      evidence: {
        commandIds: [ids.nftJson, ids.ssListeners],
        excerpt: [
          'tcp LISTEN 0      128      0.0.0.0:5432 0.0.0.0:* users:(("postgres",pid=100,fd=3))',
          'tcp dport 5432 accept',
          'tcp LISTEN 0      128      [::]:5432 [::]:* users:(("postgres",pid=100,fd=3))',
        ],
      },
    });
    expect(db.detail).toContain('beyond the baseline: any address');
    expectMatchesExpected('finding-db-open-to-any', db);
  });

  test('a block list does not make a database private: still open to (nearly) any address, critical', () => {
    const blocked = Array.from({ length: 500 }, (_, index) => `203.0.${index >> 7}.${(index & 127) * 2}`);
    const document = nftDocument(
      [{ name: 'input', hook: 'input', policy: 'drop', rules: [[nft.saddr4('@blocklist'), nft.drop], mgmtSsh, [nft.dport(5432), nft.accept]] }],
      [{ name: 'blocklist', type: 'ipv4_addr', elem: blocked }],
    );
    const facts = firewallFacts('debian', [
      output(ids.nftJson, document),
      output(ids.iptablesSave, ''),
      output(ids.ip6tablesSave, ''),
      output(ids.ssListeners, `${ssTcp('0.0.0.0:5432', 'postgres')}\n`),
    ]);
    expect(firewallFindings(facts, hostContext())).toMatchObject([
      { id: 'firewall.port-beyond-baseline:db1.nj:tcp/5432', severity: 'critical', title: expect.stringContaining('reachable from any address (IPv4)') },
    ]);
  });

  test('a port reachable from networks beyond the baseline is medium (high for a database), naming the extra networks', () => {
    const chains: NftChainSpec[] = [
      {
        name: 'input',
        hook: 'input',
        policy: 'drop',
        rules: [
          mgmtSsh,
          [nft.dport(5432), nft.saddr4(nft.set(nft.prefix('10.10.8.0', 22), nft.prefix('172.16.0.0', 12))), nft.accept],
          [nft.dport(22), nft.saddr4(nft.prefix('192.168.0.0', 16)), nft.accept],
        ],
      },
    ];
    const findings = firewallFindings(debianFacts(chains), hostContext());
    expect(findings.filter((finding) => finding.id.startsWith('firewall.port-beyond-baseline')).map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['firewall.port-beyond-baseline:db1.nj:tcp/22', 'medium', 'SSH (tcp/22) (sshd) reachable from 192.168.0.0/16 (IPv4); the db baseline allows it only from 10.0.0.0/8'],
      ['firewall.port-beyond-baseline:db1.nj:tcp/5432', 'high', 'PostgreSQL (tcp/5432) (postgres) reachable from 172.16.0.0/12 (IPv4); the db baseline allows it only from 10.10.8.0/22, 10.20.8.0/22'],
    ]);
  });

  test('SSH from any address is its own finding (high), unless the baseline allows SSH from any', () => {
    const chains: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [[nft.dport(22), nft.accept], appDb] }];
    const findings = firewallFindings(debianFacts(chains), hostContext());
    expect(findings.filter((finding) => finding.id.includes('22'))).toMatchObject([
      { id: 'firewall.ssh-open-to-any:db1.nj:tcp/22', severity: 'high', title: 'SSH (tcp/22) reachable from any address (IPv4 and IPv6); the db baseline allows it only from 10.0.0.0/8' },
    ]);
    const bastion = hostContext('bastion1.nj', [allow('tcp', 22, ['any']), allow('tcp', 5432, ['10.10.8.0/22'])], ['bastion']);
    expect(ids_(firewallFindings(debianFacts(chains), bastion)).filter((id) => id.includes('22'))).toEqual([]);
  });

  test('a reachable service with no baseline entry at all is beyond the baseline', () => {
    const chains: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [mgmtSsh, appDb, [nft.dport(9100), nft.saddr4(nft.prefix('10.10.0.0', 24)), nft.accept]] }];
    const [finding] = firewallFindings(debianFacts(chains), hostContext());
    expect(finding).toMatchObject({
      id: 'firewall.port-beyond-baseline:db1.nj:tcp/9100',
      severity: 'medium',
      title: 'node exporter (tcp/9100) (prometheus-node) reachable from 10.10.0.0/24 (IPv4); the db baseline has no entry for it',
    });
  });

  test('exposure that depends on unmodelled rules is one finding, medium when SSH or a database is concerned', () => {
    const chains: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [mgmtSsh, appDb, [nft.mark(7), nft.dport(5432), nft.accept]] }];
    const findings = firewallFindings(debianFacts(chains), hostContext());
    expect(findings.find((finding) => finding.id === 'firewall.exposure-undetermined:db1.nj')).toMatchObject({
      severity: 'medium',
      title: 'Exposure of PostgreSQL (tcp/5432) depends on rules OpsDeck does not model: not modelled: meta mark 7',
    });
    // Undetermined sources inside the baseline are no concern.
    const inside: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'drop', rules: [mgmtSsh, [nft.mark(7), nft.dport(5432), nft.saddr4(nft.prefix('10.10.8.0', 24)), nft.accept]] }];
    expect(ids_(firewallFindings(debianFacts(inside), hostContext()))).not.toContain('firewall.exposure-undetermined:db1.nj');
  });

  test('unreadable sockets: one low finding naming the input default', () => {
    const facts = firewallFacts('debian', [
      output(ids.nftJson, fixture('debian/nft-j-list-ruleset.txt')),
      output(ids.iptablesSave, ''),
      output(ids.ip6tablesSave, ''),
      output(ids.ssListeners, '', { stderr: 'bash: line 1: ss: command not found\n', exitCode: 127 }),
    ]);
    expect(firewallFindings(facts, hostContext())).toMatchObject([
      { id: 'firewall.listeners-unknown:db1.nj', severity: 'low', title: 'Listening sockets could not be read (tool-missing): which services the rules expose is unknown' },
    ]);
  });
});

describe('the filtering as a whole', () => {
  test('input policy accept with no catch-all drop: high when a socket is reachable that way', () => {
    const chains: NftChainSpec[] = [{ name: 'input', hook: 'input', policy: 'accept', rules: [mgmtSsh, appDb] }];
    const findings = firewallFindings(debianFacts(chains), hostContext());
    expect(findings[0]).toMatchObject({
      id: 'firewall.input-accept:db1.nj',
      severity: 'high',
      title: 'Input accepts connections to any port by default (IPv4 and IPv6): no drop policy and no catch-all drop',
      evidence: { commandIds: [ids.nftJson], excerpt: ['policy accept of inet filter input'] },
    });
    expect(ids_(findings)).toContain('firewall.ssh-open-to-any:db1.nj:tcp/22');
    expect(ids_(findings)).toContain('firewall.port-beyond-baseline:db1.nj:tcp/5432');
  });

  test('IPv6 unfiltered while IPv4 is filtered (an ip table only)', () => {
    const findings = firewallFindings(debianFacts(cleanDb, DB_SOCKETS, { family: 'ip' }), hostContext());
    expect(findings[0]).toMatchObject({
      id: 'firewall.ipv6-unfiltered:db1.nj',
      severity: 'high',
      title: 'IPv6 is unfiltered while IPv4 is filtered: a port no rule names is reachable over IPv6 from any address',
    });
    expect(findings[0]!.detail).toContain('IPv6: tcp/65000 on :: (IPv6): reachable from any address — no base chain on the IPv6 input path: nothing filters IPv6');
    expect(ids_(findings)).toEqual(expect.arrayContaining(['firewall.ssh-open-to-any:db1.nj:tcp/22', 'firewall.port-beyond-baseline:db1.nj:tcp/5432']));
  });

  test('no ruleset loaded: firewall inactive, critical when sockets are exposed', () => {
    const facts = firewallFacts('debian', [
      output(ids.nftJson, fixture('debian/nft-j-list-ruleset-empty.txt')),
      output(ids.iptablesSave, ''),
      output(ids.ip6tablesSave, ''),
      output(ids.ssListeners, `${DB_SOCKETS.join('\n')}\n`),
    ]);
    const findings = firewallFindings(facts, hostContext());
    expect(findings[0]).toMatchObject({ id: 'firewall.inactive:db1.nj', severity: 'critical', title: 'Firewall inactive: no ruleset is loaded (nft and iptables-save list no tables)' });
    expect(findings[0]!.evidence.commandIds).toEqual([ids.nftJson, ids.iptablesSave, ids.ip6tablesSave]);
  });

  test("rules unreadable: one medium finding with each command's state, nothing per port", () => {
    const facts = firewallFacts('debian', [
      output(ids.nftJson, '', { stderr: 'sudo: a password is required\n', exitCode: 1 }),
      output(ids.iptablesSave, '', { stderr: 'sudo: a password is required\n', exitCode: 1 }),
      output(ids.ip6tablesSave, '', { stderr: 'sudo: a password is required\n', exitCode: 1 }),
      output(ids.ssListeners, '', { stderr: 'sudo: a password is required\n', exitCode: 1 }),
    ]);
    const findings = firewallFindings(facts, hostContext());
    expect(ids_(findings)).toEqual(['firewall.rules-unreadable:db1.nj']);
    expect(findings[0]).toMatchObject({ severity: 'medium', evidence: { commandIds: [ids.nftJson, ids.iptablesSave, ids.ip6tablesSave, ids.ssListeners] } });
    expect(findings[0]!.detail).toContain('nft -j list ruleset: needs-privilege');
  });

  test('the captured fixture hosts against a web baseline', () => {
    const web = hostContext('web1.nj', [allow('tcp', 80, ['any']), allow('tcp', 443, ['any']), allow('tcp', 22, ['192.0.2.0/24', '198.51.100.10', '2001:db8:100::/48'])], ['web']);
    expect(firewallFindings(firewallFacts('debian', nativeNftHost()), web).map((finding) => [finding.id, finding.severity])).toEqual([['firewall.unlisted-services:web1.nj', 'info']]);
    expect(firewallFindings(firewallFacts('debian', iptablesNftHost()), web).map((finding) => [finding.id, finding.severity])).toEqual([['firewall.unlisted-services:web1.nj', 'info']]);
    // The unlisted services: dhclient's udp/68 on eth0, MariaDB on 192.0.2.10, the node exporter.
    expect(firewallFindings(firewallFacts('debian', nativeNftHost()), web)[0]!.title).toBe(
      '3 services listen beyond loopback with no web baseline entry (the firewall blocks them): udp/68 (dhclient), MySQL/MariaDB (tcp/3306) (mariadbd), node exporter (tcp/9100) (prometheus-node)',
    );
  });
});

describe('SmartOS', () => {
  const cn = hostContext('cn1.nj', [allow('tcp', 22, ['10.10.0.0/24'])], ['compute']);
  const smartos = { ...cn, os: 'smartos' as const };

  test('the fixture global zone: SSH open to any, IPv6 unfiltered, a zone with its firewall off, an fwadm rule opening SSH', () => {
    const findings = firewallFindings(firewallFacts('smartos', smartosHost()), smartos);
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([
      ['firewall.ipv6-unfiltered:cn1.nj', 'high'],
      ['firewall.ssh-open-to-any:cn1.nj:tcp/22', 'high'],
      // rpcbind over IPv6 (unfiltered); over IPv4 tcp/111 and NTP are blocked but not in the baseline.
      ['firewall.port-beyond-baseline:cn1.nj:udp/111', 'high'],
      ['firewall.port-beyond-baseline:cn1.nj:tcp/443', 'high'],
      ['firewall.unlisted-services:cn1.nj', 'info'],
      ['firewall.zone-firewall-disabled:cn1.nj', 'high'],
      ['firewall.zone-rule-open:cn1.nj:a2dbbe68-8c2f-4ad3-9e9f-1c3e2a7b5d10', 'high'],
    ]);
    const zone = findings.find((finding) => finding.id === 'firewall.zone-firewall-disabled:cn1.nj')!;
    expect(zone).toMatchObject({ title: '2 zones on cn1.nj run with the firewall disabled: www-old, 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', evidence: { commandIds: [ids.vmadmList] } });
    const rule = findings.find((finding) => finding.id.startsWith('firewall.zone-rule-open'))!;
    expect(rule.title).toBe('fwadm rule lets any address reach SSH (tcp/22) on 3 zones: FROM any TO all vms ALLOW tcp PORT 22');
    expect(rule.evidence.commandIds).toEqual([ids.fwadmList, ids.vmadmList]);
    expect(findings.find((finding) => finding.id.startsWith('firewall.ssh-open-to-any'))!.evidence.commandIds).toEqual([
      ids.ipfstatV4,
      ids.svcsIpfilter,
      ids.netstatInet,
      ids.ipfstatV6,
      ids.netstatInet6,
    ]);
  });

  test('ipfilter disabled: inactive (critical), with the svcs line as evidence', () => {
    const findings = firewallFindings(firewallFacts('smartos', smartosHost(fixture('smartos/svcs-H-ipfilter-disabled.txt'))), smartos);
    expect(findings[0]).toMatchObject({
      id: 'firewall.inactive:cn1.nj',
      severity: 'critical',
      title: 'Firewall inactive: ipfilter is disabled (disabled Nov_29 svc:/network/ipfilter:default)',
      evidence: { commandIds: [ids.svcsIpfilter, ids.ipfstatV4, ids.ipfstatV6] },
    });
    expect(findings[0]!.evidence.excerpt[0]).toBe('disabled       Nov_29   svc:/network/ipfilter:default');
  });
});

test('every finding kind is declared once, ids are stable and unique per host', () => {
  const kinds = Object.values(FIREWALL_FINDING_KINDS);
  expect(new Set(kinds).size).toBe(kinds.length);
  const findings = firewallFindings(firewallFacts('smartos', smartosHost()), { ...hostContext('cn1.nj', [], ['compute']), os: 'smartos' });
  expect(new Set(ids_(findings)).size).toBe(findings.length);
  for (const finding of findings) expect(kinds).toContain(finding.id.split(':')[0]!.replace('firewall.', ''));
});
