// Opens the embedded store in a data folder and brings its schema up to date.
import { join } from 'node:path';
import { IntegrityCheckStore } from './integrity-check-store';
import { migrate } from './migrations';
import { openPgliteClient } from './pglite-client';
import { RestoreTestStore } from './restore-test-store';
import { ScanStore } from './scan-store';
import type { SqlClient } from './sql-client';

export interface OpenedStore {
  scans: ScanStore;
  restoreTests: RestoreTestStore;
  integrityChecks: IntegrityCheckStore;
  sql: SqlClient;
  close(): Promise<void>;
}

export async function openEmbeddedStore(dataDir: string): Promise<OpenedStore> {
  const sql = await openPgliteClient(join(dataDir, 'store'));
  await migrate(sql);
  return { scans: new ScanStore(sql), restoreTests: new RestoreTestStore(sql), integrityChecks: new IntegrityCheckStore(sql), sql, close: () => sql.close() };
}
