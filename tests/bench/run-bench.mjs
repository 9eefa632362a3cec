// Runs a benchmark written in TypeScript: bundles tests/bench/<name>-bench.ts
// with rolldown (already installed for electron-vite) and runs it with node.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const name = process.argv[2];
if (!name) {
  console.error('usage: node tests/bench/run-bench.mjs <scan|firewall|lab|drills> [args]');
  process.exit(2);
}
const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, 'test-artifacts', 'bench');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${name}-bench.mjs`);
await build({
  input: join(root, 'tests', 'bench', `${name}-bench.ts`),
  platform: 'node',
  external: ['react', 'react-dom', 'react-dom/server', 'fflate', /^node:/, '@electric-sql/pglite', 'ssh2', 'keytar', 'yaml', 'zod', 'ssh-config', 'ws', 'rolldown', 'playwright-core', 'pg'],
  output: { file, format: 'esm' },
  logLevel: 'warn',
});
const result = spawnSync(process.execPath, ['--expose-gc', file, ...process.argv.slice(3)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
