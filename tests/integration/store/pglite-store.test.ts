import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { migrate, MIGRATIONS } from '../../../main/engine/store/migrations';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { openPgliteClient } from '../../../main/engine/store/pglite-client';
import { describeScanStoreContract } from '../../support/scan-store-contract';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describeScanStoreContract('embedded PGlite', async () => openEmbeddedStore(await freshDir()));

test('migrations run once, in order, and are recorded', async () => {
  const sql = await openPgliteClient(join(await freshDir(), 'store'));
  expect(await migrate(sql)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(await migrate(sql)).toEqual([]);
  const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  await sql.close();
});

test('refuses a store written by a newer schema instead of corrupting it', async () => {
  const sql = await openPgliteClient(join(await freshDir(), 'store'));
  await migrate(sql);
  await sql.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
  await expect(migrate(sql)).rejects.toThrow(/newer OpsDeck \(schema version 999/);
  await sql.close();
});
