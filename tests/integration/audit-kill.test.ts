// kill -9 during appends: a child process runs the real AuditLog (bundled from
// the TypeScript source with rolldown, as the app is) and appends in a loop;
// the parent SIGKILLs it at random moments, then reopens the log. Every
// acknowledged entry must survive, the chain must verify, and any torn tail must
// have been moved aside and recorded, never dropped.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AuditEntry } from '../../main/engine/audit/audit-entry';
import { AuditLog } from '../../main/engine/audit/audit-log';
import { verifyAuditLog } from '../../main/engine/audit/verify-audit-log';

const ROUNDS = 10;
let dir = '';
let childScript = '';

// When aiming, every 16th command is large (4 MiB). Once its append has handed the write to
// libuv's thread pool, the child says "writing"; a parent aiming at it kills
// then. Linux stops a regular-file write between pages when SIGKILL arrives, so
// this often leaves a genuinely torn line (and otherwise a complete one).
const CHILD = `
import { AuditLog } from './audit-log.mjs';
const [path, round, aim] = process.argv.slice(2);
const log = await AuditLog.open(path, { login: 'child', displayName: 'Kill test child' });
const big = 'x'.repeat(4 * 1024 * 1024);
for (let i = 0; ; i++) {
  const large = aim === 'aim' && i % 16 === 15;
  const starting = log.recordCommandStart({ runId: 'round-' + round, host: 'db' + i + '.sea', dc: 'sea', address: '10.2.0.5', command: large ? big : 'LC_ALL=C uname -a' });
  if (large) setImmediate(() => process.stdout.write('writing\\n'));
  const seq = await starting;
  process.stdout.write('acked ' + seq + '\\n');
  await log.recordCommandEnd(seq, { host: 'db' + i + '.sea', exitCode: 0, signal: null, error: null, stdout: 'out ' + i, stderr: '', durationMs: i });
  process.stdout.write('acked ' + (seq + 1) + '\\n');
}
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-audit-kill-'));
  await build({
    input: join(import.meta.dirname, '../../main/engine/audit/audit-log.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: { file: join(dir, 'audit-log.mjs'), format: 'esm' },
  });
  childScript = join(dir, 'child.mjs');
  await writeFile(childScript, CHILD);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the child until it has acknowledged some appends, then SIGKILLs it: at a
 * random moment, or (aiming at a torn write) as soon as it says it is writing
 * a large entry. Returns its highest acknowledged seq.
 */
async function appendUntilKilled(path: string, round: number, aimAtLargeWrite: boolean): Promise<number> {
  const child = spawn(process.execPath, [childScript, path, String(round), aimAtLargeWrite ? 'aim' : 'random'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let acked = 0;
  let stderr = '';
  let pending = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const firstAck = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line !== 'writing') acked = Math.max(acked, Number(line.split(' ')[1]));
        else if (aimAtLargeWrite) child.kill('SIGKILL');
      }
      if (acked > 0) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (!aimAtLargeWrite) {
    await Promise.race([firstAck, exited]);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
    child.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL' || acked === 0) throw new Error(`child ended by ${signal} after ${acked} appends: ${stderr}`);
  return acked;
}

test(`survives ${ROUNDS} SIGKILLs mid-append: acknowledged entries kept, chain verifies, torn tails moved aside and recorded`, async () => {
  const path = join(dir, 'audit.jsonl');
  const parent = { login: 'parent', displayName: 'Kill test parent' };
  let previousEntries = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const acked = await appendUntilKilled(path, round, round % 2 === 0);
    const log = await AuditLog.open(path, parent); // recovers any torn tail, or throws
    await log.close();
    const result = verifyAuditLog(await readFile(path, 'utf8'));
    if (!result.ok) throw new Error(`round ${round}: ${result.reason}`);
    expect(result.entries).toBeGreaterThanOrEqual(acked);
    expect(result.entries).toBeGreaterThan(previousEntries);
    previousEntries = result.entries;
  }

  // A torn write made by hand too, so recovery is exercised whatever the kills hit.
  const text = await readFile(path, 'utf8');
  const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
  await appendFile(path, lastLine.slice(0, 50));
  await (await AuditLog.open(path, parent)).close();

  const entries = (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
  const recoveries = entries.filter((e) => e.kind === 'audit.recovered');
  const tornFiles = (await readdir(dir)).filter((f) => f.startsWith('audit.jsonl.torn-'));
  expect(recoveries.length).toBeGreaterThanOrEqual(1);
  expect(tornFiles).toHaveLength(recoveries.length);
  for (const recovered of recoveries) {
    const fragment = await readFile(recovered['movedTo'] as string);
    expect(fragment.length).toBe(recovered['tornBytes']);
    expect(createHash('sha256').update(fragment).digest('hex')).toBe(recovered['tornSha256']);
  }
  expect(verifyAuditLog(await readFile(path, 'utf8'))).toMatchObject({ ok: true, entries: entries.length });
  expect(new Set(entries.filter((e) => e.kind === 'command.start').map((e) => e['runId']))).toEqual(new Set(Array.from({ length: ROUNDS }, (_, i) => `round-${i + 1}`)));
});
