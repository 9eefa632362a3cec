import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuditLog } from '../../../main/engine/audit/audit-log';
import { runOpsdeck } from '../../support/cli-run';

let dir: string;
let logPath: string;
let pristine: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-audit-cli-'));
  logPath = join(dir, 'audit.log');
  const log = await AuditLog.open(logPath, { login: 'alice', displayName: 'Alice Ops' });
  for (let i = 0; i < 3; i++) {
    const seq = await log.recordCommandStart({ runId: 'r1', host: `imap${i}.nj`, dc: 'nj', address: `10.1.0.${i}`, command: 'env LC_ALL=C hostname' });
    await log.recordCommandEnd(seq, { host: `imap${i}.nj`, exitCode: 0, signal: null, error: null, stdout: `imap${i}\n`, stderr: '', durationMs: 5 });
  }
  await log.close();
  pristine = await readFile(logPath, 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opsdeck audit verify', () => {
  test('prints OK with the entry count for an intact log', async () => {
    const result = await runOpsdeck(['audit', 'verify', '--log', logPath]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK .*: 6 entries, chain intact/);
  });

  test('names the entry holding any tampered byte, in every line of the log', async () => {
    const lines = pristine.split('\n').filter(Boolean);
    let offset = 0;
    for (const [index, line] of lines.entries()) {
      for (const position of [offset + 2, offset + Math.floor(line.length / 2), offset + line.length - 2]) {
        const bytes = Buffer.from(pristine);
        bytes[position] = bytes[position] === 0x41 ? 0x42 : 0x41;
        await writeFile(logPath, bytes);
        const result = await runOpsdeck(['audit', 'verify', '--log', logPath]);
        expect(result.code, `byte ${position}`).toBe(1);
        expect(result.stdout, `byte ${position}`).toContain(`at line ${index + 1}:`);
      }
      offset += line.length + 1;
    }
    await writeFile(logPath, pristine);
  });

  test('names a removed entry and a reordered pair', async () => {
    const lines = pristine.split('\n').filter(Boolean);
    await writeFile(logPath, [lines[0], lines[1], lines[3], lines[4], lines[5]].join('\n') + '\n');
    expect((await runOpsdeck(['audit', 'verify', '--log', logPath])).stdout).toMatch(/BROKEN .* at line 3/);
    await writeFile(logPath, [lines[0], lines[2], lines[1], lines[3], lines[4], lines[5]].join('\n') + '\n');
    expect((await runOpsdeck(['audit', 'verify', '--log', logPath])).stdout).toMatch(/BROKEN .* at line 2/);
    await writeFile(logPath, pristine);
  });

  test('a missing log is a usage-level error naming the file', async () => {
    const result = await runOpsdeck(['audit', 'verify', '--log', join(dir, 'nope.log')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.log');
  });
});
