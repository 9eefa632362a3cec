// A run begun in the store and never finished (its process was killed) is
// shown to the app's operator too: app.info's notices name it after the next
// start, once, and the store records it as interrupted.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createEngine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { useTempDir } from '../../support/temp-dir';

const dir = useTempDir('opsdeck-interrupted-notice-');

test('an unfinished run is named in app.info notices at the next start, and only at that start', async () => {
  const dataDir = join(dir.path, 'data');
  const store = await openEmbeddedStore(dataDir);
  await store.scans.beginRun({ runId: 'run-killed', startedAt: '2026-12-01T10:00:00.000Z', scope: { kind: 'fleet' }, operator: 'ops', fleet: 'demo', total: 24 });
  await store.close();

  const secrets = new MemorySecretStore();
  const first = await createEngine({ dataDir, demoFleet: 'never', secrets });
  try {
    const info = await first.handlers['app.info']({});
    expect(info.notices).toContain('scan run-killed (started 2026-12-01T10:00:00.000Z, 24 hosts) never finished: OpsDeck was stopped during it; it is recorded as interrupted');
  } finally {
    await first.dispose();
  }

  const second = await createEngine({ dataDir, demoFleet: 'never', secrets });
  try {
    const info = await second.handlers['app.info']({});
    expect(info.notices.filter((notice) => notice.includes('never finished'))).toEqual([]);
  } finally {
    await second.dispose();
  }
});
