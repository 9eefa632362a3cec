// Bundles a TypeScript entry into one ESM file that a child `node` process
// can run, so kill -9 tests exercise the real modules in a real process.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'rolldown';

export async function bundleForChild(entry: string): Promise<string> {
  // Inside the project, so that the bundle's bare imports resolve from node_modules.
  await mkdir(join(process.cwd(), 'test-artifacts'), { recursive: true });
  const outDir = await mkdtemp(join(process.cwd(), 'test-artifacts', 'child-'));
  const file = join(outDir, 'child.mjs');
  await build({
    input: entry,
    platform: 'node',
    external: [/^node:/, '@electric-sql/pglite', 'ssh2', 'keytar', 'yaml', 'zod'],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
  return file;
}
