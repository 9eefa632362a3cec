import { describe, expect, test } from 'vitest';
import { comparableRuleText, firewallHostDiff, type DiffHost } from '../../../main/engine/views/firewall/host-firewall-diff';
import type { FirewallFacts } from '../../../main/engine/collectors/firewall/firewall-facts';
import { demoFirewallFleet, demoHost } from '../firewall/support/demo-firewall-fleet';

const { hosts } = demoFirewallFleet();
const diffHost = (name: string, facts?: FirewallFacts): DiffHost => {
  const host = demoHost(hosts, name);
  return { ...host.target, facts: facts ?? host.facts };
};

describe('two hosts compared', () => {
  test('imap1.nj against imap1.sea: plain IMAP tcp/143 is blocked on one, open to any address on the other', () => {
    const diff = firewallHostDiff(diffHost('imap1.nj'), diffHost('imap1.sea'));
    expect(diff.a).toMatchObject({ host: 'imap1.nj', siteRole: 'primary', roles: ['imap'] });
    expect(diff.b).toMatchObject({ host: 'imap1.sea', siteRole: 'secondary' });
    const imap = diff.exposure.filter((row) => row.proto === 'tcp' && row.port === 143);
    expect(imap.map((row) => [row.family, row.a?.reachability, row.b?.reachability, row.b?.conformance, row.differs])).toEqual([
      ['ipv4', 'none', 'any', 'beyond-baseline', true],
      ['ipv6', 'none', 'any', 'beyond-baseline', true],
    ]);
    // IMAPS: the same sources, through differently written rules.
    expect(diff.exposure.find((row) => row.port === 993 && row.family === 'ipv4')).toMatchObject({ differs: false, a: { reach: 'any address' }, b: { reach: 'any address' } });
    // Loopback-only sockets are not exposure.
    expect(diff.exposure.some((row) => row.port === 4190 || row.port === 323)).toBe(false);
    expect(diff.rules.onlyA.map((row) => row.text)).toContain('tcp dport 993 accept comment "imaps"');
    expect(diff.rules.onlyB.map((row) => row.text)).toContain('tcp dport { 143, 993 } accept comment "imap, imaps"');
    expect(diff.rules.onlyB.find((row) => row.text.startsWith('tcp dport { 143'))).toMatchObject({ chain: 'inet filter input', action: 'accept', count: 1 });
    expect(diff.rules.same + diff.rules.onlyATotal).toBe(diff.a.rules);
  });

  test('a host compared with itself differs in nothing', () => {
    const diff = firewallHostDiff(diffHost('db1.nj'), diffHost('db1.nj'));
    expect(diff.exposure.filter((row) => row.differs)).toEqual([]);
    expect(diff.rules).toMatchObject({ onlyA: [], onlyB: [], onlyATotal: 0, onlyBTotal: 0, same: diff.a.rules });
    expect(diff.policies).toEqual([]);
  });

  test('reordered rules and changed counters are no difference; a duplicated rule is, once', () => {
    const facts = demoHost(hosts, 'db2.nj').facts;
    const rules = facts.ruleset.rules.map((rule) => ({ ...rule, text: rule.text.replace('counter packets 0 bytes 0', 'counter packets 912 bytes 54720') })).reverse();
    const reordered: FirewallFacts = { ...facts, ruleset: { ...facts.ruleset, rules } };
    expect(firewallHostDiff(diffHost('db2.nj'), diffHost('db2.nj', reordered)).rules).toMatchObject({ onlyA: [], onlyB: [] });
    const doubled: FirewallFacts = { ...facts, ruleset: { ...facts.ruleset, rules: [...facts.ruleset.rules, facts.ruleset.rules[3]!] } };
    const diff = firewallHostDiff(diffHost('db2.nj'), diffHost('db2.nj', doubled));
    expect(diff.rules.onlyB).toEqual([{ chain: 'inet filter input', action: facts.ruleset.rules[3]!.action.kind, text: comparableRuleText(facts.ruleset.rules[3]!.text), count: 1 }]);
    expect(diff.rules.onlyBTotal).toBe(1);
  });

  test('a changed default policy is listed; the rule lists are capped at the limit with the totals kept', () => {
    const facts = demoHost(hosts, 'db2.nj').facts;
    const open: FirewallFacts = { ...facts, ruleset: { ...facts.ruleset, chains: facts.ruleset.chains.map((chain) => (chain.name === 'input' ? { ...chain, policy: 'accept' } : chain)) } };
    expect(firewallHostDiff(diffHost('db2.nj'), diffHost('db2.nj', open)).policies).toEqual([{ chain: 'inet filter input', a: 'drop', b: 'accept' }]);
    const capped = firewallHostDiff(diffHost('db2.nj'), diffHost('cn1.nj'), 2);
    expect(capped.rules.onlyA).toHaveLength(2);
    expect(capped.rules.onlyATotal).toBe(capped.a.rules);
    expect(capped.rules.limit).toBe(2);
  });

  test('rule text for comparison leaves out nft and iptables counters', () => {
    expect(comparableRuleText('ct state invalid counter packets 12 bytes 720 drop')).toBe('ct state invalid counter drop');
    expect(comparableRuleText('[5:300] -A INPUT -p tcp --dport 22 -j ACCEPT')).toBe('-A INPUT -p tcp --dport 22 -j ACCEPT');
  });
});
