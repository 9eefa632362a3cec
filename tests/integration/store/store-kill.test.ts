import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { bundleForChild } from '../../support/bundle-for-child';

let child: string;
let dataDir: string;
beforeAll(async () => {
  child = await bundleForChild(join(process.cwd(), 'tests/support/children/store-writer.ts'));
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-store-kill-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the writer, waits until it has committed `atLeast` results, kills it with SIGKILL. */
async function writeThenKill(atLeast: number): Promise<string[]> {
  const proc = spawn(process.execPath, [child, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
  const committed: string[] = [];
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) committed.push(line.replace('committed ', ''));
      if (committed.length >= atLeast && proc.exitCode === null) proc.kill('SIGKILL');
    });
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  return committed;
}

test('every committed host result survives a kill -9 of the writing process, twice over', async () => {
  const first = await writeThenKill(25);
  const second = await writeThenKill(10);
  const store = await openEmbeddedStore(dataDir);
  try {
    for (const host of [...first, ...second]) {
      const detail = await store.scans.latestHostDetail(host);
      expect(detail?.outputs, `${host} lost`).toHaveLength(2);
    }
  } finally {
    await store.close();
  }
}, 120_000);
