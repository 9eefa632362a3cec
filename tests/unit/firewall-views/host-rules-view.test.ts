import { describe, expect, test } from 'vitest';
import type { RuleMatch } from '../../../main/engine/collectors/firewall/firewall-model';
import { destinationPorts, hostRulesView } from '../../../main/engine/views/firewall/host-rules-view';
import { demoFirewallFleet, demoHost } from '../firewall/support/demo-firewall-fleet';

const { hosts, findings } = demoFirewallFleet();
const rulesOf = (name: string, page = {}) => {
  const host = demoHost(hosts, name);
  return hostRulesView(host.facts, { ...host.target, counterpart: null }, '2025-06-01T00:00:00.000Z', findings, page);
};

describe("a host's firewall view", () => {
  test('db1.nj: every rule as a row, the planted rule with its port, and the exposure naming it by id', () => {
    const view = rulesOf('db1.nj');
    const facts = demoHost(hosts, 'db1.nj').facts;
    expect(view.totalRules).toBe(facts.ruleset.rules.length);
    expect(view.rules.map((rule) => rule.id)).toEqual(facts.ruleset.rules.map((rule) => rule.id));
    const planted = view.rules.find((rule) => rule.text.startsWith('tcp dport 5432 accept'))!;
    expect(planted).toMatchObject({ source: 'nftables', family: 'inet', table: 'filter', chain: 'input', action: 'accept', target: null, ports: [5432, 5432], unmodelled: false });
    const postgres = view.exposure.find((entry) => entry.port === 5432 && entry.family === 'ipv4')!;
    expect(postgres).toMatchObject({ reachability: 'any', conformance: 'beyond-baseline', ruleId: planted.id, address: '0.0.0.0', process: 'postgres' });
    expect(postgres.decisions[0]).toMatchObject({ outcome: 'accepted', sources: ['0.0.0.0/0'], ruleId: planted.id });
    expect(postgres.socket).toContain('0.0.0.0:5432');
    expect(view.findings.map((finding) => finding.id)).toContain('firewall.port-beyond-baseline:db1.nj:tcp/5432');
    expect(view.findings.every((finding) => finding.host === 'db1.nj' && finding.area === 'firewall')).toBe(true);
    expect(view.chains.find((chain) => chain.name === 'input')).toMatchObject({ hook: 'input', policy: 'drop', rules: view.rules.filter((rule) => rule.chain === 'input').length });
    expect(view.sources.map((source) => [source.commandId, source.status])).toContainEqual(['firewall.nft-json', 'ok']);
  });

  test('pages: offset and limit return that slice, with the total', () => {
    const whole = rulesOf('db1.nj');
    const page = rulesOf('db1.nj', { offset: 2, limit: 3 });
    expect(page).toMatchObject({ totalRules: whole.totalRules, offset: 2 });
    expect(page.rules).toEqual(whole.rules.slice(2, 5));
    expect(rulesOf('db1.nj', { offset: 10_000 }).rules).toEqual([]);
  });

  test("a SmartOS node lists its ipf rules and its zones' fwadm rules, and counts each chain's rules", () => {
    const view = rulesOf('cn1.nj');
    const facts = demoHost(hosts, 'cn1.nj').facts;
    expect(view.os).toBe('smartos');
    expect(view.totalRules).toBe(facts.ruleset.rules.length + (facts.zoneRules?.rules.length ?? 0));
    expect(new Set(view.rules.map((rule) => rule.source))).toEqual(new Set(['ipf', 'fwadm']));
    const ssh = view.rules.find((rule) => rule.text === 'pass in quick proto tcp from 10.10.0.0/24 to any port = ssh keep state')!;
    expect(ssh.ports).toEqual([22, 22]);
    expect(view.chains.reduce((sum, chain) => sum + chain.rules, 0)).toBe(view.totalRules);
  });

  test('the rows carry no raw tool output (that is one click away, in the raw outputs)', () => {
    expect(JSON.stringify(rulesOf('db1.nj').rules)).not.toContain('"expr"');
  });
});

describe('destination ports of a rule', () => {
  test('ranges of plain and concatenated-set matches; negated matches left out', () => {
    const match: RuleMatch = {
      destinationPorts: [
        {
          negate: false,
          ranges: [
            { from: 80, to: 80 },
            { from: 8000, to: 8080 },
          ],
          sets: [],
        },
        { negate: true, ranges: [{ from: 22, to: 22 }], sets: [] },
      ],
      alternatives: [{ negate: false, sets: ['pairs'], options: [{ destinationPorts: [{ negate: false, ranges: [{ from: 443, to: 443 }], sets: [] }] }] }],
    };
    expect(destinationPorts(match)).toEqual([80, 80, 8000, 8080, 443, 443]);
    expect(destinationPorts({})).toEqual([]);
  });
});
