import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';
import { runOpsdeck } from '../../support/cli-run';
import { useTempDir } from '../../support/temp-dir';

const dir = useTempDir('opsdeck-inv-cli-');

test('inventory check accepts the documented two-datacentre example', async () => {
  const result = await runOpsdeck(['inventory', 'check', 'tests/unit/inventory/two-datacentres.yaml']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^OK .*: 2 datacentres \(nj primary, sea secondary\), \d+ hosts/);
});

test('inventory check names file, line and column of each problem and exits 2', async () => {
  const file = join(dir.path, 'broken.yaml');
  await writeFile(file, 'datacentres:\n  - id: nj\n    name: NJ\n    role: primary\nhosts:\n  - name: a.nj\n    address: 10.0.0.1\n    user: ops\n    os: windows\n    dc: nj\n');
  const result = await runOpsdeck(['inventory', 'check', file]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:9:\\d+: .*windows`));
});

test('import-ansible prints OpsDeck YAML that parses, with warnings on stderr', async () => {
  const file = join(dir.path, 'hosts.ini');
  await writeFile(file, '[imap]\nimap1.nj ansible_host=10.1.0.11 ansible_user=ops\n[db]\ndb1.nj ansible_host=10.1.0.21 ansible_user=ops ansible_ssh_common_args="-o ProxyJump=ops@bastion.nj:2222"\n');
  const result = await runOpsdeck(['inventory', 'import-ansible', file]);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('warning:');
  const parsed = parseInventory(result.stdout, 'imported.yaml');
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    expect(parsed.inventory.hosts.map((h) => h.name).sort()).toEqual(['db1.nj', 'imap1.nj']);
    expect(parsed.inventory.hosts.find((h) => h.name === 'db1.nj')!.jumps).toMatchObject([{ address: 'bastion.nj', port: 2222, user: 'ops' }]);
  }
});

test('bad usage exits 2 with the usage line', async () => {
  const result = await runOpsdeck(['inventory', 'check']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('usage: opsdeck inventory check FILE');
});
