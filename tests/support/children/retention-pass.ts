// Child process for the retention kill -9 test: runs one retention pass in
// batches of 2, appending each batch's intent to a file (written and fsynced,
// as the engine's audit log does) before the batch's deletion commits, and
// printing "committed N" after each commit.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { applyScanRetention } from '../../../main/engine/store/scan-retention';

const [dataDir, intentsPath, cutoff] = process.argv.slice(2) as [string, string, string];
const store = await openEmbeddedStore(dataDir);
let batches = 0;
await applyScanRetention(store.sql, new Date(cutoff), {
  batchSize: 2,
  recordIntent: async (intent) => {
    const fd = openSync(intentsPath, 'a');
    writeSync(fd, JSON.stringify(intent) + '\n');
    fsyncSync(fd);
    closeSync(fd);
  },
  shouldStop: () => {
    if (batches > 0) process.stdout.write(`committed ${batches}\n`);
    batches += 1;
    return false;
  },
});
process.stdout.write('pass finished\n');
await store.close();
