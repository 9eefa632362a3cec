import { expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { useBundledChild } from '../../support/bundle-for-child';
import { runUntilKilled } from '../../support/kill-child';
import { useTempDir } from '../../support/temp-dir';

const child = useBundledChild('tests/support/children/store-writer.ts');
const dataDir = useTempDir('opsdeck-store-kill-');

/** Starts the writer, waits until it has committed `atLeast` results, kills it with SIGKILL; returns the hosts it reported committed. */
async function writeThenKill(atLeast: number): Promise<string[]> {
  const lines = await runUntilKilled(child.path, [dataDir.path], (committed) => committed.length >= atLeast);
  return lines.map((line) => line.replace('committed ', ''));
}

test('every committed host result survives a kill -9 of the writing process, twice over', async () => {
  const first = await writeThenKill(25);
  const second = await writeThenKill(10);
  const store = await openEmbeddedStore(dataDir.path);
  try {
    for (const host of [...first, ...second]) {
      const detail = await store.scans.latestHostDetail(host);
      expect(detail?.outputs, `${host} lost`).toHaveLength(2);
    }
  } finally {
    await store.close();
  }
}, 120_000);
