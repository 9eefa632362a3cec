// `networks:`: per-site copies of one logical network, validated with
// file:line:column problems like the rest of the inventory.
import { expect, test } from 'vitest';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';

const inventory = (networks: string[]) =>
  [
    'datacentres:',
    '  - { id: nj, name: Bridgewater, role: primary }',
    '  - { id: sea, name: Seattle, role: secondary }',
    'defaults: { user: ops }',
    ...networks,
    'hosts:',
    '  - { name: imap1.nj, address: 10.1.0.11, os: debian, dc: nj }',
  ].join('\n');

test("names each site's copy of a logical network, one block or several", () => {
  const result = parseInventory(inventory(['networks:', '  mgmt: { nj: 10.1.0.0/24, sea: [10.2.0.0/24, "fd00:2::/64"] }']), 'inv.yaml');
  expect(result.ok && result.inventory.networks).toEqual({ mgmt: { nj: ['10.1.0.0/24'], sea: ['10.2.0.0/24', 'fd00:2::/64'] } });
});

test('an inventory without networks has none', () => {
  const result = parseInventory(inventory([]), 'inv.yaml');
  expect(result.ok && result.inventory.networks).toBeUndefined();
});

test('an unknown datacentre and a bad block are problems at their line and column, in one run', () => {
  const result = parseInventory(inventory(['networks:', '  mgmt:', '    nj: 10.1.0.0/33', '    lon: 10.3.0.0/24']), 'inv.yaml');
  expect(result.ok).toBe(false);
  const problems = result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  expect(problems).toEqual([expect.stringMatching(/^inv\.yaml:7:9: .*prefix length must be 0-32/)]);
  const unknown = parseInventory(inventory(['networks:', '  mgmt:', '    nj: 10.1.0.0/24', '    lon: 10.3.0.0/24']), 'inv.yaml');
  expect(unknown.ok ? [] : unknown.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
    expect.stringMatching(/^8:5: .*unknown datacentre "lon" in network "mgmt"; expected one of nj, sea/),
  ]);
});

test('"any" is not a site\'s network', () => {
  const result = parseInventory(inventory(['networks: { mgmt: { nj: any } }']), 'inv.yaml');
  expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([expect.stringContaining('"any" is not a site\'s network')]);
});
