// parseInventory: the two-datacentre example resolves fully, and every kind of
// mistake comes back as a problem at the line and column to fix.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Inventory } from '../../../main/engine/inventory/inventory-schema';
import { parseInventory, type InventoryProblem } from '../../../main/engine/inventory/parse-inventory';

const EXAMPLE = readFileSync(fileURLToPath(new URL('./two-datacentres.yaml', import.meta.url)), 'utf8');

// Line numbers matter in this file: tests replace numbered lines of BASE.
const BASE = [
  'datacentres:', //                                    1
  '  - id: nj', //                                      2
  '    name: Bridgewater, NJ', //                       3
  '    role: primary', //                               4
  '  - id: sea', //                                     5
  '    name: Seattle, WA', //                           6
  '    role: secondary', //                             7
  'defaults: { user: ops }', //                         8
  'roles:', //                                          9
  '  imap:', //                                         10
  '    allowed_ports:', //                              11
  '      - { proto: tcp, port: 993, from: [any] }', //  12
  'hosts:', //                                          13
  '  - name: imap1.nj', //                              14
  '    address: 10.1.0.11', //                          15
  '    os: debian', //                                  16
  '    dc: nj', //                                      17
  '    roles: [imap]', //                               18
  '  - name: imap1.sea', //                             19
  '    address: 10.2.0.11', //                          20
  '    os: debian', //                                  21
  '    dc: sea', //                                     22
  '    roles: [imap]', //                               23
];

/** BASE with the given 1-based lines replaced (a line may become several, or none with null). */
function edited(lines: Record<number, string | null>): string {
  return BASE.flatMap((line, index) => {
    const replacement = lines[index + 1];
    return replacement === undefined ? [line] : replacement === null ? [] : [replacement];
  }).join('\n');
}

function problems(text: string): Array<[number, number, string]> {
  const result = parseInventory(text, 'fleet.yaml');
  if (result.ok) throw new Error('expected problems, but the inventory parsed');
  for (const problem of result.problems) expect(problem.file).toBe('fleet.yaml');
  return result.problems.map((p: InventoryProblem) => [p.line, p.column, p.message]);
}

function parsed(text: string): Inventory {
  const result = parseInventory(text, 'fleet.yaml');
  if (!result.ok) throw new Error(`expected the inventory to parse: ${JSON.stringify(result.problems)}`);
  return result.inventory;
}

describe('the two-datacentre example', () => {
  test('parses without problems or warnings', () => {
    const result = parseInventory(EXAMPLE, 'two-datacentres.yaml');
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  test('resolves every host from defaults, its datacentre bastion or its own proxy_jump', () => {
    const inventory = parsed(EXAMPLE);
    expect(inventory.datacentres.map((dc) => [dc.id, dc.name, dc.role])).toEqual([
      ['nj', 'Bridgewater, NJ', 'primary'],
      ['sea', 'Seattle, WA', 'secondary'],
    ]);
    expect(inventory.hosts.map((host) => host.name)).toEqual(['imap1.nj', 'mx1.nj', 'db1.nj', 'cn1.nj', 'imap1.sea', 'mx1.sea', 'db1.sea', 'cn1.sea']);
    const byName = new Map(inventory.hosts.map((host) => [host.name, host]));
    expect(byName.get('imap1.nj')).toEqual({
      name: 'imap1.nj',
      address: '10.1.0.11',
      port: 22,
      user: 'ops',
      identity: '~/.ssh/id_ed25519',
      os: 'debian',
      dc: 'nj',
      roles: ['imap'],
      tags: ['pci'],
      sudo: true,
      jumps: [{ address: '203.0.113.10', port: 22, user: 'ops', identity: '~/.ssh/id_ed25519', explicit: ['address', 'user'] }],
      jumpsFrom: 'datacentre',
      explicit: ['address'],
    });
    expect(byName.get('cn1.nj')).toMatchObject({ os: 'smartos', user: 'root', sudo: false, explicit: ['address', 'user'] });
    expect(byName.get('mx1.sea')?.jumps).toEqual([{ address: '198.51.100.10', port: 2222, user: 'ops', identity: '~/.ssh/id_ed25519', explicit: ['address', 'port', 'user'] }]);
    expect(byName.get('db1.sea')).toMatchObject({
      jumpsFrom: 'host',
      jumps: [
        { address: '203.0.113.10', port: 22, user: 'ops', explicit: ['address', 'user'] },
        { address: '10.2.0.2', port: 22, user: 'ops', explicit: ['address'] },
      ],
    });
  });

  test('fills role policy defaults and reads port ranges', () => {
    const { roles } = parsed(EXAMPLE);
    expect(roles['mx']).toEqual({
      allowedPorts: [
        { proto: 'tcp', ports: { from: 25, to: 25 }, from: ['any'] },
        { proto: 'tcp', ports: { from: 587, to: 587 }, from: ['any'] },
        { proto: 'tcp', ports: { from: 22, to: 22 }, from: ['10.0.0.0/8'] },
      ],
      patchSlaHours: 12,
      backupRpoHours: 24,
      restoreTestMaxAgeDays: 30,
      drillCadenceDays: 90,
    });
    expect(roles['compute']?.allowedPorts[1]).toEqual({ proto: 'tcp', ports: { from: 6000, to: 6010 }, from: ['10.1.0.0/16', '10.2.0.0/16'] });
  });
});

describe('resolution', () => {
  test('a role with nothing under it, and an empty defaults:, take every default', () => {
    const inventory = parsed(edited({ 8: 'defaults:', 10: '  imap:', 11: null, 12: null, 14: '  - name: imap1.nj\n    user: ops', 19: '  - name: imap1.sea\n    user: ops' }));
    expect(inventory.roles['imap']).toEqual({ allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, drillCadenceDays: 90 });
    expect(inventory.defaults).toEqual({ port: 22, sudo: true });
  });

  test('a host without an address is dialled by its name, and that is not explicit', () => {
    const host = parsed(edited({ 15: null })).hosts[0];
    expect(host).toMatchObject({ address: 'imap1.nj', explicit: [] });
  });

  test('a host without an address needs a name that can be dialled', () => {
    expect(problems(edited({ 14: '  - name: imap1/nj', 15: null }))).toEqual([
      [14, 11, 'hosts[0].name: "imap1/nj" is not an IP address or DNS name (letters, digits, "-", "_" and "." only); with no address the name is what gets dialled, so add "address"'],
    ]);
  });

  test('an empty proxy_jump means direct even when the datacentre has a bastion', () => {
    const text = edited({ 4: '    role: primary\n    bastion: { address: 203.0.113.10 }', 18: '    roles: [imap]\n    proxy_jump: []' });
    const [direct, viaBastion] = parsed(text).hosts;
    expect(direct).toMatchObject({ jumps: [], jumpsFrom: 'host' });
    expect(viaBastion).toMatchObject({ jumps: [], jumpsFrom: 'none' });
    expect(parsed(text.replace('dc: sea', 'dc: nj')).hosts[1]).toMatchObject({ jumps: [{ address: '203.0.113.10', user: 'ops', port: 22 }], jumpsFrom: 'datacentre' });
  });

  test('sudo comes from defaults and can be turned off per host', () => {
    const inventory = parsed(edited({ 8: 'defaults: { user: ops, sudo: false }', 18: '    roles: [imap]\n    sudo: true' }));
    expect(inventory.hosts.map((host) => host.sudo)).toEqual([true, false]);
  });

  test('warns about a datacentre without hosts and a role no host uses', () => {
    const result = parseInventory(edited({ 9: 'roles:\n  pop3:', 22: '    dc: nj' }), 'fleet.yaml');
    expect(result.ok && result.warnings).toEqual([
      { file: 'fleet.yaml', line: 5, column: 5, message: 'datacentres[1]: datacentre "sea" has no hosts' },
      { file: 'fleet.yaml', line: 10, column: 3, message: 'roles.pop3: role "pop3" is not used by any host' },
    ]);
  });
});

describe('problems point at the line and column to fix', () => {
  test.each<[name: string, edits: Record<number, string | null>, expected: ReturnType<typeof problems>]>([
    ['YAML syntax error', { 18: '    roles: [imap' }, [[19, 3, 'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]']]],
    ['duplicate YAML key', { 17: '    dc: nj\n    dc: sea' }, [[18, 5, 'YAML syntax: Map keys must be unique']]],
    ['unknown enum value', { 21: '    os: windows' }, [[21, 9, 'hosts[1].os: expected one of debian, smartos, auto, got "windows"']]],
    [
      'unknown key, at the key itself, with the keys allowed',
      { 18: '    roles: [imap]\n    proxy_jmp: []' },
      [[19, 5, 'hosts[0]: unknown key "proxy_jmp"; expected one of name, address, port, user, identity, os, dc, roles, tags, sudo, proxy_jump, backups']],
    ],
    ['unknown datacentre', { 22: '    dc: bos' }, [[22, 9, 'hosts[1].dc: unknown datacentre "bos"; expected one of nj, sea']]],
    ['unknown role', { 23: '    roles: [imap, pop3]' }, [[23, 19, 'hosts[1].roles[1]: unknown role "pop3"; roles defined: imap']]],
    [
      'unknown datacentre and role are reported in the same run as a schema error elsewhere',
      { 15: '    address: 10.1.0.11\n    port: 99999', 22: '    dc: bos', 23: '    roles: [imap, pop3]' },
      [
        [16, 11, 'hosts[0].port: expected at most 65535, got 99999'],
        [23, 9, 'hosts[1].dc: unknown datacentre "bos"; expected one of nj, sea'],
        [24, 19, 'hosts[1].roles[1]: unknown role "pop3"; roles defined: imap'],
      ],
    ],
    [
      'a reference the schema already rejects is reported once, and unreadable parts are not guessed at',
      { 9: 'roles: [imap]', 10: null, 11: null, 12: null, 22: '    dc: 7' },
      [
        [9, 8, 'roles: expected a mapping, got a list'],
        [19, 9, 'hosts[1].dc: expected text, got 7'],
      ],
    ],
    ['duplicate host name, compared as DNS does', { 19: '  - name: IMAP1.nj' }, [[19, 11, 'hosts[1].name: duplicate host name "IMAP1.nj"; hosts[0] already uses it']]],
    [
      'bad CIDR',
      { 12: '      - { proto: tcp, port: 993, from: [any, 10.0.0.0/33, 10.0.0/8] }' },
      [
        [12, 46, 'roles.imap.allowed_ports[0].from[1]: "10.0.0.0/33": prefix length must be 0-32 for an IPv4 block'],
        [12, 59, 'roles.imap.allowed_ports[0].from[2]: expected "any", an IP address or a CIDR block like 10.0.0.0/8, got "10.0.0/8"'],
      ],
    ],
    ['reversed port range', { 12: '      - { proto: tcp, port: "6010-6000", from: [any] }' }, [[12, 29, 'roles.imap.allowed_ports[0].port: range 6010-6000 is reversed; write 6000-6010']]],
    ['port out of range', { 15: '    port: 70000' }, [[15, 11, 'hosts[0].port: expected at most 65535, got 70000']]],
    [
      'unsafe host name, address and user',
      { 14: '  - name: -oProxyCommand=touch', 20: '    address: "10.2.0.11 -p 2"', 8: 'defaults: { user: "ops\\u0007" }' },
      [
        [8, 19, 'defaults.user: "ops\\u0007" contains the control character U+0007; names, addresses and users are passed to ssh and must be plain words'],
        [14, 11, `hosts[0].name: "-oProxyCommand=touch" starts with '-', so ssh would read it as an option; names, addresses and users are passed to ssh and must be plain words`],
        [20, 14, 'hosts[1].address: "10.2.0.11 -p 2" contains whitespace; names, addresses and users are passed to ssh and must be plain words'],
      ],
    ],
    ['an address that is neither an IP nor a DNS name', { 15: '    address: 10.1.0.300' }, [[15, 14, 'hosts[0].address: "10.1.0.300" is not a valid IPv4 or IPv6 address']]],
    [
      'a connection with no user anywhere',
      { 8: null },
      [
        [13, 5, 'hosts[0]: no SSH user for imap1.nj; set "user" here or under "defaults"'],
        [18, 5, 'hosts[1]: no SSH user for imap1.sea; set "user" here or under "defaults"'],
      ],
    ],
    ['a badly named role', { 10: '  1imap:' }, [[10, 3, 'roles: name "1imap": expected a letter then letters, digits, "_", "." or "-"']]],
  ])('%s', (_name, edits, expected) => {
    expect(problems(edited(edits))).toEqual(expected);
  });

  test('wrong type', () => {
    expect(problems(edited({ 15: '    port: "22"' }))).toEqual([[15, 11, 'hosts[0].port: expected a number, got "22"']]);
    expect(problems(edited({ 8: 'defaults: { user: ops, sudo: yes }' }))).toEqual([[8, 30, 'defaults.sudo: expected true or false, got "yes"']]);
  });

  test('missing required key, at the mapping that lacks it', () => {
    expect(problems(edited({ 17: null }))).toEqual([[14, 5, 'hosts[0]: missing required key "dc"']]);
    expect(problems(edited({ 7: null }))).toEqual([[5, 5, 'datacentres[1]: missing required key "role" (one of primary, secondary)']]);
  });

  test('datacentre ids are unique and exactly one is primary', () => {
    expect(problems(edited({ 5: '  - id: nj', 7: '    role: primary', 22: '    dc: nj' }))).toEqual([
      [5, 9, 'datacentres[1].id: duplicate datacentre id "nj"; datacentres[0] already uses it'],
      [7, 11, 'datacentres[1].role: "nj" is already the primary; exactly one datacentre may have role primary'],
    ]);
    expect(problems(edited({ 4: '    role: secondary' }))).toEqual([[2, 3, 'datacentres: exactly one datacentre must have role primary; found none (the others are secondary)']]);
  });
});

describe('never throws', () => {
  test.each([
    ['an empty file', '', 'the file is empty; expected a mapping with keys datacentres and hosts (and optionally defaults, roles, networks)'],
    ['a scalar', 'hello', 'expected a mapping with keys datacentres and hosts (and optionally defaults, roles, networks), got "hello"'],
    ['a list', '- a\n- b', 'expected a mapping with keys datacentres and hosts (and optionally defaults, roles, networks), got a list'],
  ])('%s is a problem at line 1', (_, text, message) => {
    expect(problems(text)).toEqual([[1, 1, message]]);
  });

  test('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problems(bomb)[0]?.[2]).toMatch(/^YAML: Excessive alias count/);
  });

  test('binary junk and arbitrary text give problems with real positions', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = parseInventory(text, 'junk.yaml');
        expect(result.ok).toBe(false);
        if (!result.ok) for (const problem of result.problems) expect(problem.line >= 1 && problem.column >= 1 && problem.message.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('mutated inventories never throw', () => {
    fc.assert(
      fc.property(fc.nat(EXAMPLE.length - 1), fc.string({ maxLength: 8 }), (at, insert) => {
        const result = parseInventory(EXAMPLE.slice(0, at) + insert + EXAMPLE.slice(at + 1), 'mutated.yaml');
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    // 300 YAML parses and validations: about 1 s on a quiet machine, several
    // on a loaded one; the default 5 s timed out there with nothing wrong.
  }, 30_000);
});
