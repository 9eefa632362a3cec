// The inventory's staff list (who may hold logins, with their key
// fingerprints), role staff and datacentre log hosts: resolved into each
// host's access policy, and every mistake a problem at its line and column.
import { describe, expect, test } from 'vitest';
import { hostPolicy } from '../../../main/engine/fleet/host-policy';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';

const ALICE = 'SHA256:2Kx4bN0bOQ3v8sT9Yk7m1Yq0oC5f3f0pD8tqv3j6kLc';
const CAROL = 'SHA256:9f3Lq1Zr6m0Pp5o4a2Wx8sQeTt7yUu1iIo0pAa3sDd4';

const BASE = [
  'datacentres:', //                                                     1
  '  - { id: nj, name: NJ, role: primary, log_hosts: [log1.nj] }', //   2
  '  - { id: sea, name: SEA, role: secondary }', //                     3
  'defaults: { user: ops }', //                                         4
  'staff:', //                                                          5
  `  - { name: Alice Ng, keys: ["${ALICE}"] }`, //                      6
  `  - { name: Carol, accounts: [carol, cb], keys: ["${CAROL}"], left: 2026-06-30 }`, // 7
  'roles:', //                                                          8
  '  imap: { staff: [Alice Ng], require_2fa: true }', //                9
  '  web: {}', //                                                       10
  'hosts:', //                                                          11
  '  - { name: imap1.nj, address: 10.1.0.11, os: debian, dc: nj, roles: [imap] }', // 12
  '  - { name: web1.sea, address: 10.2.0.11, os: debian, dc: sea, roles: [web] }', // 13
];

function edited(lines: Record<number, string>): string {
  return BASE.map((line, index) => lines[index + 1] ?? line).join('\n');
}

function problems(text: string): Array<[number, number, string]> {
  const result = parseInventory(text, 'inventory.yaml');
  if (result.ok) return [];
  return result.problems.map((problem) => [problem.line, problem.column, problem.message]);
}

describe('staff list', () => {
  test("resolves into each host's access policy: allowed names per role, former staff kept, log hosts per site", () => {
    const result = parseInventory(BASE.join('\n'), 'inventory.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { inventory } = result;
    expect(inventory.staff).toEqual([
      // "alice ng" is no login name, so Alice has no account of her own until the file lists one.
      { name: 'Alice Ng', accounts: [], keys: [ALICE], left: null },
      { name: 'Carol', accounts: ['carol', 'cb'], keys: [CAROL], left: '2026-06-30' },
    ]);
    const imap = hostPolicy(inventory, inventory.hosts[0]!).access!;
    expect(imap).toMatchObject({ allowed: ['Alice Ng'], require2fa: true, logHosts: ['log1.nj'] });
    // A role that names no staff allows every current member; a site with no log host does not judge forwarding.
    const web = hostPolicy(inventory, inventory.hosts[1]!).access!;
    expect(web).toMatchObject({ allowed: ['Alice Ng'], require2fa: false, logHosts: null });
  });

  test('a malformed fingerprint, a bad date and an unknown key are named where they are', () => {
    expect(problems(edited({ 6: '  - { name: Alice Ng, keys: ["MD5:aa:bb"] }' }))).toEqual([
      [6, 30, 'staff[0].keys[0]: "MD5:aa:bb" is not a key fingerprint such as SHA256:ADr…Q (43 base64 characters, as ssh-keygen -lf prints it)'],
    ]);
    expect(problems(edited({ 7: `  - { name: Carol, keys: ["${CAROL}"], left: last year }` }))[0]).toMatchObject([
      7,
      expect.any(Number),
      expect.stringContaining('"last year" is not a date such as 2026-09-30'),
    ]);
    expect(problems(edited({ 6: `  - { name: Alice Ng, keys: ["${ALICE}"], email: a@example.org }` }))[0]![2]).toContain('expected one of name, accounts, keys, left');
  });

  test('a role naming someone not on the list, a duplicate name and a key listed for two people are problems', () => {
    expect(problems(edited({ 9: '  imap: { staff: [Alice Ng, Bob] }' }))).toEqual([[9, 29, 'roles.imap.staff[1]: unknown staff member "Bob"; staff listed: Alice Ng, Carol']]);
    expect(problems(edited({ 7: `  - { name: Alice Ng, keys: ["${CAROL}"] }` }))[0]).toEqual([7, 13, 'staff[1].name: duplicate staff name "Alice Ng"; staff[0] already uses it']);
    expect(problems(edited({ 7: `  - { name: Carol, keys: ["${ALICE}"] }` }))[0]![2]).toBe(`staff[1].keys[0]: key ${ALICE} is already listed for "Alice Ng"; a key belongs to one person`);
  });

  test('a log host that is not a host name is refused', () => {
    expect(problems(edited({ 2: '  - { id: nj, name: NJ, role: primary, log_hosts: ["log1.nj; rm -rf /"] }' }))[0]![2]).toContain('datacentres[0].log_hosts[0]: expected a host name or address');
  });
});
