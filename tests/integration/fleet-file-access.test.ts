// fleet.loadInventory and fleet.importAnsible, called as a compromised
// renderer would (through the contract's dispatcher, any path it likes):
// only files chosen in the native dialog, or under the data folder or a
// folder allowed at start, are read or created. Symlinks cannot lead out.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dispatchCall } from '../../main/engine/dispatch/dispatch-call';
import { createEngine, type Engine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';

let dir: string;
let allowed: string;
let outside: string;
let engine: Engine;
let nextChoice: string | null = null;

const INVENTORY = 'datacentres:\n  - { id: nj, name: NJ, role: primary }\nhosts:\n  - { name: a.nj, address: 10.0.0.1, user: ops, os: debian, dc: nj }\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-file-access-'));
  allowed = join(dir, 'allowed');
  outside = join(dir, 'outside');
  await mkdir(allowed);
  await mkdir(outside);
  await writeFile(join(allowed, 'inventory.yaml'), INVENTORY);
  await writeFile(join(outside, 'secret.yaml'), INVENTORY);
  await writeFile(join(outside, 'hosts.ini'), '[imap]\nimap1.nj ansible_host=10.1.0.11\n');
  await symlink(join(outside, 'secret.yaml'), join(allowed, 'link-out.yaml'));
  engine = await createEngine({
    dataDir: join(dir, 'data'),
    demoFleet: 'never',
    secrets: new MemorySecretStore(),
    allowedFileRoots: [allowed],
    chooseFile: async () => nextChoice,
  });
}, 180_000);

afterAll(async () => {
  await engine?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const call = (method: string, input: unknown) => dispatchCall(engine.handlers, method, input);

test('a file outside every allowed folder is refused by name, and a relative path too', async () => {
  for (const path of ['/etc/passwd', join(outside, 'secret.yaml'), 'inventory.yaml', join(allowed, '..', 'outside', 'secret.yaml')]) {
    expect(await call('fleet.loadInventory', { path })).toMatchObject({ ok: false, error: { code: 'forbidden-path', message: expect.stringContaining(`OpsDeck will not open ${path}`) } });
  }
  expect(engine.fleet.current).toBeNull();
});

test('a symlink inside an allowed folder that leads out of it is refused', async () => {
  expect(await call('fleet.loadInventory', { path: join(allowed, 'link-out.yaml') })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
});

test('an import may neither read nor create a file outside the allowed folders', async () => {
  const created = join(outside, 'created.yaml');
  expect(await call('fleet.importAnsible', { path: join(outside, 'hosts.ini'), mappingPath: null, savePath: join(allowed, 'x.yaml') })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
  await writeFile(join(allowed, 'hosts.ini'), '[imap]\nimap1.nj ansible_host=10.1.0.11\n');
  expect(await call('fleet.importAnsible', { path: join(allowed, 'hosts.ini'), mappingPath: '/etc/shadow', savePath: join(allowed, 'x.yaml') })).toMatchObject({
    ok: false,
    error: { code: 'forbidden-path' },
  });
  expect(await call('fleet.importAnsible', { path: join(allowed, 'hosts.ini'), mappingPath: null, savePath: created })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
  expect(existsSync(created)).toBe(false);
  expect(existsSync(join(allowed, 'x.yaml'))).toBe(false);
});

test('files under an allowed folder and under the data folder are read', async () => {
  expect(await call('fleet.loadInventory', { path: join(allowed, 'inventory.yaml') })).toMatchObject({ ok: true, value: { hosts: [{ name: 'a.nj' }] } });
  await writeFile(join(dir, 'data', 'mine.yaml'), INVENTORY);
  expect(await call('fleet.loadInventory', { path: join(dir, 'data', 'mine.yaml') })).toMatchObject({ ok: true });
});

test('a file chosen in the native dialog is accepted wherever it is; a cancelled dialog grants nothing', async () => {
  nextChoice = null;
  expect(await call('fleet.chooseFile', { purpose: 'inventory' })).toEqual({ ok: true, value: { path: null } });
  expect(await call('fleet.loadInventory', { path: join(outside, 'secret.yaml') })).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
  nextChoice = join(outside, 'secret.yaml');
  expect(await call('fleet.chooseFile', { purpose: 'inventory' })).toEqual({ ok: true, value: { path: nextChoice } });
  expect(await call('fleet.loadInventory', { path: join(outside, 'secret.yaml') })).toMatchObject({ ok: true, value: { hosts: [{ name: 'a.nj' }] } });
});

test('without a native dialog (browser bridge) chooseFile says how to name a file instead', async () => {
  const bare = await createEngine({ dataDir: join(dir, 'bare'), demoFleet: 'never', secrets: new MemorySecretStore() });
  try {
    expect(await dispatchCall(bare.handlers, 'fleet.chooseFile', { purpose: 'inventory' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/no file dialog.*--allow-dir/) },
    });
  } finally {
    await bare.dispose();
  }
}, 180_000);
