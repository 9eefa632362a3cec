import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { AuditLog } from '../../../main/engine/audit/audit-log';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { runOpsdeck } from '../../support/cli-run';
import { useTempDir } from '../../support/temp-dir';

const dir = useTempDir('opsdeck-audit-cli-');
let logPath: string;
let pristine: string;
/** The keychain holding the log's key, given to the CLI as the OS keychain would be. */
const keychain = new MemorySecretStore();

beforeAll(async () => {
  logPath = join(dir.path, 'audit.log');
  const log = await AuditLog.open(logPath, { login: 'alice', displayName: 'Alice Ops' }, { secrets: keychain });
  for (let i = 0; i < 3; i++) {
    const seq = await log.recordCommandStart({ runId: 'r1', host: `imap${i}.nj`, dc: 'nj', address: `10.1.0.${i}`, command: 'env LC_ALL=C hostname' });
    await log.recordCommandEnd(seq, { host: `imap${i}.nj`, exitCode: 0, signal: null, error: null, stdout: `imap${i}\n`, stderr: '', durationMs: 5 });
  }
  await log.close();
  pristine = await readFile(logPath, 'utf8');
});

describe('opsdeck audit verify', () => {
  test('prints OK with the entry count for an intact log', async () => {
    const result = await runOpsdeck(['audit', 'verify', '--log', logPath], {}, keychain);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK .*: 6 entries, chain intact; keyed with key [0-9a-f]{16} from the keychain: entries from 1 on carry a MAC, all checked/);
  });

  test('names the entry holding any tampered byte, in every line of the log', async () => {
    const lines = pristine.split('\n').filter(Boolean);
    let offset = 0;
    for (const [index, line] of lines.entries()) {
      for (const position of [offset + 2, offset + Math.floor(line.length / 2), offset + line.length - 2]) {
        const bytes = Buffer.from(pristine);
        bytes[position] = bytes[position] === 0x41 ? 0x42 : 0x41;
        await writeFile(logPath, bytes);
        const result = await runOpsdeck(['audit', 'verify', '--log', logPath], {}, keychain);
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
    expect((await runOpsdeck(['audit', 'verify', '--log', logPath], {}, keychain)).stdout).toMatch(/BROKEN .* at line 3/);
    await writeFile(logPath, [lines[0], lines[2], lines[1], lines[3], lines[4], lines[5]].join('\n') + '\n');
    expect((await runOpsdeck(['audit', 'verify', '--log', logPath], {}, keychain)).stdout).toMatch(/BROKEN .* at line 2/);
    await writeFile(logPath, pristine);
  });

  test('--anchor: the printed chain head later proves the log was neither truncated nor rewritten', async () => {
    const first = await runOpsdeck(['audit', 'verify', '--log', logPath], {}, keychain);
    const anchor = /--anchor (\d+:[0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(anchor, first.stdout).toMatch(/^6:/);
    const again = await runOpsdeck(['audit', 'verify', '--log', logPath, '--anchor', anchor!], {}, keychain);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/entry 6 matches the anchor/);

    // Truncated at a line boundary: the chain alone still verifies, the anchor does not.
    const truncatedPath = join(dir.path, 'truncated.log');
    await writeFile(truncatedPath, pristine.split('\n').slice(0, 4).join('\n') + '\n');
    expect((await runOpsdeck(['audit', 'verify', '--log', truncatedPath], {}, keychain)).code).toBe(0);
    const truncated = await runOpsdeck(['audit', 'verify', '--log', truncatedPath, '--anchor', anchor!], {}, keychain);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/ends at entry 4 but entry 6 was recorded/);

    // Rewritten wholesale (a fresh, self-consistent chain): only the anchor notices.
    const rewrittenPath = join(dir.path, 'rewritten.log');
    const forger = await AuditLog.open(rewrittenPath, { login: 'mallory', displayName: 'Mallory' });
    for (let i = 0; i < 3; i++) {
      const seq = await forger.recordCommandStart({ runId: 'r1', host: `imap${i}.nj`, dc: 'nj', address: `10.1.0.${i}`, command: 'env LC_ALL=C true' });
      await forger.recordCommandEnd(seq, { host: `imap${i}.nj`, exitCode: 0, signal: null, error: null, stdout: '', stderr: '', durationMs: 5 });
    }
    await forger.close();
    const rewritten = await runOpsdeck(['audit', 'verify', '--log', rewrittenPath, '--anchor', anchor!], {}, keychain);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toMatch(/entry 6 does not match the anchor/);

    const bad = await runOpsdeck(['audit', 'verify', '--log', logPath, '--anchor', 'six:abc'], {}, keychain);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--anchor must be SEQ:HASH/);
  });

  test('a missing log is a usage-level error naming the file', async () => {
    const result = await runOpsdeck(['audit', 'verify', '--log', join(dir.path, 'nope.log')], {}, keychain);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.log');
  });
});
