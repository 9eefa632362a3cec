// AuditLog on a real file system (temp dirs only): appends, reopen, torn-tail
// recovery, refusal of a broken log, one writer at a time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditEntryLine, buildAuditEntry, type AuditEntry } from '../../main/engine/audit/audit-entry';
import { AuditLog, operatorFromOs } from '../../main/engine/audit/audit-log';
import { AuditLogBrokenError, AuditLogBusyError } from '../../main/engine/audit/audit-log-errors';
import { verifyAuditLog } from '../../main/engine/audit/verify-audit-log';

const operator = { login: 'jdoe', displayName: 'Jane Doe' };
let dir = '';
let path = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-audit-'));
  path = join(dir, 'state', 'audit.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readEntries = async (): Promise<AuditEntry[]> =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);

describe('AuditLog', () => {
  test('creates the log 0600, records a command before and after it runs, and continues the chain after reopening', async () => {
    const log = await AuditLog.open(path, operator);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const startSeq = await log.recordCommandStart({ runId: 'r1', host: 'db1.sea', dc: 'sea', address: '10.2.0.5', command: 'LC_ALL=C uname -a' });
    await log.recordCommandEnd(startSeq, { host: 'db1.sea', exitCode: 0, signal: null, error: null, stdout: 'Linux db1\n', stderr: '', durationMs: 42 });
    await log.close();
    const reopened = await AuditLog.open(path, operator);
    await reopened.append('scan.end', { runId: 'r1' });
    await reopened.close();

    const entries = await readEntries();
    expect(entries.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'command.start'],
      [2, 'command.end'],
      [3, 'scan.end'],
    ]);
    expect(entries[0]).toMatchObject({ runId: 'r1', host: 'db1.sea', dc: 'sea', address: '10.2.0.5', command: 'LC_ALL=C uname -a', operator });
    expect(entries[1]).toMatchObject({
      startSeq: 1,
      exitCode: 0,
      signal: null,
      error: null,
      durationMs: 42,
      stdoutSha256: createHash('sha256').update('Linux db1\n').digest('hex'),
      stderrSha256: createHash('sha256').update('').digest('hex'),
    });
    expect(entries[1]).not.toHaveProperty('stdout');
    expect(verifyAuditLog(await readFile(path, 'utf8'))).toMatchObject({ ok: true, entries: 3 });
  });

  test('serialises concurrent appends into one unbroken chain', async () => {
    const log = await AuditLog.open(path, operator);
    const written = await Promise.all(Array.from({ length: 40 }, (_, i) => log.append('hostkey.accept', { host: `h${i}` })));
    await log.close();
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verifyAuditLog(await readFile(path, 'utf8'))).toMatchObject({ ok: true, entries: 40 });
  });

  test('refuses an end for a command it never started, and appends after close', async () => {
    const log = await AuditLog.open(path, operator);
    await expect(log.recordCommandEnd(7, { host: 'x', exitCode: 0, signal: null, error: null, stdout: '', stderr: '', durationMs: 1 })).rejects.toThrow(/no command.start with seq 7/);
    await log.close();
    await expect(log.append('scan.start', {})).rejects.toThrow(/is closed/);
  });

  test('moves a torn last line aside, truncates it away and records the recovery', async () => {
    const log = await AuditLog.open(path, operator, { now: () => new Date('2025-03-01T10:00:00.000Z') });
    const first = await log.append('scan.start', { runId: 'r1' });
    await log.close();
    const next = auditEntryLine(buildAuditEntry(first, 'scan.end', operator, { runId: 'r1', note: 'é'.repeat(20) }, new Date()));
    const fragment = Buffer.from(next, 'utf8').subarray(0, 61); // cuts a two-byte character in half
    await appendFile(path, fragment);

    const reopened = await AuditLog.open(path, operator, { now: () => new Date('2025-03-01T10:05:00.000Z') });
    await reopened.close();
    const movedTo = `${path}.torn-2025-03-01T10-05-00-000Z`;
    expect(await readFile(movedTo)).toEqual(fragment);
    expect((await stat(movedTo)).mode & 0o777).toBe(0o600);
    const entries = await readEntries();
    expect(entries.map((e) => e.kind)).toEqual(['scan.start', 'audit.recovered']);
    expect(entries[1]).toMatchObject({ seq: 2, tornBytes: 61, tornSha256: createHash('sha256').update(fragment).digest('hex'), movedTo });
    expect(verifyAuditLog(await readFile(path, 'utf8'))).toMatchObject({ ok: true, entries: 2 });
  });

  test('refuses to append to a log broken anywhere but its last line, and leaves it untouched', async () => {
    const log = await AuditLog.open(path, operator);
    for (const host of ['a', 'b', 'c']) await log.append('hostkey.accept', { host });
    await log.close();
    const broken = (await readFile(path, 'utf8')).replace('"host":"b"', '"host":"B"');
    await writeFile(path, broken);

    const refused = await AuditLog.open(path, operator).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuditLogBrokenError);
    expect(refused).toMatchObject({ code: 'audit-log-broken', result: { ok: false, brokenAt: { seq: 2, line: 2 } } });
    expect((refused as Error).message).toMatch(/fails verification at line 2 \(entry 2\).*opsdeck audit verify/);
    expect(await readFile(path, 'utf8')).toBe(broken);
    // The refused open released its lock: once the log is moved aside, a new one opens.
    await rm(path);
    await (await AuditLog.open(path, operator)).close();
  });

  test('allows one writer at a time, and takes over a lock left by a dead process', async () => {
    const log = await AuditLog.open(path, operator);
    await expect(AuditLog.open(path, operator)).rejects.toBeInstanceOf(AuditLogBusyError);
    await log.close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(`${path}.lock`, `${dead.stdout}\n`);
    const again = await AuditLog.open(path, operator);
    await again.close();
    expect(await readdir(join(dir, 'state'))).toEqual(['audit.jsonl']);
  });

  test('operatorFromOs uses the OS login name', () => {
    const me = operatorFromOs();
    expect(me.login).toMatch(/\S/);
    expect(me.displayName).toBe(me.login);
    expect(operatorFromOs('Jane Doe')).toEqual({ login: me.login, displayName: 'Jane Doe' });
  });
});
