// Which files a front end may make the engine read or create. A compromised
// renderer must not be able to read or create arbitrary files through
// fleet.loadInventory / fleet.importAnsible, so a path is accepted only when
//  - the operator chose it in a native file dialog (the main process calls
//    grant() with what dialog.showOpenDialog/showSaveDialog returned), or
//  - it lies under the data folder, or under a folder the operator named
//    when starting the front end (`opsdeck dev-browser --allow-dir DIR`,
//    e2e tests), symlinks resolved so a link cannot lead out of it.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EngineError } from '../dispatch/engine-error';

export type FileUse = 'read' | 'create';

export class FileAccess {
  private readonly granted = new Set<string>();
  private readonly roots: string[];

  constructor(dataDir: string, allowedRoots: string[] = []) {
    this.roots = [dataDir, ...allowedRoots].map((root) => resolve(root));
  }

  /** A path the operator chose in a native dialog: allowed as given, for reading or creating. */
  grant(path: string): void {
    this.granted.add(resolve(path));
  }

  /** Resolves to the absolute path when allowed; throws EngineError('forbidden-path') naming it otherwise. */
  async check(path: string, use: FileUse): Promise<string> {
    if (!isAbsolute(path)) throw forbidden(path, 'it is not an absolute path');
    const absolute = resolve(path);
    if (this.granted.has(absolute)) return absolute;
    // For a file to create, the folder it goes into must be inside an allowed root (the file does not exist yet).
    const real = use === 'read' ? await realpath(absolute).catch(() => null) : await realParent(absolute);
    if (real !== null && (await this.underARoot(real))) return absolute;
    throw forbidden(path, 'choose it with the file dialog (or, in a browser session, put it under a folder given with --allow-dir)');
  }

  private async underARoot(real: string): Promise<boolean> {
    for (const root of this.roots) {
      const realRoot = await realpath(root).catch(() => root);
      const inside = relative(realRoot, real);
      if (inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside))) return true;
    }
    return false;
  }
}

async function realParent(path: string): Promise<string | null> {
  const parent = await realpath(dirname(path)).catch(() => null);
  return parent === null ? null : join(parent, basename(path));
}

function forbidden(path: string, why: string): EngineError {
  return new EngineError('forbidden-path', `OpsDeck will not open ${path}: ${why}`);
}
