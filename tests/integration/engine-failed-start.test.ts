// A start that fails half-way leaves nothing behind: the audit log's lock, the
// store and a demo fleet that had begun are all closed again, so the next
// start in the same process (the app retrying, a test) works and names no
// lock "in use by process" itself.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createEngine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { migrate } from '../../main/engine/store/migrations';
import { openPgliteClient } from '../../main/engine/store/pglite-client';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir('opsdeck-failed-start-');
const secrets = new MemorySecretStore();

/** The TCP servers this process holds open (a demo fleet's sshds among them). */
function listeningServers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
}

async function startsAndStops(dataDir: string): Promise<void> {
  const engine = await createEngine({ dataDir, demoFleet: 'never', secrets });
  await engine.dispose();
}

test('a demo fleet whose inventory cannot be written: the start fails naming it, the fleet is stopped, and the next start works', async () => {
  const dataDir = join(dir.path, 'demo-inventory-blocked');
  // A folder where the demo inventory file goes: the fleet starts, then its inventory cannot be written.
  await mkdir(join(dataDir, 'demo-fleet', 'demo-inventory.yaml'), { recursive: true });
  const serversBefore = listeningServers();
  await expect(createEngine({ dataDir, demoFleet: 'always', secrets })).rejects.toThrow(/demo-inventory\.yaml/);
  expect(listeningServers()).toBe(serversBefore);
  await rm(join(dataDir, 'demo-fleet', 'demo-inventory.yaml'), { recursive: true });
  await startsAndStops(dataDir);
}, 60_000);

test('a store from a newer OpsDeck: the start fails naming the schema version, and once the store is replaced the next start works', async () => {
  const dataDir = join(dir.path, 'newer-store');
  const sql = await openPgliteClient(join(dataDir, 'store'));
  await migrate(sql);
  await sql.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
  await sql.close();
  await expect(createEngine({ dataDir, demoFleet: 'never', secrets })).rejects.toThrow(/schema version 999/);
  await rm(join(dataDir, 'store'), { recursive: true });
  await startsAndStops(dataDir);
}, 60_000);

test('a data folder whose store is a file: the start fails, and once it is moved away the next start works', async () => {
  const dataDir = join(dir.path, 'store-is-a-file');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'store'), 'not a database\n');
  await expect(createEngine({ dataDir, demoFleet: 'never', secrets })).rejects.toThrow();
  await rm(join(dataDir, 'store'));
  await startsAndStops(dataDir);
}, 60_000);
