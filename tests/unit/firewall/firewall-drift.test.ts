import { describe, expect, test } from 'vitest';
import type { FleetHostFacts } from '../../../main/engine/posture/fleet-host-facts';
import { FIREWALL_COMMAND_IDS as ids } from '../../../main/engine/collectors/firewall/firewall-commands';
import { firewallFacts, type FirewallFacts } from '../../../main/engine/collectors/firewall/firewall-facts';
import { firewallDrift } from '../../../main/engine/posture/firewall-drift';
import type { HostPolicy } from '../../../main/engine/posture/host-context';
import { allow, hostContext, nft, nftDocument, output, ssTcp } from './support/firewall-fixtures';

const SOCKETS = [ssTcp('0.0.0.0:22', 'sshd'), ssTcp('0.0.0.0:143', 'dovecot'), ssTcp('0.0.0.0:993', 'dovecot'), ssTcp('[::]:143', 'dovecot'), ssTcp('[::]:993', 'dovecot')];

/** An imap host: SSH from its site's management network, 993 from any, plus `extra` rules. */
function imapFacts(site: 'nj' | 'sea', extra: unknown[][] = [], without993 = false): FirewallFacts {
  const mgmt = site === 'nj' ? '10.10.0.0' : '10.20.0.0';
  const rules = [[nft.dport(22), nft.saddr4(nft.prefix(mgmt, 24)), nft.accept], ...(without993 ? [] : [[nft.dport(993), nft.accept]]), ...extra] as Array<Record<string, unknown>[]>;
  return firewallFacts('debian', [
    output(ids.nftJson, nftDocument([{ name: 'input', hook: 'input', policy: 'drop', rules }])),
    output(ids.iptablesSave, ''),
    output(ids.ip6tablesSave, ''),
    output(ids.ssListeners, `${SOCKETS.join('\n')}\n`),
  ]);
}

const IMAP_POLICY: HostPolicy = hostContext('imap1.nj', [allow('tcp', 993, ['any']), allow('tcp', 22, ['10.0.0.0/8'])], ['imap']).policy;

function host(name: string, facts: FirewallFacts, roles = ['imap'], policy: HostPolicy | undefined = IMAP_POLICY): FleetHostFacts<FirewallFacts> {
  const dc = name.split('.')[1] === 'sea' || name.includes('-sea') ? 'sea' : 'nj';
  return { host: name, dc, siteRole: dc === 'sea' ? 'secondary' : 'primary', roles, policy, facts };
}

const plain143 = [nft.dport(143), nft.accept];
const summary = (hosts: FleetHostFacts<FirewallFacts>[]) => firewallDrift(hosts).map((finding) => [finding.id, finding.severity, finding.title]);

describe('role drift (same role, same datacentre)', () => {
  test('two hosts: the one that exposes more is the odd one, the other is not flagged', () => {
    const findings = firewallDrift([host('imap1.nj', imapFacts('nj', [plain143])), host('imap2.nj', imapFacts('nj'))]);
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['firewall.role-drift:imap1.nj:imap', 'medium', 'imap1.nj exposes more than imap2.nj (role imap in nj): IMAP (tcp/143)'],
    ]);
    const [finding] = findings;
    expect(finding).toMatchObject({ area: 'firewall', control: 'necessaryCommunications', dc: 'nj' });
    expect(finding!.detail.split('\n').slice(1)).toEqual([
      'IMAP (tcp/143) IPv4: here any address, on imap2.nj nothing (not reachable)',
      'IMAP (tcp/143) IPv6: here any address, on imap2.nj nothing (not reachable)',
    ]);
    expect(finding!.evidence.commandIds).toEqual([ids.nftJson, ids.ssListeners]);
    expect(finding!.evidence.excerpt).toEqual([
      'imap1.nj: tcp LISTEN 0      128      0.0.0.0:143 0.0.0.0:* users:(("dovecot",pid=100,fd=3))',
      'imap1.nj: tcp dport 143 accept',
      'imap1.nj: tcp LISTEN 0      128      [::]:143 [::]:* users:(("dovecot",pid=100,fd=3))',
    ]);
  });

  test('a large role: the title names a few peers and counts the rest', () => {
    const peers = Array.from({ length: 40 }, (_, index) => host(`imap${index + 2}.nj`, imapFacts('nj')));
    const findings = firewallDrift([host('imap1.nj', imapFacts('nj', [plain143])), ...peers]);
    expect(findings.map((finding) => [finding.id, finding.title])).toEqual([
      ['firewall.role-drift:imap1.nj:imap', 'imap1.nj exposes more than most of its 40 peers (imap2.nj, imap3.nj, imap4.nj, …) (role imap in nj): IMAP (tcp/143)'],
    ]);
  });

  test('three hosts: more than the majority is medium, less than the majority is low', () => {
    expect(summary([host('imap1.nj', imapFacts('nj')), host('imap2.nj', imapFacts('nj')), host('imap3.nj', imapFacts('nj', [], true))])).toEqual([
      ['firewall.role-drift:imap3.nj:imap', 'low', 'imap3.nj exposes less than most of imap1.nj, imap2.nj (role imap in nj): IMAPS (tcp/993)'],
    ]);
    expect(summary([host('imap1.nj', imapFacts('nj')), host('imap2.nj', imapFacts('nj', [plain143])), host('imap3.nj', imapFacts('nj'))])).toEqual([
      ['firewall.role-drift:imap2.nj:imap', 'medium', 'imap2.nj exposes more than most of imap1.nj, imap3.nj (role imap in nj): IMAP (tcp/143)'],
    ]);
  });

  test('the same networks narrower or wider count too', () => {
    const wider = imapFacts('nj', [[nft.dport(22), nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.accept]]);
    expect(summary([host('imap1.nj', wider), host('imap2.nj', imapFacts('nj'))])).toEqual([
      ['firewall.role-drift:imap1.nj:imap', 'medium', 'imap1.nj exposes more than imap2.nj (role imap in nj): SSH (tcp/22)'],
    ]);
  });

  test('hosts of other datacentres, other roles, or whose facts are unknown are not compared', () => {
    const unknown = firewallFacts('debian', []);
    expect(firewallDrift([host('imap1.nj', imapFacts('nj', [plain143])), host('imap2.sea', imapFacts('sea')), host('mx1.nj', imapFacts('nj'), ['mx']), host('imap2.nj', unknown)])).toEqual([]);
  });

  test('identical hosts: no drift', () => {
    expect(firewallDrift([host('imap1.nj', imapFacts('nj')), host('imap2.nj', imapFacts('nj')), host('imap3.nj', imapFacts('nj'))])).toEqual([]);
  });
});

describe('site drift (secondary against its primary counterpart)', () => {
  test('the secondary exposes more: a finding on the secondary, naming both hosts', () => {
    const findings = firewallDrift([host('imap1.nj', imapFacts('nj')), host('imap1.sea', imapFacts('sea', [plain143]))]);
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['firewall.site-drift:imap1.sea', 'medium', 'imap1.sea differs from its primary counterpart imap1.nj: IMAP (tcp/143) more open here'],
    ]);
    expect(findings[0]!.detail).toContain('IMAP (tcp/143) IPv4: imap1.sea any address, imap1.nj nothing (not reachable)');
  });

  test("each site's own networks are not drift: both restrict SSH to their management network", () => {
    expect(firewallDrift([host('imap1.nj', imapFacts('nj')), host('imap1.sea', imapFacts('sea'))])).toEqual([]);
  });

  test('the secondary exposes less where the primary is within its baseline (a failover would lose the service)', () => {
    expect(summary([host('imap1.nj', imapFacts('nj')), host('imap1.sea', imapFacts('sea', [], true))])).toEqual([
      ['firewall.site-drift:imap1.sea', 'medium', 'imap1.sea differs from its primary counterpart imap1.nj: IMAPS (tcp/993) less open here'],
    ]);
  });

  test('the primary open beyond its baseline is its own finding, not drift on the secondary; without a policy it is reported', () => {
    const hosts = [host('imap1.nj', imapFacts('nj', [plain143])), host('imap1.sea', imapFacts('sea'))];
    expect(firewallDrift(hosts).filter((finding) => finding.id.startsWith('firewall.site-drift'))).toEqual([]);
    const noPolicy = hosts.map((each) => ({ ...each, policy: undefined }));
    expect(firewallDrift(noPolicy).map((finding) => finding.id)).toEqual(['firewall.site-drift:imap1.sea']);
  });

  test('counterparts: the site label removed from the name (dotted or -suffix), same roles, exactly one primary', () => {
    const more = imapFacts('sea', [plain143]);
    expect(firewallDrift([host('imap1.nj.example.net', imapFacts('nj')), host('imap1.sea.example.net', more)]).map((finding) => finding.host)).toEqual(['imap1.sea.example.net']);
    expect(
      firewallDrift([
        { ...host('imap1-nj', imapFacts('nj')), dc: 'nj' },
        { ...host('imap1-sea', more), dc: 'sea', siteRole: 'secondary' },
      ]).map((finding) => finding.host),
    ).toEqual(['imap1-sea']);
    expect(firewallDrift([host('imap1.nj', imapFacts('nj'), ['imap', 'pop']), host('imap1.sea', more)])).toEqual([]);
    expect(firewallDrift([host('imap1.nj', imapFacts('nj')), { ...host('imap1.nj', imapFacts('nj')), dc: 'nj2', host: 'imap1.nj2' }, host('imap1.sea', more)])).toEqual([]);
  });
});
