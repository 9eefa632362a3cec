// ~/.ssh/config as OpenSSH reads it (HostName, User, Port, IdentityFile,
// ProxyJump chains through other Host entries), and applied to an inventory
// only where the inventory left a value unsaid. The config is always text
// written here: the developer's ~/.ssh is never read.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Inventory } from '../../../main/engine/inventory/inventory-schema';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';
import { applySshConfig, resolveSshConfigHost } from '../../../main/engine/inventory/ssh-config';

const CONFIG = `
Host bastion-nj
  HostName 203.0.113.10
  User alice
  Port 2222

Host gw
  HostName 192.0.2.1
  ProxyJump bastion-nj

Host *.sea !db9.sea
  ProxyJump gw,bob@10.2.0.2:2200
  IdentityFile ~/.ssh/sea_ed25519

Host db9.sea
  ProxyJump none

Host mail-*
  HostName %h.example.net
  User mailops

Host *
  IdentityFile ~/.ssh/id_ed25519
  User fallback
`;

describe('resolveSshConfigHost', () => {
  test('HostName, User and Port from the first matching entry; IdentityFile from every one', () => {
    expect(resolveSshConfigHost(CONFIG, 'bastion-nj')).toEqual({
      hostName: '203.0.113.10',
      user: 'alice',
      port: 2222,
      identityFiles: ['~/.ssh/id_ed25519'],
      proxyJump: [],
      problems: [],
    });
  });

  test('patterns with wildcards and negation, and %h in HostName', () => {
    expect(resolveSshConfigHost(CONFIG, 'mail-1')).toMatchObject({ hostName: 'mail-1.example.net', user: 'mailops' });
    expect(resolveSshConfigHost(CONFIG, 'db9.sea')).toMatchObject({ identityFiles: ['~/.ssh/id_ed25519'], proxyJump: [] });
    expect(resolveSshConfigHost(CONFIG, 'unknown.example.org')).toEqual({ user: 'fallback', identityFiles: ['~/.ssh/id_ed25519'], proxyJump: [], problems: [] });
  });

  test('a ProxyJump chain resolves each hop through the config, the first hop with its own ProxyJump', () => {
    expect(resolveSshConfigHost(CONFIG, 'imap1.sea')).toEqual({
      user: 'fallback',
      identityFiles: ['~/.ssh/sea_ed25519', '~/.ssh/id_ed25519'],
      proxyJump: [
        { address: '203.0.113.10', user: 'alice', port: 2222, identityFiles: ['~/.ssh/id_ed25519'] },
        { address: '192.0.2.1', user: 'fallback', identityFiles: ['~/.ssh/id_ed25519'] },
        { address: '10.2.0.2', user: 'bob', port: 2200, identityFiles: ['~/.ssh/id_ed25519'] },
      ],
      problems: [],
    });
  });

  test('ProxyCommand "ssh -W %h:%p" is a one-hop chain', () => {
    const config = 'Host old\n  ProxyCommand ssh -W %h:%p -l ops bastion-nj\nHost bastion-nj\n  HostName 203.0.113.10\n  Port 2222';
    expect(resolveSshConfigHost(config, 'old').proxyJump).toEqual([{ address: '203.0.113.10', user: 'ops', port: 2222, identityFiles: [] }]);
  });

  test('a ProxyJump loop is reported and the chain dropped', () => {
    const config = 'Host a\n  ProxyJump b\nHost b\n  ProxyJump c\nHost c\n  ProxyJump a';
    expect(resolveSshConfigHost(config, 'a')).toEqual({
      identityFiles: [],
      proxyJump: [],
      problems: ["~/.ssh/config: ProxyJump loop a → b → c → a; the config's ProxyJump for a was not used"],
    });
    expect(resolveSshConfigHost('Host *\n  ProxyJump bastion', 'imap1')).toMatchObject({
      proxyJump: [],
      problems: ["~/.ssh/config: ProxyJump loop imap1 → bastion → bastion; the config's ProxyJump for imap1 was not used"],
    });
  });

  test('never runs anything: Match exec is skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-ssh-config-'));
    try {
      const marker = join(dir, 'ran');
      const config = `Match exec "touch ${marker}"\n  User pwned\nHost *\n  User ops`;
      expect(resolveSshConfigHost(config, 'imap1.nj').user).toBe('ops');
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unusable entries are problems, not exceptions', () => {
    expect(resolveSshConfigHost('Host x\n  Port ssh', 'x').problems).toEqual(['~/.ssh/config: Port "ssh" for x is not 1-65535; ignored']);
    expect(resolveSshConfigHost('Include ~/.ssh/conf.d/*\nHost x\n  User a', 'x').problems).toEqual(['~/.ssh/config: Include ~/.ssh/conf.d/* is not followed; copy what x needs into the file']);
    expect(resolveSshConfigHost('Host x\n  ProxyJump ops@:22', 'x').problems).toEqual(['~/.ssh/config: ProxyJump for x: expected [user@]host[:port], got "ops@:22"']);
    expect(() => resolveSshConfigHost('Host "unterminated\n', 'x')).not.toThrow();
  });

  test('never throws on arbitrary config text', () => {
    const line = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Host *', 'Host x', '  ProxyJump x', '  ProxyJump a,b@c:9', '  Port 0', '  HostName %h.%%', '  ProxyCommand ssh -W'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const found = resolveSshConfigHost(lines.join('\n'), 'x');
        expect(Array.isArray(found.problems)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('applySshConfig', () => {
  const INVENTORY = [
    'datacentres:',
    '  - { id: nj, name: "Bridgewater, NJ", role: primary, bastion: { address: bastion.nj.example.net } }',
    '  - { id: sea, name: "Seattle, WA", role: secondary }',
    'defaults: { user: ops, identity: ~/.ssh/fleet }',
    'hosts:',
    '  - { name: imap1.nj, address: 10.1.0.11, os: debian, dc: nj }',
    '  - { name: mx1.nj, address: 10.1.0.21, user: postmaster, port: 2200, os: debian, dc: nj }',
    '  - { name: imap1.sea, os: debian, dc: sea }',
    '  - { name: db1.sea, address: 10.2.0.31, os: debian, dc: sea, proxy_jump: [{ address: 203.0.113.10 }] }',
  ].join('\n');

  function inventory(): Inventory {
    const parsed = parseInventory(INVENTORY, 'fleet.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.inventory;
  }

  const config = [
    'Host bastion.nj.example.net',
    '  User alice',
    '  Port 2222',
    'Host imap1.nj mx1.nj',
    '  User carol',
    '  Port 2022',
    '  HostName 10.9.9.9',
    '  IdentityFile ~/.ssh/nj',
    'Host 10.1.0.21',
    '  IdentityFile ~/.ssh/by-address',
    'Host imap1.sea',
    '  HostName 10.2.0.11',
    '  ProxyJump jump.sea.example.net',
    'Host jump.sea.example.net',
    '  User dave',
    'Host 203.0.113.10',
    '  User erin',
  ].join('\n');

  test('fills only what the host did not write itself, matching by name then address', () => {
    const { inventory: applied, warnings } = applySshConfig(inventory(), config);
    expect(warnings).toEqual([]);
    const [imap1nj, mx1nj] = applied.hosts;
    // Written in the inventory: address; from the config: user, port, identity.
    expect(imap1nj).toMatchObject({ address: '10.1.0.11', user: 'carol', port: 2022, identity: '~/.ssh/nj' });
    // Written in the inventory: address, user, port; the name's entry wins over the address's.
    expect(mx1nj).toMatchObject({ address: '10.1.0.21', user: 'postmaster', port: 2200, identity: '~/.ssh/nj' });
  });

  test('a host without an address takes HostName, and its ProxyJump when no bastion applies', () => {
    const imap1sea = applySshConfig(inventory(), config).inventory.hosts[2];
    expect(imap1sea).toMatchObject({
      address: '10.2.0.11',
      user: 'ops',
      jumpsFrom: 'ssh-config',
      jumps: [{ address: 'jump.sea.example.net', user: 'dave', port: 22, identity: '~/.ssh/fleet', explicit: [] }],
    });
  });

  test('bastions and proxy_jump hops get their unwritten fields; the datacentre bastion still wins over ProxyJump', () => {
    const applied = applySshConfig(inventory(), `${config}\nHost *.nj\n  ProxyJump elsewhere`).inventory;
    expect(applied.datacentres[0]?.bastion).toMatchObject({ address: 'bastion.nj.example.net', user: 'alice', port: 2222 });
    expect(applied.hosts[0]).toMatchObject({ jumpsFrom: 'datacentre', jumps: [{ address: 'bastion.nj.example.net', user: 'alice', port: 2222 }] });
    expect(applied.hosts[3]?.jumps).toEqual([{ address: '203.0.113.10', user: 'erin', port: 22, identity: '~/.ssh/fleet', explicit: ['address'] }]);
  });

  test('values from the config pass the same safety checks as the inventory', () => {
    const { inventory: applied, warnings } = applySshConfig(inventory(), 'Host imap1.sea\n  HostName -oProxyCommand=x\n  User "a b"');
    expect(applied.hosts[2]).toMatchObject({ address: 'imap1.sea', user: 'ops' });
    expect(warnings).toEqual([
      `imap1.sea: ~/.ssh/config HostName "-oProxyCommand=x" starts with '-', so ssh would read it as an option; ignored`,
      'imap1.sea: ~/.ssh/config User "a b" contains whitespace; ignored',
    ]);
  });

  test('a ProxyJump chain with one unsafe hop is dropped whole, not shortened', () => {
    const { inventory: applied, warnings } = applySshConfig(inventory(), 'Host imap1.sea\n  ProxyJump ok.example.net,-oProxyCommand=x');
    expect(applied.hosts[2]).toMatchObject({ jumps: [], jumpsFrom: 'none' });
    expect(warnings).toEqual([`imap1.sea: ~/.ssh/config ProxyJump host "-oProxyCommand=x" starts with '-', so ssh would read it as an option; ignored`]);
  });

  test('applying another config replaces the first: the result depends only on the inventory and the config', () => {
    const once = applySshConfig(inventory(), 'Host *\n  User other').inventory;
    expect(applySshConfig(applySshConfig(inventory(), config).inventory, 'Host *\n  User other').inventory).toEqual(once);
    expect(applySshConfig(inventory(), '').inventory).toEqual(inventory());
  });

  test('does not change the inventory it is given', () => {
    const original = inventory();
    const copy = structuredClone(original);
    applySshConfig(original, config);
    expect(original).toEqual(copy);
  });

  test('the two-datacentre example is unchanged by an empty config', () => {
    const example = parseInventory(readFileSync(fileURLToPath(new URL('./two-datacentres.yaml', import.meta.url)), 'utf8'), 'x.yaml');
    if (!example.ok) throw new Error('example does not parse');
    expect(applySshConfig(example.inventory, '# nothing\n')).toEqual({ inventory: example.inventory, warnings: [] });
  });
});
