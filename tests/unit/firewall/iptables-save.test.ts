import { describe, expect, test } from 'vitest';
import { parseIp6tablesSave, parseIptablesSave } from '../../../main/engine/collectors/firewall/iptables-save';
import { parseNftJson } from '../../../main/engine/collectors/firewall/nft-json';
import { reconcileRulesets } from '../../../main/engine/collectors/firewall/nft-reconcile';
import { expectMatchesExpected, fixture } from './support/firewall-fixtures';

describe('iptables-save / ip6tables-save', () => {
  test('the nf_tables capture: backend, version, builtin hooks and priorities, rules in order', () => {
    const parsed = parseIptablesSave(fixture('debian/iptables-save.txt'), '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    const save = parsed.value!;
    expect(save).toMatchObject({ family: 'ip', backend: 'nf_tables', version: '1.8.9', legacyTablesPresent: false });
    expect(save.ruleset.tables.map((table) => table.id)).toEqual(['iptables-nft:ip/filter', 'iptables-nft:ip/nat']);
    expect(save.ruleset.chains.map((chain) => [chain.table, chain.name, chain.hook, chain.priority, chain.policy])).toEqual([
      ['filter', 'INPUT', 'input', 0, 'drop'],
      ['filter', 'FORWARD', 'forward', 0, 'drop'],
      ['filter', 'OUTPUT', 'output', 0, 'accept'],
      ['filter', 'DOCKER', null, null, null],
      ['nat', 'PREROUTING', 'prerouting', -100, 'accept'],
      ['nat', 'INPUT', 'input', 100, 'accept'],
      ['nat', 'OUTPUT', 'output', -100, 'accept'],
      ['nat', 'POSTROUTING', 'postrouting', 100, 'accept'],
    ]);
    const input = save.ruleset.rules.filter((rule) => rule.chain === 'INPUT');
    expect(input.map((rule) => rule.text)).toEqual([
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -m conntrack --ctstate INVALID -j DROP',
      '-A INPUT -p icmp -j ACCEPT',
      '-A INPUT -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -j ACCEPT',
      '-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j ACCEPT',
      '-A INPUT -m limit --limit 5/min -j LOG --log-prefix "iptables-drop: "',
    ]);
    expect(input[1]!.match.ctStates).toEqual([{ negate: false, values: ['related', 'established'], sets: [] }]);
    expect(input[4]!.match).toEqual({
      sources: [{ negate: false, networks: ['192.0.2.0/24'], sets: [], dynamic: false }],
      protocols: [{ negate: false, values: ['tcp'], sets: [] }],
      destinationPorts: [{ negate: false, ranges: [{ from: 22, to: 22 }], sets: [] }],
    });
    expect(input[5]).toMatchObject({
      comment: 'web',
      match: {
        destinationPorts: [
          {
            ranges: [
              { from: 80, to: 80 },
              { from: 443, to: 443 },
            ],
          },
        ],
      },
    });
    expect(input[6]).toMatchObject({ action: { kind: 'log', target: 'LOG', detail: '--log-prefix "iptables-drop: "' }, match: { extras: [{ kind: 'rate-limit', over: false }] } });
    const forward = save.ruleset.rules.filter((rule) => rule.chain === 'FORWARD');
    expect(forward[0]!.action).toEqual({ kind: 'jump', target: 'DOCKER', detail: null });
    expect(forward[2]!.match.outInterfaces).toEqual([{ negate: true, values: ['docker0'], sets: [] }]);
    expect(save.ruleset.rules.every((rule) => !rule.unmodelled)).toBe(true);
    expectMatchesExpected('iptables-save', save);
  });

  test('ip6tables-save: the ip6 family, ipv6-icmp, compressed prefixes', () => {
    const save = parseIp6tablesSave(fixture('debian/ip6tables-save.txt'), '', 0).value!;
    expect(save).toMatchObject({ family: 'ip6', backend: 'nf_tables' });
    expect(save.ruleset.rules.map((rule) => rule.id)).toEqual([0, 1, 2, 3, 4].map((index) => `iptables-nft:ip6/filter/INPUT#${index}`));
    expect(save.ruleset.rules[2]!.match.protocols).toEqual([{ negate: false, values: ['ipv6-icmp'], sets: [] }]);
    expect(save.ruleset.rules[3]!.match.sources).toEqual([{ negate: false, networks: ['2001:db8:100::/48'], sets: [], dynamic: false }]);
  });

  test('legacy tables beside nf_tables ones: the stderr warning is recorded (stdout still parsed)', () => {
    const parsed = parseIptablesSave(fixture('debian/iptables-save.txt'), fixture('debian/iptables-save-legacy-warning.stderr.txt'), 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.legacyTablesPresent).toBe(true);
    // Older iptables printed the warning on stdout.
    const old = parseIptablesSave(`${fixture('debian/iptables-save-legacy-warning.stderr.txt')}${fixture('debian/iptables-save.txt')}`, '', 0);
    expect(old.value!.legacyTablesPresent).toBe(true);
    expect(old.value!.ruleset.rules).toHaveLength(11);
  });

  test('iptables-legacy: no backend tag (1.8.9) or `(legacy)` — both read as the legacy backend', () => {
    const untagged = fixture('debian/iptables-save.txt').replaceAll(' (nf_tables)', '');
    const tagged = fixture('debian/iptables-save.txt').replaceAll('(nf_tables)', '(legacy)');
    for (const text of [untagged, tagged]) {
      const save = parseIptablesSave(text, '', 0).value!;
      expect(save.backend).toBe('legacy');
      expect(save.ruleset.rules[0]!.id).toBe('iptables-legacy:ip/filter/INPUT#0');
    }
  });

  test('not root is needs-privilege; no tables at all is an empty ruleset', () => {
    expect(parseIptablesSave('', fixture('debian/iptables-save-nonroot.txt'), 4)).toMatchObject({
      status: 'needs-privilege',
      message: 'iptables-save needs privileges OpsDeck does not have here: iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)',
    });
    expect(parseIptablesSave('', 'iptables-legacy-save: Failed to list table names in /proc/net/ip_tables_names: Permission denied\n', 1).status).toBe('needs-privilege');
    const empty = parseIptablesSave('', '', 0);
    expect(empty.status).toBe('ok');
    expect(empty.value).toMatchObject({ backend: null, ruleset: { tables: [], rules: [] } });
  });

  test('rule counters (-c), negations, goto, ranges, addrtype, recent and unknown modules', () => {
    const text = [
      '# Generated by iptables-save v1.8.9 (nf_tables) on Sat Nov 28 16:12:54 2026',
      '*filter',
      ':INPUT DROP [10:600]',
      ':svc - [0:0]',
      '[5:300] -A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp --dport 1000:2000 -j DROP',
      '[0:0] -A INPUT -p tcp -m tcp --dport 3000: -g svc',
      '[0:0] -A INPUT -m addrtype --dst-type LOCAL -m iprange --src-range 192.0.2.1-192.0.2.9 -j ACCEPT',
      '[0:0] -A INPUT -p tcp -m recent --update --seconds 60 --name ssh -j DROP',
      '[0:0] -A INPUT -m owner --uid-owner 0 -j ACCEPT',
      'COMMIT',
    ].join('\n');
    const rules = parseIptablesSave(text, '', 0).value!.ruleset.rules;
    expect(rules[0]).toMatchObject({
      counters: { packets: 5, bytes: 300 },
      text: '-A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp --dport 1000:2000 -j DROP',
      match: { sources: [{ negate: true, networks: ['10.0.0.0/8'] }], destinationPorts: [{ ranges: [{ from: 1000, to: 2000 }] }] },
    });
    expect(rules[1]).toMatchObject({ action: { kind: 'goto', target: 'svc' }, match: { destinationPorts: [{ ranges: [{ from: 3000, to: 65535 }] }] } });
    expect(rules[2]!.match).toMatchObject({ extras: [{ kind: 'address-type', side: 'destination', types: ['local'] }], sources: [{ networks: ['192.0.2.1-192.0.2.9'] }] });
    expect(rules[3]).toMatchObject({ unmodelled: true, unmodelledParts: ['-m recent (sources seen recently)'] });
    expect(rules[4]).toMatchObject({ unmodelled: true, unmodelledParts: ['-m owner --uid-owner 0'] });
  });

  test('text that is not iptables-save output is unparsed', () => {
    expect(parseIptablesSave('hello world\nnothing here\n', '', 0).status).toBe('unparsed');
    expect(parseIptablesSave(fixture('debian/nft-list-ruleset.txt'), '', 0).status).toBe('unparsed');
  });
});

describe('nft -j and iptables-save reconciled', () => {
  const nft = parseNftJson(fixture('debian/nft-j-list-ruleset-iptables-nft.txt'), '', 0).value!;
  const v4 = parseIptablesSave(fixture('debian/iptables-save.txt'), '', 0).value!;
  const v6 = parseIp6tablesSave(fixture('debian/ip6tables-save.txt'), '', 0).value!;

  test('iptables-nft tables take iptables-save rules (xt parameters), nft handles and counters, and count each rule once', () => {
    const { ruleset, warnings } = reconcileRulesets(nft, [v4, v6]);
    expect(warnings).toEqual([]);
    expect(ruleset.tables.map((table) => table.id)).toEqual(['iptables-nft:ip/filter', 'iptables-nft:ip/nat', 'iptables-nft:ip6/filter']);
    expect(ruleset.rules).toHaveLength(nft.rules.length);
    expect(ruleset.rules.filter((rule) => rule.unmodelled)).toEqual([]);
    const established = ruleset.rules.find((rule) => rule.id === 'iptables-nft:ip/filter/INPUT#1')!;
    expect(established.match.ctStates).toEqual([{ negate: false, values: ['related', 'established'], sets: [] }]);
    expect(established.handle).toBe(nft.rules.find((rule) => rule.id === 'nftables:ip/filter/INPUT#1')!.handle);
    expect(established.raw).toContain('"xt"');
    expect(ruleset.chains.find((chain) => chain.id === 'iptables-nft:ip/filter/INPUT')).toMatchObject({ hook: 'input', priority: 0, policy: 'drop' });
  });

  test('without ip6tables-save the ip6 table keeps its xt matches unmodelled, and says why', () => {
    const { ruleset, warnings } = reconcileRulesets(nft, [v4]);
    expect(warnings).toEqual(['table ip6 filter was written by iptables-nft, but ip6tables-save was not read: its xtables matches stay unmodelled']);
    expect(ruleset.rules.filter((rule) => rule.unmodelled).map((rule) => rule.id)).toEqual(['nftables:ip6/filter/INPUT#1', 'nftables:ip6/filter/INPUT#4']);
  });

  test('a chain that changed between the two commands keeps nft rules, with a warning', () => {
    const changed = parseIptablesSave(fixture('debian/iptables-save.txt').replace('-A INPUT -p icmp -j ACCEPT\n', ''), '', 0).value!;
    const { ruleset, warnings } = reconcileRulesets(nft, [changed, v6]);
    expect(warnings).toEqual(["chain ip filter INPUT: nft -j lists 7 rule(s), iptables-save 6; the ruleset changed between the two commands — nft's rules are used, their xtables matches unmodelled"]);
    expect(ruleset.rules.filter((rule) => rule.chain === 'INPUT' && rule.family === 'ip').map((rule) => rule.source)).toEqual(Array(7).fill('nftables'));
  });

  test('iptables-legacy tables are added beside nftables (the kernel runs both); nft unreadable leaves iptables-save alone', () => {
    const legacy = parseIptablesSave(fixture('debian/iptables-save.txt').replaceAll(' (nf_tables)', ''), '', 0).value!;
    const both = reconcileRulesets(parseNftJson(fixture('debian/nft-j-list-ruleset.txt'), '', 0).value!, [legacy]);
    expect(both.ruleset.tables.map((table) => table.id)).toEqual(['nftables:inet/filter', 'iptables-legacy:ip/filter', 'iptables-legacy:ip/nat']);
    const alone = reconcileRulesets(null, [v4, v6]);
    expect(alone.ruleset.rules).toHaveLength(16);
    expect(alone.ruleset.rules.every((rule) => rule.source === 'iptables-nft')).toBe(true);
  });
});
