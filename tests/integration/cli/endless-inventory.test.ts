// /dev/zero (an endless file) given wherever OpsDeck reads an operator's
// file: each is refused with a message naming the file, within a bounded
// time and without reading gigabytes (the old unbounded read took 9.9 GB in
// 60 s). The bounds below only guard against a hang; they are generous.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEngine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { readBoundedFile } from '../../../main/engine/inventory/read-bounded-file';
import { runOpsdeck } from '../../support/cli-run';

const ENDLESS = '/dev/zero';
const GUARD_MS = 60_000; // includes a cold start of the embedded store on a busy machine
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-endless-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const result = await work();
  expect(Date.now() - started).toBeLessThan(GUARD_MS);
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
  return result;
}

test('inventory check /dev/zero is refused naming the file', async () => {
  const result = await bounded(() => runOpsdeck(['inventory', 'check', ENDLESS]));
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/cannot read the inventory file \/dev\/zero: it is larger than 16777216 bytes \(or endless/);
});

test('inventory import-ansible /dev/zero, and a /dev/zero group mapping, are refused naming the file', async () => {
  const direct = await bounded(() => runOpsdeck(['inventory', 'import-ansible', ENDLESS]));
  expect(direct.code).toBe(2);
  expect(direct.stderr).toMatch(/cannot read \/dev\/zero: \/dev\/zero is larger than 16777216 bytes/);
  const ini = join(dir, 'hosts.ini');
  await writeFile(ini, '[imap]\nimap1.nj ansible_host=10.1.0.11\n');
  const mapping = await bounded(() => runOpsdeck(['inventory', 'import-ansible', ini, '--mapping', ENDLESS]));
  expect(mapping.code).toBe(2);
  expect(mapping.stderr).toMatch(/cannot read \/dev\/zero/);
});

test('scan --inventory /dev/zero is refused naming the file, exit 2', { timeout: 180_000 }, async () => {
  const dataDir = join(dir, 'scan-data');
  const result = await bounded(() => runOpsdeck(['scan', '--inventory', ENDLESS, '--data-dir', dataDir]));
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/\/dev\/zero:1:1: cannot read the inventory file \/dev\/zero: it is larger than/);
});

test('an inventory in settings, and settings.json itself, pointing at an endless file are refused naming it', { timeout: 180_000 }, async () => {
  const dataDir = join(dir, 'settings-data');
  const engine = await bounded(() => createEngine({ dataDir, inventoryPath: ENDLESS, demoFleet: 'never', secrets: new MemorySecretStore() }));
  try {
    expect(engine.startupProblems.join('\n')).toMatch(/\/dev\/zero.*larger than 16777216 bytes/);
    expect(engine.fleet.current).toBeNull();
  } finally {
    await engine.dispose();
  }
  const brokenDataDir = join(dir, 'endless-settings');
  await mkdir(brokenDataDir, { mode: 0o700 });
  await symlink(ENDLESS, join(brokenDataDir, 'settings.json'));
  await expect(bounded(() => createEngine({ dataDir: brokenDataDir, demoFleet: 'never', secrets: new MemorySecretStore() }))).rejects.toThrow(
    /cannot read settings .*settings\.json: .*larger than 1048576 bytes/,
  );
});

test('the bounded reader returns a file at exactly its bound and refuses one byte more', async () => {
  const file = join(dir, 'exact.bin');
  await writeFile(file, Buffer.alloc(4096, 0x61));
  expect((await readBoundedFile(file, 4096)).length).toBe(4096);
  await expect(readBoundedFile(file, 4095)).rejects.toThrow(`${file} is larger than 4095 bytes`);
});
