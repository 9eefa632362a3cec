// Reading the inventory file, and keeping the last good inventory in a running
// app while the file on disk is broken. Files live in a temp dir.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LastGoodInventory, loadInventoryFile } from '../../../main/engine/inventory/inventory-file';
import { parseInventory } from '../../../main/engine/inventory/parse-inventory';

const EXAMPLE_PATH = fileURLToPath(new URL('./two-datacentres.yaml', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-inventory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadInventoryFile', () => {
  test('reads and parses a file, naming it in problems', async () => {
    expect(await loadInventoryFile(EXAMPLE_PATH)).toMatchObject({ ok: true });
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'datacentres: [\n');
    const result = await loadInventoryFile(broken);
    expect(result).toMatchObject({ ok: false, problems: [{ file: broken, line: 2 }] });
  });

  test('a missing file is a problem naming the path', async () => {
    const missing = join(dir, 'nope.yaml');
    expect(await loadInventoryFile(missing)).toEqual({
      ok: false,
      problems: [{ file: missing, line: 1, column: 1, message: `cannot read the inventory file ${missing}: no such file (check the path in Settings)` }],
    });
  });

  test('a folder is a problem naming the path', async () => {
    expect(await loadInventoryFile(dir)).toEqual({
      ok: false,
      problems: [{ file: dir, line: 1, column: 1, message: `cannot read the inventory file ${dir}: it is a folder, not a file` }],
    });
  });
});

describe('LastGoodInventory', () => {
  test('keeps the last good inventory when an update is broken, and reports the problems', async () => {
    const good = parseInventory(await readFile(EXAMPLE_PATH, 'utf8'), 'fleet.yaml');
    const broken = parseInventory('hosts: [', 'fleet.yaml');
    const holder = new LastGoodInventory();
    expect(holder.current).toBeNull();
    expect(holder.update(good)).toBe(true);
    const first = holder.current;
    expect(first?.hosts).toHaveLength(8);
    expect(holder.stale).toBe(false);

    expect(holder.update(broken)).toBe(false);
    expect(holder.current).toBe(first);
    expect(holder.stale).toBe(true);
    expect(holder.lastProblems).toEqual([{ file: 'fleet.yaml', line: 1, column: 9, message: expect.stringMatching(/^YAML syntax:/) }]);

    const fixed = parseInventory((await readFile(EXAMPLE_PATH, 'utf8')).replace('name: Seattle, WA', 'name: Seattle'), 'fleet.yaml');
    expect(holder.update(fixed)).toBe(true);
    expect(holder.current?.datacentres[1]?.name).toBe('Seattle');
    expect(holder.lastProblems).toEqual([]);
    expect(holder.stale).toBe(false);
  });

  test('a broken first load leaves no inventory and its problems', () => {
    const holder = new LastGoodInventory();
    holder.update(parseInventory('', 'fleet.yaml'));
    expect(holder.current).toBeNull();
    expect(holder.stale).toBe(false);
    expect(holder.lastProblems).toHaveLength(1);
  });
});
