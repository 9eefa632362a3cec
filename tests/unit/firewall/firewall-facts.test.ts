// The facts step on whole hosts built from the shared fixtures: what the
// area keeps per host (statuses, the reconciled ruleset, sockets, exposure,
// the input default, zones), and that it stays plain JSON.
import { describe, expect, test } from 'vitest';
import { FIREWALL_COMMAND_IDS as ids } from '../../../main/engine/collectors/firewall/firewall-commands';
import { firewallArea } from '../../../main/engine/areas/firewall-area';
import { assessArea } from '../../../main/engine/areas/assess-area';
import { firewallFacts, type FirewallFacts } from '../../../main/engine/collectors/firewall/firewall-facts';
import { firewallFindings } from '../../../main/engine/posture/firewall-findings';
import { iptablesNftHost, nativeNftHost, smartosHost } from './support/fixture-hosts';
import { expectMatchesExpected, fixture, hostContext, output } from './support/firewall-fixtures';

const reach = (facts: FirewallFacts) => facts.exposure.map((entry) => `${entry.proto}/${entry.port} ${entry.family} ${entry.address} ${entry.reachability}`);

describe('Debian', () => {
  test('native nftables host: every source ok, the firewall active, each socket decided by its rule or the policy', () => {
    const facts = firewallFacts('debian', nativeNftHost());
    expect(facts.sources.map((source) => [source.commandId, source.status])).toEqual([
      [ids.nftJson, 'ok'],
      [ids.iptablesSave, 'ok'],
      [ids.ip6tablesSave, 'ok'],
      [ids.ssListeners, 'ok'],
    ]);
    expect(facts.firewall).toEqual({ state: 'active', reason: '1 table(s), 10 rule(s) loaded' });
    expect(facts.iptables).toEqual({ ipv4: { backend: null, legacyTablesPresent: false }, ipv6: { backend: null, legacyTablesPresent: false } });
    expect(facts.ruleset.visibility).toEqual({ ipv4: { state: 'complete', reasons: [] }, ipv6: { state: 'complete', reasons: [] } });
    expect(facts.listenersKnown).toBe(true);
    expect(facts.processesShown).toBe(true);
    expect(reach(facts)).toEqual([
      'udp/53 ipv4 127.0.0.54 local-only',
      'udp/53 ipv4 127.0.0.53 local-only',
      'udp/68 ipv4 0.0.0.0 none',
      'udp/323 ipv4 127.0.0.1 local-only',
      'udp/323 ipv6 ::1 local-only',
      'tcp/53 ipv4 127.0.0.53 local-only',
      'tcp/3306 ipv4 192.0.2.10 none',
      'tcp/5432 ipv4 127.0.0.1 local-only',
      'tcp/80 ipv4 0.0.0.0 any',
      'tcp/22 ipv4 0.0.0.0 some',
      'tcp/443 ipv4 0.0.0.0 any',
      'tcp/53 ipv4 127.0.0.54 local-only',
      'tcp/9100 ipv4 * none',
      'tcp/9100 ipv6 * none',
      'tcp/80 ipv6 :: any',
      'tcp/22 ipv6 :: some',
      'tcp/443 ipv6 :: any',
      'tcp/5432 ipv6 ::1 local-only',
    ]);
    const ssh = facts.exposure.find((entry) => entry.port === 22 && entry.family === 'ipv4')!;
    expect(ssh).toMatchObject({
      sources: ['192.0.2.0/24', '198.51.100.10/32'],
      process: 'sshd',
      decidedBy: { kind: 'rule', ruleId: 'nftables:inet/filter/input#5', text: 'tcp dport 22 ip saddr @admin_v4 accept' },
    });
    // The WireGuard rule opens udp/51820, but nothing listens there: not an exposure.
    expect(facts.exposure.some((entry) => entry.port === 51820)).toBe(false);
    expect(facts.defaultInput.ipv4).toMatchObject({ reachability: 'none', decidedBy: { kind: 'policy', policy: 'drop' } });
    expect(facts.defaultInput.ipv6.reachability).toBe('none');
    expect(facts.zones).toBeNull();
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expectMatchesExpected('facts-debian-native-nft', facts);
  });

  test('iptables-nft host: iptables-save fills in the xt matches, so nothing is undetermined', () => {
    const facts = firewallFacts('debian', iptablesNftHost());
    expect(facts.iptables.ipv4).toEqual({ backend: 'nf_tables', legacyTablesPresent: false });
    expect(facts.ruleset.tables.map((table) => table.source)).toEqual(['iptables-nft', 'iptables-nft', 'iptables-nft']);
    expect(facts.exposure.filter((entry) => entry.reachability === 'undetermined')).toEqual([]);
    expect(facts.exposure.find((entry) => entry.port === 22 && entry.family === 'ipv6')).toMatchObject({ reachability: 'some', sources: ['2001:db8:100::/48'] });
    expect(facts.warnings).toEqual([]);
  });

  test('legacy tables reported by iptables-save: IPv4 visibility is partial and accepted sockets become undetermined', () => {
    const outputs = iptablesNftHost().map((each) => (each.id === ids.iptablesSave ? { ...each, stderr: fixture('debian/iptables-save-legacy-warning.stderr.txt') } : each));
    const facts = firewallFacts('debian', outputs);
    expect(facts.iptables.ipv4).toEqual({ backend: 'nf_tables', legacyTablesPresent: true });
    expect(facts.ruleset.visibility.ipv4.state).toBe('partial');
    expect(facts.exposure.find((entry) => entry.port === 80 && entry.family === 'ipv4')).toMatchObject({ reachability: 'undetermined', undeterminedSources: ['0.0.0.0/0'] });
    expect(facts.exposure.find((entry) => entry.port === 80 && entry.family === 'ipv6')!.reachability).toBe('any');
  });

  test('without root: every source needs privilege, the firewall state is unknown, nothing is guessed', () => {
    const facts = firewallFacts('debian', [
      output(ids.nftJson, '', { stderr: fixture('debian/nft-error-nonroot.txt'), exitCode: 1 }),
      output(ids.iptablesSave, '', { stderr: fixture('debian/iptables-save-nonroot.txt'), exitCode: 4 }),
      output(ids.ip6tablesSave, '', { stderr: fixture('debian/iptables-save-nonroot.txt').replace('iptables-save', 'ip6tables-save'), exitCode: 4 }),
      output(ids.ssListeners, fixture('debian/ss-H-tulpn-nonroot.txt')),
    ]);
    expect(facts.sources.map((source) => source.status)).toEqual(['needs-privilege', 'needs-privilege', 'needs-privilege', 'ok']);
    expect(facts.firewall.state).toBe('unknown');
    expect(facts.firewall.reason).toContain('nft needs privileges OpsDeck does not have here');
    expect(facts.processesShown).toBe(false);
    expect(facts.exposure.filter((entry) => entry.reachability !== 'local-only').every((entry) => entry.reachability === 'undetermined' && entry.basis === 'ruleset-unavailable')).toBe(true);
  });

  test('nft unreadable but iptables-save readable: partial visibility (native nft tables unseen)', () => {
    const facts = firewallFacts('debian', [output(ids.nftJson, '', { stderr: 'Error: Could not process rule: Operation not permitted\n', exitCode: 1 }), ...iptablesNftHost().slice(1)]);
    expect(facts.ruleset.visibility.ipv4.state).toBe('partial');
    expect(facts.firewall.state).toBe('active');
    expect(facts.exposure.find((entry) => entry.port === 5432 && entry.family === 'ipv4')!.reachability).toBe('local-only');
  });

  test('no ruleset at all: inactive, and every socket is open from anywhere', () => {
    const facts = firewallFacts('debian', [
      output(ids.nftJson, fixture('debian/nft-j-list-ruleset-empty.txt')),
      output(ids.iptablesSave, ''),
      output(ids.ip6tablesSave, ''),
      output(ids.ssListeners, fixture('debian/ss-H-tulpn.txt')),
    ]);
    expect(facts.firewall).toEqual({ state: 'inactive', reason: 'no ruleset is loaded (nft and iptables-save list no tables)' });
    expect(facts.exposure.find((entry) => entry.port === 3306)).toMatchObject({ reachability: 'any', basis: 'no-rules' });
  });

  test('commands not run (a cancelled scan) are their own status', () => {
    const facts = firewallFacts('debian', []);
    expect(facts.sources.every((source) => source.status === 'not-run')).toBe(true);
    expect(facts.firewall.state).toBe('unknown');
    expect(facts.listenersKnown).toBe(false);
  });
});

describe('SmartOS global zone', () => {
  test('ipfilter online: the GZ ipf rules decide its sockets; zones with their fwadm rules', () => {
    const facts = firewallFacts('smartos', smartosHost());
    expect(facts.sources.map((source) => [source.commandId, source.status])).toEqual([
      [ids.svcsIpfilter, 'ok'],
      [ids.ipfstatV4, 'ok'],
      [ids.ipfstatV6, 'ok'],
      [ids.fwadmList, 'ok'],
      [ids.vmadmList, 'ok'],
      [ids.netstatInet, 'ok'],
      [ids.netstatInet6, 'ok'],
    ]);
    expect(facts.ipfilter).toEqual({ state: 'online', line: 'online         Nov_29   svc:/network/ipfilter:default' });
    expect(facts.firewall).toEqual({ state: 'active', reason: 'ipfilter online, 5 inbound rule(s)' });
    expect(reach(facts)).toEqual([
      'udp/123 ipv4 0.0.0.0 none',
      'udp/123 ipv4 10.10.16.16 none',
      'udp/111 ipv4 0.0.0.0 none',
      'tcp/111 ipv4 0.0.0.0 none',
      'tcp/22 ipv4 0.0.0.0 any',
      'tcp/5432 ipv4 127.0.0.1 local-only',
      // The IPv6 list is empty: ipf passes everything.
      'udp/111 ipv6 :: any',
      'tcp/22 ipv6 :: any',
      'tcp/5432 ipv6 ::1 local-only',
      'tcp/443 ipv6 2001:db8::10 any',
    ]);
    expect(facts.defaultInput.ipv4.reachability).toBe('none');
    expect(facts.defaultInput.ipv6.reachability).toBe('any');
    expect(facts.zones!.map((zone) => [zone.alias, zone.firewallEnabled, zone.inbound.length])).toEqual([
      ['dns01', true, 4],
      ['pg01', true, 4],
      ['www-old', false, 0],
      ['win:2022:build', true, 4],
      [null, false, 0],
    ]);
    expect(facts.zoneRules!.rules).toHaveLength(6);
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expectMatchesExpected('facts-smartos', facts);
  });

  test('ipfilter disabled: inactive whatever rules ipfstat lists, every socket open', () => {
    const facts = firewallFacts('smartos', smartosHost(fixture('smartos/svcs-H-ipfilter-disabled.txt')));
    expect(facts.firewall).toEqual({ state: 'inactive', reason: 'ipfilter is disabled (disabled Nov_29 svc:/network/ipfilter:default)' });
    expect(facts.sources[0]).toMatchObject({ status: 'service-disabled' });
    expect(facts.ruleset.rules).toEqual([]);
    expect(facts.exposure.find((entry) => entry.port === 22 && entry.family === 'ipv4')).toMatchObject({ reachability: 'any', basis: 'no-rules' });
  });

  test('a wildcard IPv6 socket with no IPv4 one is analysed for both versions (netstat cannot tell dual-stack)', () => {
    const facts = firewallFacts(
      'smartos',
      smartosHost().map((each) => (each.id === ids.netstatInet ? { ...each, stdout: '' } : each)),
    );
    expect(facts.exposure.filter((entry) => entry.port === 22).map((entry) => [entry.family, entry.reachability])).toEqual([
      ['ipv4', 'any'],
      ['ipv6', 'any'],
    ]);
    expect(facts.warnings).toContain('tcp/22 listens on :: with no IPv4 socket: analysed as dual-stack (netstat cannot tell)');
  });
});

test('should the analysis ever throw, the area still gives facts (state unknown, the reason) and the finding says so', () => {
  const broken = new Proxy([], {
    get() {
      throw new Error('boom');
    },
  });
  const { facts } = assessArea(firewallArea, 'debian', broken, undefined, hostContext());
  if (!facts) throw new Error('the firewall area gave no facts for outputs it could not analyse');
  expect(facts.firewall).toEqual({ state: 'unknown', reason: 'OpsDeck could not analyse the firewall outputs (boom), which are kept as evidence' });
  expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
  expect(firewallFindings(facts, hostContext()).map((finding) => [finding.id, finding.title])).toEqual([
    ['firewall.rules-unreadable:db1.nj', 'Firewall rules could not be read: OpsDeck could not analyse the firewall outputs (boom), which are kept as evidence'],
  ]);
});
