// Makes resources/empty-store.tgz: the data folder of a new, empty embedded
// store (PGlite initdb, nothing else), and resources/empty-store.json naming
// the PGlite version that made it and the tarball's sha256. A new data folder
// is unpacked from it (seconds, a few hundred MB less) instead of running
// initdb (tens of seconds, ~800 MB). Run again after upgrading PGlite:
//   node .ci/make-empty-store.mjs
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const root = new URL('..', import.meta.url).pathname;
const dir = await mkdtemp(join(tmpdir(), 'opsdeck-empty-store-'));
try {
  const db = await PGlite.create(join(dir, 'store'));
  const tarball = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  const { version } = JSON.parse(await readFile(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
  await writeFile(join(root, 'resources', 'empty-store.tgz'), tarball);
  const sha256 = createHash('sha256').update(tarball).digest('hex');
  await writeFile(join(root, 'resources', 'empty-store.json'), `${JSON.stringify({ pgliteVersion: version, sha256 }, null, 2)}\n`);
  console.log(`resources/empty-store.tgz: ${tarball.length} bytes, PGlite ${version}, sha256 ${sha256}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
