// What is reachable, on hand-built rulesets: every construct of the input
// path (jumps, gotos, returns, policies, sets, ranges, conntrack, interfaces,
// IPv4 against IPv6, several base chains by priority, iptables-legacy beside
// nftables, ipf's last-match) and what the model does not cover.
import { describe, expect, test } from 'vitest';
import { effectiveExposure, unlistedPortExposure, type ExposureEntry } from '../../../main/engine/collectors/firewall/exposure';
import { emptyRuleset, type FirewallRuleset, type Listener } from '../../../main/engine/collectors/firewall/firewall-model';
import { parseIpfstat } from '../../../main/engine/collectors/firewall/ipfstat';
import { parseIptablesSave } from '../../../main/engine/collectors/firewall/iptables-save';
import { parseNftJson } from '../../../main/engine/collectors/firewall/nft-json';
import { reconcileRulesets } from '../../../main/engine/collectors/firewall/nft-reconcile';
import { captured, fixture, nft, nftDocument, type NftChainSpec, type NftSetSpec } from './support/firewall-fixtures';

function listener(port: number, address = '0.0.0.0', family: Listener['family'] = 'ipv4', options: Partial<Listener> = {}): Listener {
  return { proto: 'tcp', family, address, port, interface: null, processes: [{ name: 'daemon', pid: 1, fd: 3 }], line: `tcp LISTEN 0 128 ${address}:${port}`, ...options };
}

function ruleset(chains: NftChainSpec[], sets: NftSetSpec[] = []): FirewallRuleset {
  const parsed = parseNftJson(nftDocument(chains, sets), '', 0);
  if (parsed.status !== 'ok') throw new Error(parsed.message ?? 'unparsed');
  return parsed.value!;
}

function one(rules: FirewallRuleset, socket: Listener): ExposureEntry {
  const entries = effectiveExposure(rules, [socket]);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

const input = (rules: NftChainSpec['rules'], policy: 'accept' | 'drop' = 'drop', extra: Partial<NftChainSpec> = {}): NftChainSpec => ({ name: 'input', hook: 'input', policy, rules, ...extra });

describe('one base chain', () => {
  test('an accept rule for the port: any; a port no rule names meets the drop policy', () => {
    const rules = ruleset([input([[nft.dport(443), nft.accept]])]);
    expect(one(rules, listener(443))).toMatchObject({ reachability: 'any', basis: 'ruleset', sources: ['0.0.0.0/0'], decidedBy: { kind: 'rule', text: 'tcp dport 443 accept' } });
    expect(one(rules, listener(5432))).toMatchObject({ reachability: 'none', sources: [], decidedBy: { kind: 'policy', policy: 'drop', text: 'policy drop of inet filter input' } });
    expect(unlistedPortExposure(rules, 4)).toMatchObject({ reachability: 'none', port: 65_000 });
  });

  test('policy accept and no catch-all drop: every port is open, the policy decides', () => {
    const rules = ruleset([input([[nft.dport(22), nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.accept]], 'accept')]);
    expect(one(rules, listener(5432))).toMatchObject({ reachability: 'any', decidedBy: { kind: 'policy', policy: 'accept' } });
    // SSH: from 10/8 by the rule, from everywhere else by the policy.
    expect(one(rules, listener(22)).reachability).toBe('any');
    const withDrop = ruleset([input([[nft.dport(22), nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.accept], [nft.drop]], 'accept')]);
    expect(one(withDrop, listener(5432))).toMatchObject({ reachability: 'none', decidedBy: { kind: 'rule', text: 'drop' } });
    expect(one(withDrop, listener(22))).toMatchObject({ reachability: 'some', sources: ['10.0.0.0/8'] });
  });

  test('source networks, named sets, ranges and negations', () => {
    const rules = ruleset(
      [
        input([
          [nft.dport(22), nft.saddr4('@admins'), nft.accept],
          [nft.dport(nft.range(6000, 6010)), nft.saddr4(nft.prefix('192.0.2.0', 24), '!='), nft.accept],
          [nft.dport(nft.set(80, 443)), nft.accept],
        ]),
      ],
      [{ name: 'admins', type: 'ipv4_addr', flags: ['interval'], elem: [nft.prefix('192.0.2.0', 25), nft.range('198.51.100.1', '198.51.100.9')] }],
    );
    expect(one(rules, listener(22))).toMatchObject({ reachability: 'some', sources: ['192.0.2.0/25', '198.51.100.1/32', '198.51.100.2/31', '198.51.100.4/30', '198.51.100.8/31'], sourcesTotal: 5 });
    expect(one(rules, listener(6005))).toMatchObject({ reachability: 'some', exceptSources: ['192.0.2.0/24'] });
    expect(one(rules, listener(6011)).reachability).toBe('none');
    expect(one(rules, listener(80)).reachability).toBe('any');
    expect(one(rules, listener(443)).reachability).toBe('any');
  });

  test('a block list before an accept: open to most of the address space, said as a share; totals stay bounded', () => {
    const blocked = Array.from({ length: 3000 }, (_, index) => `198.51.${index >> 7}.${(index & 127) * 2}`);
    const rules = ruleset(
      [
        input([
          [nft.saddr4('@blocklist'), nft.drop],
          [nft.dport(5432), nft.accept],
        ]),
      ],
      [{ name: 'blocklist', type: 'ipv4_addr', elem: blocked }],
    );
    const entry = one(rules, listener(5432));
    expect(entry.reachability).toBe('some');
    expect(entry.exceptSources).toBeNull();
    expect(entry.sourcesShare).toBeGreaterThan(0.999);
    expect(entry.sources).toHaveLength(256);
    expect(entry.sourcesTotal).toBeGreaterThan(1024);
    expect(one(ruleset([input([[nft.dport(22), nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.accept]])]), listener(22)).sourcesShare).toBeCloseTo(16_777_216 / 3_724_541_952, 5);
  });

  test('conntrack: established/related does not open a new connection, `new` does, invalid is never a new SYN', () => {
    const rules = ruleset([
      input([
        [nft.ctState('invalid'), nft.drop],
        [nft.ctState(nft.set('established', 'related'), '=='), nft.accept],
        [nft.dport(25), nft.ctState('new'), nft.accept],
      ]),
    ]);
    expect(one(rules, listener(80)).reachability).toBe('none');
    expect(one(rules, listener(25))).toMatchObject({ reachability: 'any', decidedBy: { text: 'tcp dport 25 ct state new accept' } });
  });

  test('iifname lo accept exposes nothing to remote hosts; a named interface restricts the exposure to it', () => {
    const rules = ruleset([
      input([
        [nft.iifname('lo'), nft.accept],
        [nft.iifname('eth1'), nft.dport(9100), nft.accept],
        [nft.iifname('eth0', '!='), nft.dport(8080), nft.accept],
      ]),
    ]);
    expect(one(rules, listener(5432)).reachability).toBe('none');
    const metrics = one(rules, listener(9100));
    expect(metrics).toMatchObject({ reachability: 'some', sources: ['0.0.0.0/0'], viaInterfaces: ['eth1'] });
    expect(metrics.summary).toBe('tcp/9100 on 0.0.0.0 (IPv4, daemon): reachable from any address via eth1 — rule `iifname eth1 tcp dport 9100 accept`');
    // `!= eth0` holds on every interface but eth0, including ones no rule names: that is not a
    // restriction to named interfaces, so it is reported as open (over-reporting beats missing one).
    expect(one(rules, listener(8080))).toMatchObject({ reachability: 'any', viaInterfaces: null });
    // A socket bound to lo is local-only whatever the rules say.
    expect(one(rules, listener(9100, '127.0.0.1'))).toMatchObject({ reachability: 'local-only', basis: 'binding' });
    expect(one(rules, listener(9100, '0.0.0.0', 'ipv4', { interface: 'lo' })).reachability).toBe('local-only');
  });

  test('a socket bound to one address: destination matches decide for it, a wildcard socket is split by them', () => {
    const rules = ruleset([input([[nft.daddr4('192.0.2.10'), nft.dport(3306), nft.accept]])]);
    expect(one(rules, listener(3306, '192.0.2.10')).reachability).toBe('any');
    expect(one(rules, listener(3306, '192.0.2.11')).reachability).toBe('none');
    expect(one(rules, listener(3306))).toMatchObject({ reachability: 'some', viaDestinations: ['192.0.2.10'] });
  });
});

describe('jumps, gotos and returns', () => {
  test('jump: the called chain accepts some sources, returns the rest, which carry on in the caller', () => {
    const rules = ruleset([
      input([
        [nft.dport(22), nft.jump('ssh')],
        [nft.dport(22), nft.saddr4(nft.prefix('203.0.113.0', 24)), nft.accept],
      ]),
      { name: 'ssh', rules: [[nft.saddr4(nft.prefix('10.10.0.0', 24)), nft.accept], [nft.saddr4(nft.prefix('10.20.0.0', 24)), nft.drop], [nft.ret]] },
    ]);
    expect(one(rules, listener(22))).toMatchObject({ reachability: 'some', sources: ['10.10.0.0/24', '203.0.113.0/24'] });
  });

  test("goto: a return in the called chain goes back to the base chain's caller, i.e. its policy", () => {
    const rules = ruleset([
      input([
        [nft.dport(22), nft.goto('ssh')],
        [nft.dport(22), nft.accept],
      ]),
      { name: 'ssh', rules: [[nft.saddr4(nft.prefix('10.10.0.0', 24)), nft.ret], [nft.accept]] },
    ]);
    // 10.10.0.0/24 returns from ssh to… nothing: goto never comes back, so the base chain's drop policy applies.
    expect(one(rules, listener(22))).toMatchObject({ reachability: 'some', exceptSources: ['10.10.0.0/24'] });
    const jumping = ruleset([
      input([
        [nft.dport(22), nft.jump('ssh')],
        [nft.dport(22), nft.accept],
      ]),
      { name: 'ssh', rules: [[nft.saddr4(nft.prefix('10.10.0.0', 24)), nft.ret], [nft.accept]] },
    ]);
    expect(one(jumping, listener(22)).reachability).toBe('any');
  });

  test('return in a base chain ends it: the policy decides', () => {
    const rules = ruleset([input([[nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.ret], [nft.accept]])]);
    expect(one(rules, listener(80))).toMatchObject({ reachability: 'some', exceptSources: ['10.0.0.0/8'] });
  });

  test('a jump to a chain that only counts is passed over; to a missing chain is undetermined', () => {
    const counted = ruleset([input([[nft.jump('stats')], [nft.dport(80), nft.accept]]), { name: 'stats', rules: [[nft.counter]] }]);
    expect(one(counted, listener(80)).reachability).toBe('any');
    const missing = ruleset([input([[nft.dport(80), nft.jump('nowhere')]])]);
    expect(one(missing, listener(80))).toMatchObject({ reachability: 'undetermined', reasons: ['jump to chain nowhere, which is not in the ruleset'] });
  });

  test('chains that jump to each other in a loop end as undetermined, not a hang', () => {
    const rules = ruleset([input([[nft.dport(80), nft.jump('a')]]), { name: 'a', rules: [[nft.jump('b')]] }, { name: 'b', rules: [[nft.jump('a')]] }]);
    expect(one(rules, listener(80))).toMatchObject({ reachability: 'undetermined' });
  });

  test('a verdict map decides per port', () => {
    const rules = ruleset([input([[{ vmap: { key: nft.payload('tcp', 'dport'), data: nft.set([25, nft.accept], [26, nft.drop]) } }]], 'accept')]);
    expect(one(rules, listener(25)).reachability).toBe('any');
    expect(one(rules, listener(26)).reachability).toBe('none');
    expect(one(rules, listener(27)).reachability).toBe('any');
  });
});

describe('IPv4 and IPv6, table families, several base chains', () => {
  test('inet: `ip saddr` rules only see IPv4, `ip6 saddr` only IPv6; a dual-stack socket gives one entry per version', () => {
    const rules = ruleset([
      input([
        [nft.dport(22), nft.saddr4(nft.prefix('192.0.2.0', 24)), nft.accept],
        [nft.dport(22), nft.saddr6(nft.prefix('2001:db8:100::', 48)), nft.accept],
      ]),
    ]);
    const entries = effectiveExposure(rules, [listener(22, '*', 'dual')]);
    expect(entries.map((entry) => [entry.family, entry.reachability, entry.sources])).toEqual([
      ['ipv4', 'some', ['192.0.2.0/24']],
      ['ipv6', 'some', ['2001:db8:100::/48']],
    ]);
  });

  test('an ip table filters IPv4 only: with no IPv6 base chain, IPv6 is unfiltered', () => {
    const rules = ruleset([input([[nft.dport(22), nft.saddr4(nft.prefix('10.0.0.0', 8)), nft.accept]], 'drop', { family: 'ip' })]);
    expect(one(rules, listener(22)).reachability).toBe('some');
    expect(one(rules, listener(22, '::', 'ipv6'))).toMatchObject({
      reachability: 'any',
      basis: 'no-rules',
      decidedBy: { kind: 'no-rules', text: 'no base chain on the IPv6 input path: nothing filters IPv6' },
    });
    expect(unlistedPortExposure(rules, 6).reachability).toBe('any');
    expect(unlistedPortExposure(rules, 4).reachability).toBe('none');
  });

  test('every base chain must accept: a drop in a later chain wins over an accept in an earlier one', () => {
    const rules = ruleset([
      input([[nft.dport(80), nft.accept]], 'drop', { prio: -10 }),
      { family: 'ip', table: 'second', name: 'in2', hook: 'input', prio: 10, policy: 'accept', rules: [[nft.saddr4(nft.prefix('203.0.113.0', 24)), nft.drop]] },
    ]);
    expect(one(rules, listener(80))).toMatchObject({ reachability: 'some', exceptSources: ['203.0.113.0/24'] });
    expect(one(rules, listener(80, '::', 'ipv6')).reachability).toBe('any');
  });

  test('priority orders the chains: the first chain to drop is the one that decides', () => {
    const early = { family: 'ip', table: 'early', name: 'pre', hook: 'prerouting', prio: -300, policy: 'accept' as const, rules: [[nft.dport(5432), nft.drop]] };
    const rules = ruleset([input([[nft.dport(5432), nft.drop]], 'accept', { prio: 0 }), early]);
    const entry = one(rules, listener(5432));
    expect(entry.reachability).toBe('none');
    expect(entry.decidedBy).toMatchObject({ kind: 'rule', chainId: 'nftables:ip/early/pre' });
  });

  test('the real capture (tests/unit/firewall/captured/shapes.nft): sets, goto/return, concatenations, vmap, nfproto, a second table', () => {
    const rules = parseNftJson(captured('shapes.nft-j.txt'), '', 0).value!;
    const reach = (port: number, address = '0.0.0.0', family: Listener['family'] = 'ipv4') =>
      effectiveExposure(rules, [listener(port, address, family)]).map((entry) => [entry.family, entry.reachability, entry.exceptSources ?? entry.sources]);
    // 22 and 8000 go to chain ssh for @nets4; its `return` for 192.0.2.0/25 is a return from a goto: the drop policy.
    expect(reach(22)).toEqual([['ipv4', 'some', ['192.0.2.128/25', '198.51.100.1/32', '198.51.100.2/31', '198.51.100.4/30', '198.51.100.8/31']]]);
    expect(reach(8080)).toEqual(reach(22));
    // 8001 is accepted by inet t but dropped by ip second (priority 10).
    expect(reach(8001)).toEqual([['ipv4', 'none', []]]);
    expect(reach(5432)).toEqual([['ipv4', 'some', ['192.0.2.5/32']]]);
    expect(reach(1200)).toEqual([['ipv4', 'none', []]]);
    expect(reach(443, '*', 'dual')).toEqual([
      ['ipv4', 'none', []],
      ['ipv6', 'any', ['::/0']],
    ]);
    expect(reach(25, '*', 'dual')).toEqual([
      ['ipv4', 'some', ['203.0.113.0/24']],
      ['ipv6', 'any', ['::/0']],
    ]);
    expect(reach(26)).toEqual([['ipv4', 'none', []]]);
    // ip6 saddr 2001:db8::/32 and a port other than 22: return from the base chain, i.e. its drop policy.
    expect(reach(23, '::', 'ipv6')).toEqual([['ipv6', 'none', []]]);
  });
});

describe('what OpsDeck cannot decide is undetermined, with the reason', () => {
  test('a match the model does not cover (meta mark)', () => {
    const rules = ruleset([input([[nft.mark(1), nft.dport(80), nft.accept]])]);
    const entry = one(rules, listener(80));
    expect(entry).toMatchObject({ reachability: 'undetermined', sources: [], undeterminedSources: ['0.0.0.0/0'], reasons: ['not modelled: meta mark 1'] });
    expect(entry.summary).toContain('undetermined (not modelled: meta mark 1)');
  });

  test('iptables-nft xt matches without iptables-save; resolved once iptables-save is read', () => {
    const nftOnly = parseNftJson(fixture('debian/nft-j-list-ruleset-iptables-nft.txt'), '', 0).value!;
    expect(one(nftOnly, listener(80)).reachability).toBe('undetermined');
    const save = parseIptablesSave(fixture('debian/iptables-save.txt'), '', 0).value!;
    const { ruleset: reconciled } = reconcileRulesets(nftOnly, [save]);
    expect(one(reconciled, listener(80))).toMatchObject({ reachability: 'any', decidedBy: { text: '-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j ACCEPT' } });
    expect(one(reconciled, listener(22))).toMatchObject({ reachability: 'some', sources: ['192.0.2.0/24'] });
    expect(one(reconciled, listener(5432)).reachability).toBe('none');
  });

  test('a source-port match (clients use ephemeral ports) is undetermined; a rate limit still lets a client in', () => {
    const rules = ruleset([
      input([
        [nft.match(nft.payload('tcp', 'sport'), nft.range(30000, 40000)), nft.dport(80), nft.accept],
        [nft.dport(81), { limit: { rate: 5, per: 'second' } }, nft.accept],
      ]),
    ]);
    expect(one(rules, listener(80)).reachability).toBe('undetermined');
    expect(one(rules, listener(81)).reachability).toBe('any');
  });

  test('rules that could not be read: undetermined, ruleset-unavailable; hidden legacy tables: what nft accepts is uncertain', () => {
    const unreadable = emptyRuleset();
    unreadable.visibility.ipv4 = { state: 'unknown', reasons: ['nft: needs-privilege'] };
    expect(one(unreadable, listener(22))).toMatchObject({ reachability: 'undetermined', basis: 'ruleset-unavailable' });
    const partial = ruleset([input([[nft.dport(80), nft.accept]])]);
    partial.visibility.ipv4 = { state: 'partial', reasons: ['iptables-legacy tables exist'] };
    expect(one(partial, listener(80))).toMatchObject({ reachability: 'undetermined', undeterminedSources: ['0.0.0.0/0'], reasons: ['iptables-legacy tables exist'] });
    expect(one(partial, listener(81)).reachability).toBe('none');
  });
});

describe('iptables-legacy beside nftables, and ipf', () => {
  test('a packet must pass both: nft accepts, the legacy filter table drops', () => {
    const nftRules = ruleset([input([[nft.dport(5432), nft.accept]])]);
    const legacy = parseIptablesSave(
      ['# Generated by iptables-save v1.8.9 on Sat Nov 28 16:12:54 2026', '*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp -m tcp --dport 5432 ! -s 10.1.0.0/16 -j DROP', 'COMMIT', ''].join('\n'),
      '',
      0,
    ).value!;
    const { ruleset: both } = reconcileRulesets(nftRules, [legacy]);
    expect(one(both, listener(5432))).toMatchObject({ reachability: 'some', sources: ['10.1.0.0/16'] });
  });

  test('ipf: the last matching rule wins unless a quick rule matched first', () => {
    const lastMatch = parseIpfstat('pass in proto tcp from any to any port = 22\nblock in all\n', '', 0).value!.ruleset;
    expect(one(lastMatch, listener(22))).toMatchObject({ reachability: 'none', decidedBy: { text: 'block in all' } });
    const quick = parseIpfstat('pass in quick proto tcp from 10.0.0.0/8 to any port = 22\nblock in all\n', '', 0).value!.ruleset;
    expect(one(quick, listener(22))).toMatchObject({ reachability: 'some', sources: ['10.0.0.0/8'] });
    const later = parseIpfstat('block in all\npass in proto tcp from any to any port = 22\n', '', 0).value!.ruleset;
    expect(one(later, listener(22)).reachability).toBe('any');
    // No rule at all: ipf passes everything.
    expect(one(parseIpfstat('', '', 0).value!.ruleset, listener(22)).reachability).toBe('any');
  });

  test('IPv6 link-local and v4 listeners on IPv6-only rules', () => {
    const rules = ruleset([input([[nft.dport(8005), nft.accept]])]);
    expect(one(rules, listener(8005, 'fe80::5', 'ipv6', { interface: 'eth0' }))).toMatchObject({ reachability: 'some', sources: ['fe80::/10'] });
  });
});
