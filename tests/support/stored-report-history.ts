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

/** Registers beforeAll/afterAll: the folder, the inventory and the store, seeded by `seed` (storeScan…). */
export function useStoredReportHistory(prefix: string, seed: (scans: ScanStore) => Promise<void>): StoredReportHistory {
  const dir = useTempDir(prefix);
  const history: StoredReportHistory = {
    get dir() {
      return dir.path;
    },
    get dataDir() {
      return join(dir.path, 'data');
    },
    get inventory() {
      return join(dir.path, 'fleet.yaml');
    },
  };
  beforeAll(async () => {
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
