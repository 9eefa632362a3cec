// The README's inventory section shows the example file and the problems
// a few mistakes in it produce; this keeps both true.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { formatInventoryProblem } from '../../../main/engine/inventory/inventory-problem';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';

const FORMAT = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8')
  .split('## The inventory file')[1]!
  .split(/\n## /)[0]!;
const EXAMPLE = readFileSync(fileURLToPath(new URL('./two-datacentres.yaml', import.meta.url)), 'utf8');

test('the example in the README is two-datacentres.yaml', () => {
  const firstYamlBlock = /```yaml\n([\s\S]*?)```/.exec(FORMAT)?.[1];
  expect(firstYamlBlock).toBe(EXAMPLE);
});

test.each([
  ['an unknown os', '    os: smartos\n    dc: nj', '    os: windows\n    dc: nj'],
  ['a missing dc', 'os: debian, dc: nj, roles: [imap]', 'os: debian, roles: [imap]'],
  ['an unknown dc', 'address: 10.1.0.21, os: debian, dc: nj', 'address: 10.1.0.21, os: debian, dc: bos'],
  ['a reversed port range', '"6000-6010"', '"6010-6000"'],
])('the problem the README shows for %s is the one the parser gives', (_, from, to) => {
  const result = parseInventory(EXAMPLE.replace(from, to), 'fleet.yaml');
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.problems).toHaveLength(1);
    expect(FORMAT).toContain(`\n${formatInventoryProblem(result.problems[0]!)}\n`);
  }
});
