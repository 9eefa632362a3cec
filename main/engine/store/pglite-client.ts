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

export async function openPgliteClient(directory: string): Promise<SqlClient> {
  await mkdir(directory, { recursive: true });
  let db: PGlite;
  try {
    // A new store starts from the shipped empty one when it can (see empty-store-template.ts).
    const isNew = await access(join(directory, 'PG_VERSION')).then(() => false, () => true);
    const template = isNew ? await emptyStoreTemplate() : null;
    db = await PGlite.create(directory, template ? { loadDataDir: new Blob([new Uint8Array(template)]) } : {});
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
