// A new data folder's store is unpacked from the shipped empty store
// (resources/empty-store.tgz) when that is whole and made by this PGlite;
// anything else falls back to initdb, never to a store of unknown origin.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { emptyStoreTemplate } from '../../../main/engine/store/empty-store-template';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';

const repo = process.cwd();
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-template-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the app's layout (resources + PGlite's package.json) under dir, with `record` as empty-store.json. */
async function fakeRoot(record: (real: { pgliteVersion: string; sha256: string }) => unknown, tarball?: Buffer): Promise<string> {
  await mkdir(join(dir, 'resources'));
  await mkdir(join(dir, 'node_modules', '@electric-sql', 'pglite'), { recursive: true });
  await cp(join(repo, 'node_modules', '@electric-sql', 'pglite', 'package.json'), join(dir, 'node_modules', '@electric-sql', 'pglite', 'package.json'));
  const real = JSON.parse(await readFile(join(repo, 'resources', 'empty-store.json'), 'utf8')) as { pgliteVersion: string; sha256: string };
  await writeFile(join(dir, 'resources', 'empty-store.json'), JSON.stringify(record(real)));
  await writeFile(join(dir, 'resources', 'empty-store.tgz'), tarball ?? (await readFile(join(repo, 'resources', 'empty-store.tgz'))));
  await mkdir(join(dir, 'main', 'engine'), { recursive: true });
  return join(dir, 'main', 'engine');
}

test('the shipped template matches the installed PGlite (else: node .ci/make-empty-store.mjs) and a new store opened from it works', async () => {
  const template = await emptyStoreTemplate();
  expect(template, 'resources/empty-store.tgz is missing, damaged or made by another PGlite: run node .ci/make-empty-store.mjs').not.toBeNull();
  const store = await openEmbeddedStore(join(dir, 'data'));
  try {
    await store.scans.beginRun({ runId: 'r1', startedAt: '2026-12-01T00:00:00Z', scope: { kind: 'fleet' }, operator: 'jdoe', fleet: 'demo', total: 0 });
    expect((await store.scans.recentRuns(5)).map((run) => run.runId)).toEqual(['r1']);
  } finally {
    await store.close();
  }
});

test('a template whose bytes do not match their recorded sha256 is not used', async () => {
  const damaged = Buffer.from(await readFile(join(repo, 'resources', 'empty-store.tgz')));
  damaged.writeUInt8(damaged.readUInt8(damaged.length - 100) ^ 0xff, damaged.length - 100);
  expect(await emptyStoreTemplate(await fakeRoot((real) => real, damaged))).toBeNull();
});

test('a template made by another PGlite version is not used; the same files with this version are', async () => {
  expect(await emptyStoreTemplate(await fakeRoot((real) => ({ ...real, pgliteVersion: '0.0.1' })))).toBeNull();
  await rm(join(dir, 'resources'), { recursive: true });
  await rm(join(dir, 'node_modules'), { recursive: true });
  expect(await emptyStoreTemplate(await fakeRoot((real) => real))).not.toBeNull();
});
