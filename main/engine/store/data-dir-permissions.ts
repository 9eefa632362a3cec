// The data folder (audit log, known_hosts, settings, the store, debug log) is
// the operator's alone: folders 0700, files 0600. PGlite creates its files
// 0666 whatever the umask (it sets the mode itself), so the engine walks the
// folder at start, after each scan and at close, and takes group and other
// access away. Something it cannot fix (owned by another user) is refused by
// name rather than used.
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface DataDirCheck {
  /** Paths that were group- or world-accessible and were made private. */
  fixed: string[];
}

export class DataDirNotPrivateError extends Error {
  constructor(readonly paths: string[]) {
    super(
      `the data folder holds ${paths.length === 1 ? 'a path' : `${paths.length} paths`} owned by another user, which OpsDeck will not use: ` +
        `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''} (change the owner to you, or choose another data folder with --data-dir)`,
    );
    this.name = 'DataDirNotPrivateError';
  }
}

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the folder if needed, then makes it and everything in it private to the current user. */
export async function makeDataDirPrivate(dataDir: string): Promise<DataDirCheck> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR });
  const fixed: string[] = [];
  const foreign: string[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const visit = async (path: string): Promise<void> => {
    let info;
    try {
      info = await lstat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // removed while walking (a store temp file)
      throw error;
    }
    if (info.isSymbolicLink()) return; // its target's mode is the target's business; chmod would follow it
    if (uid !== null && info.uid !== uid) {
      foreign.push(path);
      return;
    }
    if ((info.mode & 0o077) !== 0) {
      const wanted = info.isDirectory() ? PRIVATE_DIR : PRIVATE_FILE;
      await chmod(path, wanted);
      fixed.push(path);
    }
    if (info.isDirectory()) {
      for (const name of await readdir(path).catch(() => [] as string[])) await visit(join(path, name));
    }
  };
  await visit(dataDir);
  if (foreign.length > 0) throw new DataDirNotPrivateError(foreign);
  return { fixed };
}
