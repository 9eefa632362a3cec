import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIREWALL_CLI_FORMATS, isFirewallCliFormat, parseFirewallForCli } from '../../../main/engine/collectors/firewall/firewall-cli';
import { runOpsdeck } from '../../support/cli-run';
import { FIXTURES_DIR } from '../../support/fixtures';
import { fixture } from './support/firewall-fixtures';

describe('opsdeck parse firewall --format …', () => {
  test('nft-json: the normalized model and a summary', () => {
    const result = parseFirewallForCli('nft-json', fixture('debian/nft-j-list-ruleset.txt'));
    expect(result).toMatchObject({ format: 'nft-json', status: 'ok', message: null, summary: { tables: 1, chains: 3, rules: 10, unmodelledRules: 0, sets: 1, version: '1.0.6' } });
    expect(result.value!.rules[5]!.text).toBe('tcp dport 22 ip saddr @admin_v4 accept');
    const iptablesNft = parseFirewallForCli('nft-json', fixture('debian/nft-j-list-ruleset-iptables-nft.txt'));
    expect(iptablesNft.summary).toMatchObject({ tables: 3, rules: 16, unmodelledRules: 8 });
  });

  test('iptables-save: family, backend and the legacy warning in the summary', () => {
    expect(parseFirewallForCli('iptables-save', fixture('debian/iptables-save.txt')).summary).toEqual({
      tables: 2,
      chains: 8,
      rules: 11,
      unmodelledRules: 0,
      family: 'ip',
      backend: 'nf_tables',
      legacyTablesPresent: false,
    });
    expect(parseFirewallForCli('iptables-save', fixture('debian/ip6tables-save.txt')).summary).toMatchObject({ family: 'ip6', rules: 5 });
  });

  test('ipfstat: inbound and outbound counted; an IPv6 list is recognised', () => {
    expect(parseFirewallForCli('ipfstat', fixture('smartos/ipfstat-io.txt')).summary).toEqual({ tables: 1, chains: 2, rules: 10, unmodelledRules: 0, family: 'ip', inbound: 5, outbound: 5 });
    expect(parseFirewallForCli('ipfstat', 'pass in quick proto ipv6-icmp from any to any keep state\nblock in all\n').summary).toMatchObject({ family: 'ip6', inbound: 2 });
  });

  test('fwadm-json: rules, enabled and global counts', () => {
    expect(parseFirewallForCli('fwadm-json', fixture('smartos/fwadm-list-j.txt')).summary).toEqual({ tables: 1, chains: 2, rules: 6, unmodelledRules: 0, fwadmRules: 6, enabled: 5, global: 2 });
  });

  test('garbage gives a status and a message, never a throw; the result is plain JSON', () => {
    for (const format of FIREWALL_CLI_FORMATS) {
      const result = parseFirewallForCli(format, '\u0000{not [valid');
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      expect(['ok', 'unparsed'], format).toContain(result.status);
    }
    expect(parseFirewallForCli('nft-json', 'table inet filter {').status).toBe('unparsed');
    expect(isFirewallCliFormat('fwadm-json')).toBe(true);
    expect(isFirewallCliFormat('nft')).toBe(false);
  });
});

describe('the registered command', () => {
  test('prints the model as JSON from a file, exit 0; a parse problem exits 1; bad usage 2', async () => {
    const ok = await runOpsdeck(['parse', 'firewall', '--format', 'nft-json', join(FIXTURES_DIR, 'debian/nft-j-list-ruleset.txt')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ format: 'nft-json', status: 'ok', summary: { rules: 10 } });
    const unparsed = await runOpsdeck(['parse', 'firewall', '--format', 'fwadm-json', join(FIXTURES_DIR, 'smartos/fwadm-list.txt')]);
    expect(unparsed.code).toBe(1);
    expect(JSON.parse(unparsed.stdout)).toMatchObject({ status: 'unparsed' });
    const usage = await runOpsdeck(['parse', 'firewall', '--format', 'nft']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be one of nft-json, iptables-save, ipfstat, fwadm-json');
    const help = await runOpsdeck(['--help']);
    expect(help.stdout).toContain('parse firewall');
  });
});
