// Bundles a TypeScript entry into one ESM file that a child `node` process
// can run, so kill -9 tests exercise the real modules in a real process.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll } from 'vitest';

export async function bundleForChild(entry: string): Promise<string> {
  // Inside the project, so that the bundle's bare imports resolve from node_modules.
  await mkdir(join(process.cwd(), 'test-artifacts'), { recursive: true });
  const outDir = await mkdtemp(join(process.cwd(), 'test-artifacts', 'child-'));
  // Named after its entry, so that a child's failure names what it was.
  const file = join(outDir, `${basename(entry, '.ts')}.mjs`);
  await build({
    input: entry,
    platform: 'node',
    external: [/^node:/, '@electric-sql/pglite', 'ssh2', 'keytar', 'yaml', 'zod'],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
  return file;
}

/**
 * Registers beforeAll/afterAll: `entry` (a path from the project's root) is
 * bundled before the file's tests and its bundle removed after them; the
 * returned object's `path` is the bundle once beforeAll has run.
 */
export function useBundledChild(entry: string): { readonly path: string } {
  let path: string | undefined;
  beforeAll(async () => {
    path = await bundleForChild(join(process.cwd(), entry));
  });
  afterAll(async () => {
    if (path) await rm(dirname(path), { recursive: true, force: true });
  });
  return {
    get path(): string {
      if (path === undefined) throw new Error(`${entry} is bundled in beforeAll; read it from a hook or a test`);
      return path;
    },
  };
}
