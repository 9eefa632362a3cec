// A private folder for one test file, under the system's temporary folder:
// made before the file's tests (and before any beforeAll registered after
// this call) and removed, with whatever the tests left in it, after them all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface TempDir {
  /** The folder; set once beforeAll has run. */
  readonly path: string;
}

/** Registers beforeAll/afterAll for a folder named `prefix` plus random characters. */
export function useTempDir(prefix: string): TempDir {
  let path: string | undefined;
  beforeAll(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (path) await rm(path, { recursive: true, force: true });
  });
  return {
    get path(): string {
      if (path === undefined) throw new Error(`the temporary folder ${prefix}… is made in beforeAll; read it from a hook or a test`);
      return path;
    },
  };
}
