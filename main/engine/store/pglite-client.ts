// SqlClient over PGlite: Postgres compiled to WASM, files in the app's data
// folder. No native module, so nothing to rebuild for Electron. A committed
// transaction has been written to the OS when query() returns, so it
// survives the process being killed (tests/integration/store-kill.test.ts).
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { emptyStoreTemplate } from './empty-store-template';
import type { SqlClient } from './sql-client';
import { errorMessage } from '../errors/error-message';

/**
 * Postgres's shared buffer pool lives inside the WASM heap and is reserved at
 * start: PGlite's 128 MB default was ~150 MB of the process's RSS before any
 * query (measured: an existing store opened at 310 MB RSS, 162 MB with 16 MB).
 * The store's working set is small and the OS page cache sits under it, so a
 * 16 MB pool costs little speed (README, bench:fleet).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export async function openPgliteClient(directory: string): Promise<SqlClient> {
  await mkdir(directory, { recursive: true });
  let db: PGlite;
  try {
    // A new store starts from the shipped empty one when it can (see empty-store-template.ts).
    const isNew = await access(join(directory, 'PG_VERSION')).then(
      () => false,
      () => true,
    );
    const template = isNew ? await emptyStoreTemplate() : null;
    db = await PGlite.create(directory, { startParams: START_PARAMS, ...(template ? { loadDataDir: new Blob([new Uint8Array(template)]) } : {}) });
  } catch (error) {
    throw new Error(`cannot open the embedded store in ${directory}: ${errorMessage(error)}`);
  }
  return {
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) => db.transaction((tx) => work({ query: async <Row>(sql: string, params: unknown[] = []) => (await tx.query<Row>(sql, params)).rows })),
    close: () => db.close(),
  };
}
