// The folder a report test starts from: the two-site report inventory as
// `fleet.yaml` and a data folder whose store holds the scans the test seeds
// (see report-history.ts), made once before the file's tests.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { openEmbeddedStore } from '../../main/engine/store/open-store';
import type { ScanStore } from '../../main/engine/store/scan-store';
import { REPORT_INVENTORY_YAML } from './report-history';
import { useTempDir } from './temp-dir';

export interface StoredReportHistory {
  /** The file's own folder, for what the tests write. */
  readonly dir: string;
  readonly dataDir: string;
  /** The inventory file, for `--inventory`. */
  readonly inventory: string;
}

/** Registers beforeAll/afterAll: the folder, the inventory and the store, seeded by `seed` (storeScan…); the fields are set once beforeAll has run. */
export function useStoredReportHistory(prefix: string, seed: (scans: ScanStore) => Promise<void>): StoredReportHistory {
  const dir = useTempDir(prefix);
  const history = {} as { dir: string; dataDir: string; inventory: string };
  beforeAll(async () => {
    Object.assign(history, { dir: dir.path, dataDir: join(dir.path, 'data'), inventory: join(dir.path, 'fleet.yaml') });
    await writeFile(history.inventory, REPORT_INVENTORY_YAML);
    const store = await openEmbeddedStore(history.dataDir);
    try {
      await seed(store.scans);
    } finally {
      await store.close();
    }
  });
  return history;
}
