import { describe, expect, test } from 'vitest';
import { parseNftJson } from '../../../main/engine/collectors/firewall/nft-json';
import { captured, expectMatchesExpected, fixture, nft, nftDocument } from './support/firewall-fixtures';

const parse = (text: string) => parseNftJson(text, '', 0);

describe('nft -j list ruleset', () => {
  test('the Debian 12 capture: one inet table, its set, three base chains and ten rules in order', () => {
    const parsed = parse(fixture('debian/nft-j-list-ruleset.txt'));
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    const ruleset = parsed.value!;
    expect(ruleset.versions).toEqual({ nftables: '1.0.6' });
    expect(ruleset.tables.map((table) => table.id)).toEqual(['nftables:inet/filter']);
    expect(ruleset.chains.map((chain) => [chain.name, chain.hook, chain.priority, chain.policy])).toEqual([
      ['input', 'input', 0, 'drop'],
      ['forward', 'forward', 0, 'drop'],
      ['output', 'output', 0, 'accept'],
    ]);
    expect(ruleset.sets).toMatchObject([{ name: 'admin_v4', type: 'ipv4_addr', flags: ['interval'], elements: ['192.0.2.0/24', '198.51.100.10'], dynamic: false }]);
    expect(ruleset.rules.map((rule) => rule.text)).toEqual([
      'ct state invalid counter packets 0 bytes 0 drop comment "early drop of invalid packets"',
      'ct state { established, related } accept',
      'iif lo accept',
      'ip protocol icmp accept',
      'meta l4proto ipv6-icmp accept',
      'tcp dport 22 ip saddr @admin_v4 accept',
      'tcp dport 22 ip6 saddr 2001:db8:100::/48 accept',
      'tcp dport { 80, 443 } counter packets 0 bytes 0 accept',
      'udp dport 51820 accept',
      'limit rate 5/minute burst 5 packets log prefix "nft-input-drop: " level info',
    ]);
    const [invalid, established, loopback, , , ssh4, ssh6, web, wireguard, log] = ruleset.rules;
    expect(invalid!.match.ctStates).toEqual([{ negate: false, values: ['invalid'], sets: [] }]);
    expect(invalid!.comment).toBe('early drop of invalid packets');
    expect(invalid!.counters).toEqual({ packets: 0, bytes: 0 });
    expect(established!.match.ctStates).toEqual([{ negate: false, values: ['established', 'related'], sets: [] }]);
    expect(loopback!.match.inInterfaces).toEqual([{ negate: false, values: ['lo'], sets: [] }]);
    // A named set is resolved to its elements and remembered by name.
    expect(ssh4!.match).toMatchObject({
      ipVersion: 4,
      sources: [{ negate: false, networks: ['192.0.2.0/24', '198.51.100.10'], sets: ['admin_v4'] }],
      destinationPorts: [{ ranges: [{ from: 22, to: 22 }] }],
    });
    expect(ssh6!.match).toMatchObject({ ipVersion: 6, sources: [{ networks: ['2001:db8:100::/48'] }] });
    expect(web!.match.destinationPorts).toEqual([
      {
        negate: false,
        ranges: [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ],
        sets: [],
      },
    ]);
    expect(wireguard!.match.protocols).toEqual([{ negate: false, values: ['udp'], sets: [] }]);
    expect(log!.action.kind).toBe('log');
    expect(log!.match.extras).toEqual([{ kind: 'rate-limit', over: false, text: 'limit rate 5/minute burst 5 packets' }]);
    expect(ruleset.rules.every((rule) => !rule.unmodelled)).toBe(true);
    expectMatchesExpected('nft-j-list-ruleset', ruleset);
  });

  test('the re-indented copy is the same model (only whitespace differs)', () => {
    const compact = parse(fixture('debian/nft-j-list-ruleset.txt')).value!;
    const pretty = parse(fixture('debian/nft-j-list-ruleset.pretty.txt')).value!;
    expect(pretty.rules.map((rule) => [rule.id, rule.text, rule.match, rule.action])).toEqual(compact.rules.map((rule) => [rule.id, rule.text, rule.match, rule.action]));
  });

  test('iptables-nft tables: native parts modelled, bare xt matches kept as unmodelled, xt targets by name', () => {
    const parsed = parse(fixture('debian/nft-j-list-ruleset-iptables-nft.txt'));
    expect(parsed.status).toBe('ok');
    const ruleset = parsed.value!;
    expect(ruleset.tables.map((table) => table.id)).toEqual(['nftables:ip/filter', 'nftables:ip/nat', 'nftables:ip6/filter']);
    expect(ruleset.chains.find((chain) => chain.name === 'DOCKER')).toMatchObject({ hook: null, policy: null });
    expect(ruleset.chains.find((chain) => chain.table === 'nat' && chain.name === 'INPUT')).toMatchObject({ hook: 'input', priority: 100 });
    const input = ruleset.rules.filter((rule) => rule.family === 'ip' && rule.chain === 'INPUT');
    expect(input).toHaveLength(7);
    expect(input[1]).toMatchObject({ unmodelled: true, unmodelledParts: ['xt match conntrack'], action: { kind: 'accept' }, match: { unmodelled: ['xt match conntrack'] } });
    expect(input[4]).toMatchObject({ unmodelled: false, match: { sources: [{ networks: ['192.0.2.0/24'] }], destinationPorts: [{ ranges: [{ from: 22, to: 22 }] }] } });
    expect(input[6]!.action).toEqual({ kind: 'log', target: null, detail: 'xt target LOG (options not exported by nft -j)' });
    const masquerade = ruleset.rules.find((rule) => rule.table === 'nat')!;
    expect(masquerade.action).toMatchObject({ kind: 'nat', target: 'masquerade' });
    expect(ruleset.rules).toHaveLength(16);
    expectMatchesExpected('nft-j-list-ruleset-iptables-nft', ruleset);
  });

  test('an empty ruleset is the metainfo alone; empty stdout is no ruleset either', () => {
    const empty = parse(fixture('debian/nft-j-list-ruleset-empty.txt'));
    expect(empty).toMatchObject({ status: 'ok', warnings: [] });
    expect(empty.value).toMatchObject({ tables: [], chains: [], rules: [], versions: { nftables: '1.0.6' } });
    const nothing = parse(fixture('debian/nft-list-ruleset-empty.txt'));
    expect(nothing.status).toBe('ok');
    expect(nothing.warnings).toEqual(['nft printed nothing: no ruleset is loaded']);
  });

  test('text output (nft list ruleset, with or without -a) is refused with a hint, not parsed', () => {
    for (const path of ['debian/nft-list-ruleset.txt', 'debian/nft-a-list-ruleset.txt', 'debian/nft-list-ruleset-iptables-nft.txt']) {
      const parsed = parse(fixture(path));
      expect(parsed.status, path).toBe('unparsed');
      expect(parsed.message, path).toContain('OpsDeck reads `nft -j list ruleset`');
    }
  });

  test('errors: not root is needs-privilege, any other failure unparsed with the tool message', () => {
    expect(parseNftJson('', fixture('debian/nft-error-nonroot.txt'), 1)).toMatchObject({
      status: 'needs-privilege',
      message: 'nft needs privileges OpsDeck does not have here: Operation not permitted (you must be root)',
    });
    expect(parseNftJson('', fixture('debian/nft-error-no-such-table.txt'), 1)).toMatchObject({ status: 'unparsed', message: 'nft failed (exit 1): Error: No such file or directory' });
    expect(parseNftJson('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
    expect(parseNftJson('', 'bash: line 1: nft: command not found\n', 127).status).toBe('tool-missing');
    expect(parseNftJson('{"nftables": [{"metainfo"', '', null).status).toBe('unparsed');
  });

  test('truncated or foreign JSON is unparsed with a message', () => {
    const text = fixture('debian/nft-j-list-ruleset.txt');
    expect(parse(text.slice(0, text.length / 2))).toMatchObject({ status: 'unparsed', message: expect.stringContaining('truncated?') });
    expect(parse('{"rules": []}')).toMatchObject({ status: 'unparsed', message: 'not nft -j output: the JSON has no "nftables" array' });
    expect(parse('{"nftables": [{"table": {"family": "inet", "name": "t"}}]}')).toMatchObject({ status: 'unparsed', message: expect.stringContaining('no metainfo object') });
  });

  test('a real 1.0.6 capture with goto, return, ranges, set ranges, a concatenation set, vmap and a second table', () => {
    const ruleset = parse(captured('shapes.nft-j.txt')).value!;
    expect(ruleset.sets.map((set) => [set.name, set.type, set.elements])).toEqual([
      ['ports', 'inet_service', ['22', '8000-8080']],
      ['nets4', 'ipv4_addr', ['192.0.2.0/24', '198.51.100.1-198.51.100.9']],
      ['pairs', 'ipv4_addr . inet_service', ['192.0.2.5 . 5432']],
    ]);
    const byText = (text: string) => ruleset.rules.find((rule) => rule.text === text)!;
    expect(byText('tcp dport @ports ip saddr @nets4 goto ssh')).toMatchObject({
      action: { kind: 'goto', target: 'ssh' },
      match: {
        destinationPorts: [
          {
            ranges: [
              { from: 22, to: 22 },
              { from: 8000, to: 8080 },
            ],
            sets: ['ports'],
          },
        ],
        sources: [{ networks: ['192.0.2.0/24', '198.51.100.1-198.51.100.9'], sets: ['nets4'] }],
      },
    });
    expect(byText('ip saddr . tcp dport @pairs accept').match.alternatives).toEqual([
      {
        negate: false,
        sets: ['pairs'],
        options: [
          {
            ipVersion: 4,
            sources: [{ negate: false, networks: ['192.0.2.5'], sets: [], dynamic: false }],
            protocols: [{ negate: false, values: ['tcp'], sets: [] }],
            destinationPorts: [{ negate: false, ranges: [{ from: 5432, to: 5432 }], sets: [] }],
          },
        ],
      },
    ]);
    expect(byText('tcp dport 1000-2000 jump web').match.destinationPorts).toEqual([{ negate: false, ranges: [{ from: 1000, to: 2000 }], sets: [] }]);
    expect(byText('tcp dport < 1500 drop').match.destinationPorts).toEqual([{ negate: false, ranges: [{ from: 0, to: 1499 }], sets: [] }]);
    expect(byText('meta nfproto ipv6 tcp dport 443 accept').match.ipVersion).toBe(6);
    expect(byText('ip6 saddr 2001:db8::/32 tcp dport != 22 return').match.destinationPorts).toEqual([{ negate: true, ranges: [{ from: 22, to: 22 }], sets: [] }]);
    // A verdict map becomes one model rule per verdict, sharing the position.
    const vmap = ruleset.rules.filter((rule) => rule.text === 'tcp dport vmap { 25 : accept, 26 : drop }');
    expect(vmap.map((rule) => [rule.id, rule.action.kind, rule.match.destinationPorts![0]!.ranges, rule.expansion])).toEqual([
      ['nftables:inet/t/in#6.0', 'accept', [{ from: 25, to: 25 }], { index: 0, count: 2 }],
      ['nftables:inet/t/in#6.1', 'drop', [{ from: 26, to: 26 }], { index: 1, count: 2 }],
    ]);
    expect(ruleset.chains.map((chain) => [chain.family, chain.table, chain.name, chain.hook, chain.priority])).toEqual([
      ['inet', 't', 'in', 'input', -10],
      ['inet', 't', 'ssh', null, null],
      ['inet', 't', 'web', null, null],
      ['ip', 'raw', 'pre', 'prerouting', -300],
      ['ip', 'second', 'in2', 'input', 10],
    ]);
    expect(ruleset.rules.filter((rule) => rule.unmodelled)).toEqual([]);
  });

  test('what the model does not cover is kept verbatim and marked, never dropped', () => {
    const text = nftDocument([
      {
        name: 'input',
        hook: 'input',
        policy: 'drop',
        rules: [
          [nft.mark(1), nft.dport(22), nft.accept],
          [nft.dport(80), { tproxy: { port: 8080 } }],
          [nft.dport(443), nft.saddr4('@missing'), nft.accept],
        ],
      },
    ]).replace('{"metainfo"', '{"flowtable": {"family": "inet", "name": "f", "table": "filter"}}, {"metainfo"');
    const parsed = parse(text);
    expect(parsed.status).toBe('ok');
    const [mark, tproxy, missing] = parsed.value!.rules;
    expect(mark).toMatchObject({ unmodelled: true, unmodelledParts: ['meta mark 1'], match: { unmodelled: ['meta mark 1'] }, action: { kind: 'accept' } });
    expect(tproxy).toMatchObject({ unmodelled: true, action: { kind: 'unmodelled' } });
    expect(missing).toMatchObject({ unmodelled: true, match: { unmodelled: ['ip saddr @missing'] } });
    expect(parsed.value!.unmodelledObjects).toEqual(['{"flowtable":{"family":"inet","name":"f","table":"filter"}}']);
    expect(parsed.warnings).toContain('1 nft object(s) not modelled (kept verbatim)');
  });

  test('trixie (nft 1.1.3) lists chains before sets: sets still resolve', () => {
    const text = JSON.stringify({
      nftables: [
        { metainfo: { version: '1.1.3', release_name: 'Commodore Bullmoose #4', json_schema_version: 1 } },
        { table: { family: 'inet', name: 'filter', handle: 1 } },
        { chain: { family: 'inet', table: 'filter', name: 'input', handle: 1, type: 'filter', hook: 'input', prio: 0, policy: 'drop' } },
        { rule: { family: 'inet', table: 'filter', chain: 'input', handle: 3, expr: [nft.dport(22), nft.saddr4('@mgmt'), nft.accept] } },
        { set: { family: 'inet', name: 'mgmt', table: 'filter', type: 'ipv4_addr', handle: 2, flags: ['interval'], elem: [nft.prefix('10.10.0.0', 24)] } },
      ],
    });
    expect(parse(text).value!.rules[0]!.match.sources).toEqual([{ negate: false, networks: ['10.10.0.0/24'], sets: ['mgmt'], dynamic: false }]);
  });

  test('symbolic priorities (older nft) become numbers', () => {
    const text = nftDocument([
      { name: 'a', hook: 'prerouting', prio: 'raw' },
      { name: 'b', hook: 'input', prio: 'filter' },
      { name: 'c', hook: 'input', prio: 'security' },
    ]);
    expect(parse(text).value!.chains.map((chain) => chain.priority)).toEqual([-300, 0, 50]);
  });
});
