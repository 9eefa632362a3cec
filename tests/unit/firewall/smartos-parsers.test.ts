import { describe, expect, test } from 'vitest';
import { parseFwadmList } from '../../../main/engine/collectors/firewall/fwadm-json';
import { parseFwadmRuleText } from '../../../main/engine/collectors/firewall/fwadm-rule';
import { parseIpfstat, parseIpfstat6 } from '../../../main/engine/collectors/firewall/ipfstat';
import { parseSvcsIpfilter } from '../../../main/engine/collectors/firewall/svcs-ipfilter';
import { parseVmadmList } from '../../../main/engine/collectors/firewall/vmadm-list';
import { zoneFirewalls } from '../../../main/engine/collectors/firewall/zone-firewall';
import { expectMatchesExpected, fixture, fixtureSections } from './support/firewall-fixtures';
import { VMADM_FIREWALL } from './support/smartos-outputs';

describe('ipfstat -io', () => {
  test('outbound list first, each line classified by its own direction; quick flags, ports by service name', () => {
    const parsed = parseIpfstat(fixture('smartos/ipfstat-io.txt'), '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    const { ruleset } = parsed.value!;
    expect(ruleset.chains.map((chain) => [chain.id, chain.hook, chain.evaluation, chain.policy])).toEqual([
      ['ipf:ip/ipf/in', 'input', 'last-match', 'accept'],
      ['ipf:ip/ipf/out', 'output', 'last-match', 'accept'],
    ]);
    expect(ruleset.rules.filter((rule) => rule.chain === 'out')).toHaveLength(5);
    const inbound = ruleset.rules.filter((rule) => rule.chain === 'in');
    expect(inbound.map((rule) => [rule.text, rule.ipf!.quick, rule.action.kind])).toEqual([
      ['pass in quick proto tcp from any to any port = ssh keep frags', true, 'accept'],
      ['pass in quick proto icmp from any to any icmp-type echo code 0 keep frags', true, 'accept'],
      ['pass in quick proto tcp from 192.0.2.0/24 to any port = domain keep frags', true, 'accept'],
      ['pass in quick proto udp from 192.0.2.0/24 to any port = domain keep frags', true, 'accept'],
      ['block in all', false, 'drop'],
    ]);
    expect(inbound[0]!.match).toEqual({ protocols: [{ negate: false, values: ['tcp'], sets: [] }], destinationPorts: [{ negate: false, ranges: [{ from: 22, to: 22 }], sets: [] }] });
    expect(inbound[2]!.match.sources).toEqual([{ negate: false, networks: ['192.0.2.0/24'], sets: [], dynamic: false }]);
    expect(inbound[4]!.match).toEqual({});
    expect(ruleset.rules.every((rule) => !rule.unmodelled)).toBe(true);
    expectMatchesExpected('ipfstat-io', parsed.value);
  });

  test('no rules loaded: empty stdout and "empty list" on stderr is an empty ruleset, not an error', () => {
    const parsed = parseIpfstat('', fixture('smartos/ipfstat-io-empty.stderr.txt'), 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.ruleset.rules).toEqual([]);
    expect(parsed.warnings).toEqual(['no ipf rules are loaded (empty list for ipfilter)']);
  });

  test('-n / -h prefixes, ranges, negation, groups and unknown words', () => {
    const text = [
      '@1 pass out quick proto tcp from any to any flags S/SA keep state',
      '@1 12 pass in quick on net0 proto tcp from ! 10.0.0.0/8 to any port 8000 >< 8081 flags S/SA keep state',
      '@2 0 pass in proto tcp from any to any port 6000:6010 group 100',
      '@3 0 block return-rst in log quick proto tcp from 192.0.2.0/255.255.255.0 to any port = 5432',
      '@4 3 pass in proto udp from any port = domain to any with not frag',
    ].join('\n');
    const rules = parseIpfstat6(text, '', 0).value!.ruleset.rules.filter((rule) => rule.chain === 'in');
    expect(rules[0]).toMatchObject({
      handle: 1,
      counters: { packets: 12, bytes: 0 },
      match: { inInterfaces: [{ values: ['net0'] }], sources: [{ negate: true, networks: ['10.0.0.0/8'] }], destinationPorts: [{ ranges: [{ from: 8001, to: 8080 }] }] },
      family: 'ip6',
    });
    expect(rules[1]).toMatchObject({ unmodelled: true, unmodelledParts: ['group 100 (runs only when its group head matched)'] });
    expect(rules[2]).toMatchObject({ action: { kind: 'reject', detail: 'return-rst' }, statements: ['log'], match: { sources: [{ networks: ['192.0.2.0/255.255.255.0'] }] } });
    expect(rules[3]).toMatchObject({ unmodelled: true, match: { sourcePorts: [{ ranges: [{ from: 53, to: 53 }] }] } });
  });

  test('errors keep the tool message', () => {
    expect(parseIpfstat('', 'open(IPL_NAME): Permission denied\n', 1).status).toBe('needs-privilege');
    expect(parseIpfstat('', 'bash: line 1: ipfstat: command not found\n', 127).status).toBe('tool-missing');
    expect(parseIpfstat('some random text\n', '', 0)).toMatchObject({ status: 'unparsed', message: 'not ipfstat output: 1 of 1 lines are not ipf rules ("some random text")' });
  });
});

describe('svcs -H ipfilter', () => {
  test('online, and disabled as its own state with the line kept', () => {
    expect(parseSvcsIpfilter(fixture('smartos/svcs-H-ipfilter.txt'), '', 0)).toEqual({
      status: 'ok',
      value: { state: 'online', transitioning: false, stime: 'Nov_29', fmri: 'svc:/network/ipfilter:default', line: 'online         Nov_29   svc:/network/ipfilter:default' },
      message: null,
      warnings: [],
    });
    expect(parseSvcsIpfilter(fixture('smartos/svcs-H-ipfilter-disabled.txt'), '', 0)).toMatchObject({
      status: 'service-disabled',
      value: { state: 'disabled' },
      message: 'ipfilter is disabled (disabled Nov_29 svc:/network/ipfilter:default)',
    });
  });

  test('a transition in progress, an unknown service, garbage', () => {
    expect(parseSvcsIpfilter('online*        12:01:02 svc:/network/ipfilter:default\n', '', 0).value).toMatchObject({ state: 'online', transitioning: true });
    expect(parseSvcsIpfilter('', "svcs: Pattern 'ipfilter' doesn't match any instances\n", 1).status).toBe('unsupported');
    expect(parseSvcsIpfilter('nothing useful\n', '', 0).status).toBe('unparsed');
  });
});

describe('fwadm list -j', () => {
  test('every rule: zone-inbound for TO vms, zone-outbound for FROM vms; enabled, global, owner kept', () => {
    const parsed = parseFwadmList(fixture('smartos/fwadm-list-j.txt'), '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    const rules = parsed.value!.ruleset.rules;
    expect(rules.map((rule) => [rule.chain, rule.action.kind, rule.fwadm!.uuid.slice(0, 8), rule.fwadm!.enabled, rule.fwadm!.global])).toEqual([
      ['in', 'accept', '0b1c2d3e', true, false],
      ['in', 'accept', '5a4f1a0e', true, false],
      ['in', 'accept', 'a2dbbe68', true, true],
      ['in', 'accept', 'c0ffee00', false, false],
      ['in', 'accept', 'd1e2f3a4', true, true],
      ['out', 'drop', 'e7f8a9b0', true, false],
    ]);
    expect(rules[1]!.match).toMatchObject({
      destinationPorts: [
        {
          ranges: [
            { from: 80, to: 80 },
            { from: 443, to: 443 },
          ],
        },
      ],
      extras: [{ kind: 'vm-selector', side: 'destination', tags: [{ name: 'role', value: 'www' }] }],
    });
    expect(rules[0]!.match.sources).toEqual([{ negate: false, networks: ['2001:db8::10'], sets: [], dynamic: false }]);
    expect(rules[5]!.match.destinations).toEqual([{ negate: false, networks: ['198.51.100.25'], sets: [], dynamic: false }]);
    // Zone rules are never on the global zone's own input path.
    expect(parsed.value!.ruleset.chains.every((chain) => chain.hook === null)).toBe(true);
    expectMatchesExpected('fwadm-list-j', parsed.value);
  });

  test('-o uuid,rule (no enabled key) is read with a warning per rule; empty lists are empty rule sets', () => {
    const limited = parseFwadmList(fixture('smartos/fwadm-list-j-o-uuid-rule.txt'), '', 0);
    expect(limited.status).toBe('ok');
    expect(limited.value!.ruleset.rules).toHaveLength(6);
    expect(limited.warnings).toHaveLength(6);
    expect(parseFwadmList(fixture('smartos/fwadm-list-j-empty.txt'), '', 0)).toMatchObject({ status: 'ok', warnings: [], value: { ruleset: { rules: [] } } });
    expect(parseFwadmList(fixture('smartos/fwadm-list-empty.txt'), '', 0)).toMatchObject({ status: 'ok', warnings: ['fwadm printed nothing: no rules'] });
  });

  test('table output and other fwadm subcommands are refused as not-JSON', () => {
    for (const path of ['smartos/fwadm-list.txt', 'smartos/fwadm-list-o-fields.txt', 'smartos/fwadm-status.txt', 'smartos/fwadm-status-v.txt', 'smartos/fwadm-status-stopped.txt']) {
      expect(parseFwadmList(fixture(path), '', 0), path).toMatchObject({ status: 'unparsed', message: 'fwadm list -j output is not a JSON array (table output? OpsDeck reads `fwadm list -j`)' });
    }
  });

  test('each failure of fwadm-errors.txt is a distinct state with the tool message', () => {
    const states = fixtureSections('smartos/fwadm-errors.txt').map((section) => {
      const parsed = parseFwadmList(section.stdout, section.stderr, section.exitCode);
      return [parsed.status, parsed.message];
    });
    expect(states).toEqual([
      ['tool-missing', 'fwadm is not installed on this host (bash: line 1: fwadm: command not found)'],
      ['tool-missing', 'fwadm is not installed on this host (bash: fwadm: command not found)'],
      ['needs-privilege', 'fwadm needs privileges OpsDeck does not have here: FATAL: cannot run: you are not root.'],
      ['unparsed', 'fwadm failed (exit 1): Firewall is not running for VM "7f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"'],
      ['unparsed', 'fwadm failed (exit 1): Error: invalid UUID "nosuch"'],
    ]);
  });

  test('rule text grammar: PORTS lists and ranges, OR targets, PRIORITY, and text that is not a rule', () => {
    expect(parseFwadmRuleText('FROM (subnet 10.0.0.0/8 OR ip 192.0.2.1) TO tag "db" ALLOW tcp PORTS 5432, 6000 - 6010 PRIORITY 10')).toEqual({
      from: { any: false, allVms: false, vms: [], networks: ['10.0.0.0/8', '192.0.2.1'], tags: [] },
      to: { any: false, allVms: false, vms: [], networks: [], tags: [{ name: 'db', value: null }] },
      action: 'allow',
      protocol: 'tcp',
      ports: [
        { from: 5432, to: 5432 },
        { from: 6000, to: 6010 },
      ],
      icmpTypes: [],
      priority: 10,
    });
    expect(parseFwadmRuleText('FROM any TO all vms BLOCK udp PORT all')).toMatchObject({ action: 'block', protocol: 'udp', ports: null });
    expect(parseFwadmRuleText('FROM any TO all vms ALLOW tcp')).toMatchObject({ ports: null });
    expect(parseFwadmRuleText('allow everything')).toBeNull();
    expect(parseFwadmRuleText('FROM any TO all vms ALLOW tcp PORT 22 trailing')).toBeNull();
  });
});

describe('vmadm list -p -o uuid,alias,firewall_enabled', () => {
  test('uuid first and the flag last: an alias may contain ":"; an empty flag is false', () => {
    const parsed = parseVmadmList(VMADM_FIREWALL, '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    expect(parsed.value!.zones.map((zone) => [zone.uuid.slice(0, 8), zone.alias, zone.firewallEnabled])).toEqual([
      ['7f1c2d3e', 'dns01', true],
      ['3f1e5c7a', 'pg01', true],
      ['a1b2c3d4', 'www-old', false],
      ['c9d8e7f6', 'win:2022:build', true],
      ['5e6f7a8b', null, false],
    ]);
  });

  test('each failure of vmadm-errors.txt is a distinct state; other listings are not this one', () => {
    const states = fixtureSections('smartos/vmadm-errors.txt').map((section) => parseVmadmList(section.stdout, section.stderr, section.exitCode).status);
    expect(states).toEqual(['unparsed', 'unsupported', 'needs-privilege', 'tool-missing']);
    expect(parseVmadmList('', 'Invalid order key: "firewall_enabled"\n', 1).message).toContain('cannot list firewall_enabled');
    for (const path of ['smartos/vmadm-list-p.txt', 'smartos/vmadm-list.txt']) {
      expect(parseVmadmList(fixture(path), '', 0).status, path).toBe('unparsed');
    }
  });
});

describe('zone firewalls', () => {
  test('enabled inbound rules that target a zone apply to it (tag and owner rules only maybe); disabled zones filter nothing', () => {
    const zones = zoneFirewalls(parseVmadmList(VMADM_FIREWALL, '', 0).value!.zones, parseFwadmList(fixture('smartos/fwadm-list-j.txt'), '', 0).value!.ruleset.rules);
    const pg = zones.find((zone) => zone.alias === 'pg01')!;
    expect(pg.inbound.map((rule) => [rule.uuid.slice(0, 8), rule.applies, rule.ports, rule.from])).toEqual([
      ['0b1c2d3e', 'maybe', [{ from: 22, to: 22 }], ['2001:db8::10']],
      [
        '5a4f1a0e',
        'maybe',
        [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ],
        ['any'],
      ],
      ['a2dbbe68', 'yes', [{ from: 22, to: 22 }], ['any']],
      ['d1e2f3a4', 'yes', null, ['any']],
    ]);
    // The disabled rule for pg01 (c0ffee00) does not apply; www-old has its firewall off.
    expect(zones.find((zone) => zone.alias === 'www-old')).toMatchObject({ firewallEnabled: false, inbound: [] });
  });
});
