// Importing Ansible inventories (INI and YAML) into OpsDeck inventory YAML:
// groups, children and vars as Ansible resolves them, jump hosts from ssh
// args, placement through a mapping or warnings without one, and a result
// that parseInventory accepts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { importAnsibleInventory, parseAnsibleMapping, type AnsibleMapping } from '../../../main/engine/inventory/ansible-import';
import type { HostEntry, Inventory } from '../../../main/engine/inventory/inventory-schema';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./ansible/${name}`, import.meta.url)), 'utf8');
const INI = fixture('hosts.ini');
const YAML_INVENTORY = fixture('inventory.yml');

function mappingFixture(): AnsibleMapping {
  const parsed = parseAnsibleMapping(fixture('mapping.yaml'), 'mapping.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.mapping;
}

/** Imports, checks the YAML round-trips through parseInventory, and returns both. */
function imported(text: string, file: string, mapping?: AnsibleMapping): { inventory: Inventory; warnings: string[]; yaml: string } {
  const result = importAnsibleInventory(text, file, mapping);
  if (!('yaml' in result)) throw new Error(`expected an import, got ${JSON.stringify(result.problems)}`);
  const parsed = parseInventory(result.yaml, 'imported.yaml');
  if (!parsed.ok) throw new Error(`the imported YAML does not parse: ${JSON.stringify(parsed.problems)}`);
  return { inventory: parsed.inventory, warnings: result.warnings, yaml: result.yaml };
}

function host(inventory: Inventory, name: string): HostEntry {
  const found = inventory.hosts.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no host ${name}`);
  return found;
}

function problemsOf(text: string, file: string, mapping?: AnsibleMapping): Array<[number, number, string]> {
  const result = importAnsibleInventory(text, file, mapping);
  if ('yaml' in result) throw new Error('expected problems, got an import');
  return result.problems.map((problem) => [problem.line, problem.column, problem.message]);
}

describe.each([
  ['INI', INI, 'hosts.ini'],
  ['YAML', YAML_INVENTORY, 'inventory.yml'],
])('the two-datacentre fleet as Ansible %s', (_, text, file) => {
  test('without a mapping: every host imports, in dc unassigned, with its groups as roles', () => {
    const { inventory, warnings } = imported(text, file);
    expect(inventory.datacentres).toEqual([{ id: 'unassigned', name: 'Unassigned (edit: hosts whose datacentre was not known)', role: 'primary', bastion: null }]);
    expect(inventory.hosts.map((h) => h.name)).toEqual(['imap1.nj', 'mx1.nj', 'db1.nj', 'cn1.nj', 'imap1.sea', 'mx1.sea', 'db1.sea', 'cn1.sea']);
    expect(host(inventory, 'imap1.nj')).toMatchObject({ os: 'auto', dc: 'unassigned', roles: ['imap', 'mail', 'nj'] });
    expect(warnings).toEqual([
      "dc for 8 hosts: no mapping for groups compute, db, imap, mail, mx, nj, sea; they were put in dc 'unassigned'",
      "os for 8 hosts: no mapping for groups compute, db, imap, mail, mx, nj, sea; they were set to 'auto' (detected when scanned)",
    ]);
  });

  test('connection vars: all:vars, then group vars, then host vars', () => {
    const { inventory } = imported(text, file);
    expect(host(inventory, 'imap1.nj')).toMatchObject({ address: '10.1.0.11', port: 22, user: 'ops', identity: '~/.ssh/id_ed25519', explicit: ['address', 'user', 'identity'] });
    expect(host(inventory, 'db1.nj')).toMatchObject({ port: 2222, user: 'ops' });
    expect(host(inventory, 'cn1.sea')).toMatchObject({ user: 'root', address: '10.2.0.41' });
  });

  test('ProxyJump from group vars (one hop, and ProxyCommand ssh -W) and from host vars (two hops)', () => {
    const { inventory } = imported(text, file);
    expect(host(inventory, 'mx1.nj')).toMatchObject({ jumpsFrom: 'host', jumps: [{ address: '203.0.113.10', port: 22, user: 'ops' }] });
    expect(host(inventory, 'mx1.sea')).toMatchObject({ jumpsFrom: 'host', jumps: [{ address: '198.51.100.10', port: 2222, user: 'ops' }] });
    expect(host(inventory, 'db1.sea').jumps).toEqual([
      { address: '203.0.113.10', port: 22, user: 'ops', explicit: ['address', 'port', 'user'] },
      { address: '10.2.0.2', port: 22, user: 'ops', explicit: ['address', 'user'] },
    ]);
  });

  test('with the mapping: datacentres, bastions, os and roles, and no warnings', () => {
    const { inventory, warnings } = imported(text, file, mappingFixture());
    expect(warnings).toEqual([]);
    expect(inventory.datacentres.map((dc) => [dc.id, dc.role, dc.bastion?.address])).toEqual([
      ['nj', 'primary', '203.0.113.10'],
      ['sea', 'secondary', '198.51.100.10'],
    ]);
    expect(inventory.hosts.map((h) => [h.name, h.dc, h.os, h.roles.join(',')])).toEqual([
      ['imap1.nj', 'nj', 'debian', 'imap'],
      ['mx1.nj', 'nj', 'debian', 'mx'],
      ['db1.nj', 'nj', 'debian', 'db'],
      ['cn1.nj', 'nj', 'smartos', 'compute'],
      ['imap1.sea', 'sea', 'debian', 'imap'],
      ['mx1.sea', 'sea', 'debian', 'mx'],
      ['db1.sea', 'sea', 'debian', 'db'],
      ['cn1.sea', 'sea', 'smartos', 'compute'],
    ]);
    // The group's ProxyJump is the datacentre's bastion, so it is said once, there.
    expect(host(inventory, 'imap1.nj')).toMatchObject({ jumpsFrom: 'datacentre', jumps: [{ address: '203.0.113.10', user: 'ops', port: 22 }] });
    expect(host(inventory, 'mx1.sea')).toMatchObject({ jumpsFrom: 'datacentre', jumps: [{ address: '198.51.100.10', port: 2222 }] });
    expect(host(inventory, 'db1.sea')).toMatchObject({ jumpsFrom: 'host', jumps: [{ address: '203.0.113.10' }, { address: '10.2.0.2' }] });
    expect(inventory.roles['compute']?.patchSlaHours).toBe(72);
    expect(inventory.roles['imap']?.allowedPorts).toEqual([{ proto: 'tcp', ports: { from: 993, to: 993 }, from: ['any'] }]);
  });
});

test('INI and YAML forms of the same fleet import to the same inventory', () => {
  expect(imported(INI, 'hosts.ini', mappingFixture()).inventory).toEqual(imported(YAML_INVENTORY, 'inventory.yml', mappingFixture()).inventory);
});

test('the imported YAML is readable: a header, flow lists, nothing left for the reader to guess', () => {
  const { yaml } = imported(INI, 'hosts.ini', mappingFixture());
  expect(yaml.split('\n').slice(0, 2)).toEqual(['# OpsDeck inventory imported from hosts.ini.', '# Review each datacentre, os and roles before scanning (see the inventory section of the README).']);
  expect(yaml).toContain('    roles: [imap]\n');
});

describe('Ansible variable precedence', () => {
  const ini = [
    'h0 ansible_host=10.0.0.9',
    '[parent:children]',
    'child',
    '[child]',
    'h1',
    'h2 ansible_port=4444',
    'web[01:02].example.net:2200',
    '[aa]',
    'h1',
    '[zz]',
    'h1',
    '[parent:vars]',
    'ansible_port=1111',
    'ansible_user=parent',
    '[child:vars]',
    'ansible_port=2222',
    '[aa:vars]',
    'ansible_user=aa',
    '[zz:vars]',
    'ansible_user=zz',
    '[all:vars]',
    'ansible_port=3333',
    'ansible_user=ops',
  ].join('\n');

  test('a nested group beats its parent, a host var beats both, all:vars is the floor, equal depth goes by name', () => {
    const { inventory } = imported(ini, 'hosts');
    expect(host(inventory, 'h0')).toMatchObject({ port: 3333, user: 'ops', address: '10.0.0.9' });
    expect(host(inventory, 'h1')).toMatchObject({ port: 2222, user: 'zz' });
    expect(host(inventory, 'h2')).toMatchObject({ port: 4444, user: 'parent' });
  });

  test('host ranges and host:port expand to one host each', () => {
    const { inventory } = imported(ini, 'hosts');
    expect(inventory.hosts.filter((h) => h.name.startsWith('web')).map((h) => [h.name, h.port])).toEqual([
      ['web01.example.net', 2200],
      ['web02.example.net', 2200],
    ]);
  });

  test('hosts in no group import with no roles, and the warning names them', () => {
    const { inventory, warnings } = imported(ini, 'hosts');
    expect(host(inventory, 'h0').roles).toEqual([]);
    expect(warnings).toContain('roles for 1 host (h0): no group gives a role; they were imported with no roles');
  });

  test('the same precedence holds in YAML', () => {
    const yaml = [
      'all:',
      '  vars: { ansible_port: 3333, ansible_user: ops }',
      '  children:',
      '    parent:',
      '      vars: { ansible_port: 1111 }',
      '      children:',
      '        child:',
      '          vars: { ansible_port: 2222 }',
      '          hosts:',
      '            h1:',
      '            h2: { ansible_port: 4444 }',
      '            db[a:b].sea:',
    ].join('\n');
    const { inventory } = imported(yaml, 'inventory.yaml');
    expect(inventory.hosts.map((h) => [h.name, h.port, h.roles.join(',')])).toEqual([
      ['h1', 2222, 'child,parent'],
      ['h2', 4444, 'child,parent'],
      ['dba.sea', 2222, 'child,parent'],
      ['dbb.sea', 2222, 'child,parent'],
    ]);
  });
});

describe('what cannot be used is said, not guessed', () => {
  test('no user anywhere: defaults.user becomes root, with a warning', () => {
    const { inventory, warnings } = imported('[web]\nweb1\n', 'hosts');
    expect(inventory.defaults.user).toBe('root');
    expect(host(inventory, 'web1')).toMatchObject({ user: 'root', explicit: [] });
    expect(warnings).toContain("user for 1 host: no ansible_user and no defaults.user in the mapping; defaults.user was set to 'root' (Ansible would use ~/.ssh/config or your login name): edit it");
  });

  test('Jinja templates, unsupported ProxyCommands and non-SSH connections are warnings naming the host', () => {
    const ini = [
      '[web]',
      `web1 ansible_user="{{ vault_user }}" ansible_ssh_common_args="-o ProxyCommand='nc -X connect -x proxy:3128 %h %p'"`,
      'web2 ansible_connection=local',
      '[all:vars]',
      'ansible_user=ops',
    ].join('\n');
    const { inventory, warnings } = imported(ini, 'hosts');
    expect(host(inventory, 'web1')).toMatchObject({ user: 'root', jumps: [] });
    expect(warnings).toEqual(
      expect.arrayContaining([
        'web1: ansible_user is a Jinja template ({{ vault_user }}); OpsDeck does not evaluate templates, so it was left out',
        `web1: ansible_ssh_common_args: ProxyCommand "nc -X connect -x proxy:3128 %h %p" is not "ssh -W %h:%p [user@]bastion"; use ProxyJump instead; imported without that jump host (add proxy_jump by hand)`,
        'web2: ansible_connection is local; OpsDeck always connects over SSH',
      ]),
    );
  });

  test('a group mapped to an undescribed datacentre creates it, and one becomes primary', () => {
    const { inventory, warnings } = imported(INI, 'hosts.ini', { groups: { nj: { dc: 'nj' }, sea: { dc: 'sea' } } });
    expect(inventory.datacentres.map((dc) => [dc.id, dc.name, dc.role])).toEqual([
      ['nj', 'nj', 'primary'],
      ['sea', 'sea', 'secondary'],
    ]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        "datacentre 'nj' is named in the mapping but not described under datacentres; it was created with name 'nj' (edit its name, role and bastion)",
        "no datacentre is primary; 'nj' was made primary (edit the roles if that is wrong)",
      ]),
    );
    expect(warnings.some((warning) => warning.startsWith('dc for'))).toBe(false);
  });

  test('groups that disagree on the dc: the most specific wins, with a warning', () => {
    const ini = '[nj]\nx1\n[sea_db]\nx1\n[sea:children]\nsea_db\n[all:vars]\nansible_user=ops\n';
    const { inventory, warnings } = imported(ini, 'hosts', {
      datacentres: [
        { id: 'nj', name: 'NJ', role: 'primary' },
        { id: 'sea', name: 'SEA', role: 'secondary' },
      ],
      groups: { sea_db: { roles: ['db'] } },
    });
    expect(host(inventory, 'x1')).toMatchObject({ dc: 'nj', roles: ['db'] });
    expect(warnings).toContain('x1: groups disagree on the dc (nj: nj, sea: sea); used nj from the most specific group, nj');
  });
});

describe('problems name the line and column in the Ansible file', () => {
  test('INI: unsafe host name, bad port, unknown section, open quote', () => {
    const ini = ['[web]', 'web1 ansible_port=22x', '  -oProxyCommand=touch', '[web:bogus]', `web2 ansible_host='10.0.0.1`].join('\n');
    expect(problemsOf(ini, 'hosts.ini')).toEqual([
      [2, 6, '[web] web1: ansible_port: expected a port 1-65535, got "22x"'],
      [4, 1, 'unknown section [web:bogus]; expected a section header [group], [group:children] or [group:vars]'],
      [5, 19, "[web]: unterminated ' quote"],
    ]);
    expect(problemsOf('[web]\n  -oProxyCommand=touch\n', 'hosts.ini')).toEqual([
      [2, 3, `host "-oProxyCommand=touch" starts with '-', so ssh would read it as an option; host names are passed to ssh and must be plain words`],
    ]);
  });

  test('INI: an unsafe user in group vars, and an unsafe jump host', () => {
    const ini = ['[web]', 'web1', '[web:vars]', 'ansible_user=-lroot', `ansible_ssh_common_args='-J "ops@-oProxyCommand=x"'`].join('\n');
    expect(problemsOf(ini, 'hosts.ini')).toEqual([
      [4, 1, `[web:vars] ansible_user: "-lroot" starts with '-', so ssh would read it as an option`],
      [5, 1, `[web:vars] ansible_ssh_common_args: jump host "ops@-oProxyCommand=x" starts with '-', so ssh would read it as an option`],
    ]);
  });

  test('YAML: hosts written as a list, an unsafe var, a syntax error', () => {
    const yaml = ['all:', '  children:', '    web:', '      hosts: [web1, web2]', '    db:', '      hosts:', '        db1: { ansible_host: "10.0.0.1 -p 2" }'].join('\n');
    expect(problemsOf(yaml, 'inventory.yml')).toEqual([
      [4, 14, 'group web: hosts: expected a mapping of host names (each name followed by ":"), got a list'],
      [7, 16, 'db/db1: ansible_host: "10.0.0.1 -p 2" contains whitespace'],
    ]);
    expect(problemsOf('all:\n  hosts: { a: [ }\n', 'inventory.yml')[0]?.slice(0, 2)).toEqual([2, 17]);
  });

  test('no hosts at all', () => {
    expect(problemsOf('# nothing here\n', 'hosts')).toEqual([[1, 1, 'no hosts found; expected INI [group] sections with host lines, or YAML all: with hosts: and children:']]);
  });
});

describe('the mapping file', () => {
  test('parses, and its problems point at the line and column', () => {
    expect(parseAnsibleMapping(fixture('mapping.yaml'), 'mapping.yaml').ok).toBe(true);
    const broken = ['datacentres:', '  - { id: nj, name: NJ, role: primary }', '  - { id: sea, name: SEA, role: primary }', 'groups:', '  nj: { dc: NJ, os: windows }'].join('\n');
    const result = parseAnsibleMapping(broken, 'mapping.yaml');
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [5, 13, 'groups.nj.dc: expected a datacentre id (lowercase letters, digits and "-"), got "NJ"'],
      [5, 21, 'groups.nj.os: expected one of debian, smartos, auto, got "windows"'],
    ]);
    const twoPrimaries = parseAnsibleMapping(broken.replace('dc: NJ, os: windows', 'dc: nj'), 'mapping.yaml');
    expect(twoPrimaries.ok ? [] : twoPrimaries.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, 33, 'datacentres[1].role: "nj" is already the primary; at most one datacentre may be primary'],
    ]);
  });

  test('a mapping built in code is checked too', () => {
    expect(problemsOf(INI, 'hosts.ini', { groups: { nj: { dc: 'New Jersey' } } })).toEqual([[1, 1, 'mapping: groups.nj.dc: expected a datacentre id (lowercase letters, digits and "-")']]);
  });
});

describe('format detection and robustness', () => {
  test('a file without a telling extension is read as YAML or INI by its content', () => {
    expect(imported('all:\n  hosts:\n    a.example.net: { ansible_user: ops }\n', 'hosts').inventory.hosts[0]?.name).toBe('a.example.net');
    expect(imported('; comment\n[web]\nweb1 ansible_user=ops # inline comment\n', 'hosts').inventory.hosts[0]).toMatchObject({ name: 'web1', user: 'ops' });
  });

  test('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('hosts', 'hosts.ini', 'inventory.yml'), (text, file) => {
        const result = importAnsibleInventory(text, file);
        expect('yaml' in result || result.problems.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
