// The data folder of a new, empty embedded store, shipped as a tarball
// (resources/empty-store.tgz, made by .ci/make-empty-store.mjs). Unpacking it
// takes seconds where PGlite's initdb takes tens of seconds and ~800 MB.
// Used only when it is whole (sha256 as recorded) and was made by the PGlite
// this OpsDeck runs; otherwise null, and the store runs initdb as before.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface TemplateRecord {
  pgliteVersion: string;
  sha256: string;
}

/** The folder above `from` that holds resources/empty-store.json (the app's root, in the source tree or the build). */
async function appRoot(from: string): Promise<string | null> {
  for (let dir = from; ; dir = dirname(dir)) {
    const found = await readFile(join(dir, 'resources', 'empty-store.json'), 'utf8').then(
      () => true,
      () => false,
    );
    if (found) return dir;
    if (dirname(dir) === dir) return null;
  }
}

export async function emptyStoreTemplate(from: string = dirname(fileURLToPath(import.meta.url))): Promise<Buffer | null> {
  const root = await appRoot(from);
  if (!root) return null;
  try {
    const record = JSON.parse(await readFile(join(root, 'resources', 'empty-store.json'), 'utf8')) as TemplateRecord;
    const pglite = JSON.parse(await readFile(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
    if (pglite.version !== record.pgliteVersion) return null;
    const tarball = await readFile(join(root, 'resources', 'empty-store.tgz'));
    return createHash('sha256').update(tarball).digest('hex') === record.sha256 ? tarball : null;
  } catch {
    return null;
  }
}
