import { describe, expect, test } from 'vitest';
import type { FirewallRuleRowView } from '../../../preload/contract';
import { filterOptions, filterRules, indexRules, NO_FILTER, parsePortFilter } from '../../../renderer/pages/firewall/rules-filter';

const rule = (overrides: Partial<FirewallRuleRowView>): FirewallRuleRowView => ({
  id: `r${Math.random()}`,
  source: 'nftables',
  family: 'inet',
  table: 'filter',
  chain: 'input',
  position: 0,
  action: 'accept',
  target: null,
  text: '',
  comment: null,
  packets: null,
  bytes: null,
  ports: [],
  unmodelled: false,
  ...overrides,
});

const rules = [
  rule({ text: 'ct state established,related accept' }),
  rule({ text: 'tcp dport 22 ip saddr @mgmt_v4 accept comment "ssh from management"', comment: 'ssh from management', ports: [22, 22] }),
  rule({ text: 'tcp dport 5432 accept comment "postgresql (temporary)"', ports: [5432, 5432] }),
  rule({ text: 'tcp dport 6000-6010 jump svc_x11', action: 'jump', target: 'svc_x11', ports: [6000, 6010] }),
  rule({ chain: 'svc_x11', text: 'ip saddr 10.1.0.0/16 accept' }),
  rule({ chain: 'svc_x11', text: 'drop', action: 'drop' }),
  rule({ source: 'iptables-legacy', family: 'ip', chain: 'INPUT', text: '-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT', ports: [25, 25] }),
];
const index = indexRules(rules);
const texts = (filter: Partial<typeof NO_FILTER>) => filterRules(index, { ...NO_FILTER, ...filter }).map((at) => rules[at]!.text);

describe('filtering rules', () => {
  test('no filter passes every rule, in order', () => {
    expect(filterRules(index, NO_FILTER)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('free text: every word must occur (case-insensitive) in the text, comment, chain or action', () => {
    expect(texts({ text: 'POSTGRESQL' })).toEqual(['tcp dport 5432 accept comment "postgresql (temporary)"']);
    expect(texts({ text: 'tcp accept' })).toEqual([
      'tcp dport 22 ip saddr @mgmt_v4 accept comment "ssh from management"',
      'tcp dport 5432 accept comment "postgresql (temporary)"',
      '-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT',
    ]);
    expect(texts({ text: 'svc_x11' })).toHaveLength(3);
    expect(texts({ text: 'iptables-legacy' })).toEqual(['-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT']);
    expect(texts({ text: 'nothing-like-this' })).toEqual([]);
  });

  test('port: rules whose destination ports include it, ranges too', () => {
    expect(texts({ port: '6005' })).toEqual(['tcp dport 6000-6010 jump svc_x11']);
    expect(texts({ port: ' 22 ' })).toEqual(['tcp dport 22 ip saddr @mgmt_v4 accept comment "ssh from management"']);
    expect(texts({ port: '80' })).toEqual([]);
  });

  test('an invalid port passes nothing and is reported as invalid', () => {
    expect(parsePortFilter('')).toBeNull();
    expect(parsePortFilter('65535')).toBe(65535);
    expect(parsePortFilter('65536')).toBe('invalid');
    expect(parsePortFilter('22a')).toBe('invalid');
    expect(texts({ port: 'ssh' })).toEqual([]);
  });

  test('action and chain select exactly; filters combine', () => {
    expect(texts({ action: 'drop' })).toEqual(['drop']);
    expect(texts({ chain: 'inet filter svc_x11' })).toEqual(['ip saddr 10.1.0.0/16 accept', 'drop']);
    expect(texts({ chain: 'inet filter svc_x11', action: 'accept', text: '10.1' })).toEqual(['ip saddr 10.1.0.0/16 accept']);
  });

  test('the selects offer each action and chain with its count', () => {
    expect(filterOptions(index)).toEqual({
      actions: [
        { value: 'accept', count: 5 },
        { value: 'drop', count: 1 },
        { value: 'jump', count: 1 },
      ],
      chains: [
        { value: 'inet filter input', count: 4 },
        { value: 'inet filter svc_x11', count: 2 },
        { value: 'ip filter INPUT', count: 1 },
      ],
    });
  });

  test('50,000 rules filter in one pass and keep their order', () => {
    const many = Array.from({ length: 50_000 }, (_, at) =>
      rule({ position: at, text: `tcp dport ${10_000 + (at % 5000)} accept comment "svc ${at}"`, ports: [10_000 + (at % 5000), 10_000 + (at % 5000)] }),
    );
    const big = indexRules(many);
    const byPort = filterRules(big, { ...NO_FILTER, port: '10042' });
    expect(byPort).toHaveLength(10);
    expect(byPort).toEqual([...byPort].sort((a, b) => a - b));
    expect(filterRules(big, { ...NO_FILTER, text: 'svc 4999"' }).map((at) => at)).toEqual([4999, 14999, 24999, 34999, 44999]);
  });
});
