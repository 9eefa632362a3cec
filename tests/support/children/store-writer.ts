// Child process for the kill -9 test: writes host results forever and
// prints the id of each one after its transaction has committed.
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { hostDetail } from '../scan-store-contract';

const dataDir = process.argv[2]!;
const store = await openEmbeddedStore(dataDir);
const runId = `run-${process.pid}`;
await store.scans.beginRun({ runId, startedAt: new Date().toISOString(), scope: { kind: 'fleet' }, operator: 'kill-test', fleet: 'test', total: 1_000_000 });
for (let i = 0; ; i++) {
  await store.scans.saveHostResult(hostDetail(runId, `host-${i}`, new Date().toISOString()));
  process.stdout.write(`committed host-${i}\n`);
}
