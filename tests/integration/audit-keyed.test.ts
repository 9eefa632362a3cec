// The audit log keyed with a key in the keychain, end to end: the real log
// file, `opsdeck audit verify`, the engine's audit.verify. A local attacker
// who can write the file appends entries with recomputed hashes: verify
// names the first forged entry without any anchor. Without a keychain the
// engine still runs and records, and verify says plainly that the chain is
// unkeyed, never a bare OK.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditEntryLine, buildAuditEntry } from '../../main/engine/audit/audit-entry';
import { AuditLog } from '../../main/engine/audit/audit-log';
import { auditKeyAccount } from '../../main/engine/audit/audit-key';
import { createEngine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { SecretStoreUnavailableError, type SecretStore } from '../../main/engine/secrets/secret-store';
import { runOpsdeck } from '../support/cli-run';

const operator = { login: 'alice', displayName: 'Alice Ops' };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-audit-keyed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A keychain that is not there, as on a machine without a keyring or without the keytar binding. */
const noKeychain: SecretStore = {
  get: async () => {
    throw new SecretStoreUnavailableError('keytar cannot load: test without a keychain');
  },
  set: async () => {
    throw new SecretStoreUnavailableError('keytar cannot load: test without a keychain');
  },
  delete: async () => {
    throw new SecretStoreUnavailableError('keytar cannot load: test without a keychain');
  },
};

async function writeLog(path: string, secrets: SecretStore | undefined, commands: number): Promise<void> {
  const log = await AuditLog.open(path, operator, secrets ? { secrets } : {});
  for (let i = 0; i < commands; i++) {
    const seq = await log.recordCommandStart({ runId: 'r1', host: `imap${i}.nj`, dc: 'nj', address: `10.1.0.${i}`, command: 'env LC_ALL=C hostname' });
    await log.recordCommandEnd(seq, { host: `imap${i}.nj`, exitCode: 0, signal: null, error: null, stdout: `imap${i}\n`, stderr: '', durationMs: 5 });
  }
  await log.close();
}

/** What a local attacker with write access to the file can do: append entries whose plain hashes chain correctly. */
async function appendForgeries(path: string, count: number): Promise<number> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const last = JSON.parse(lines.at(-1)!) as { seq: number; hash: string };
  let head = { seq: last.seq, hash: last.hash };
  for (let i = 0; i < count; i++) {
    const entry = buildAuditEntry(head, 'command.start', operator, { runId: 'r2', host: 'db1.nj', dc: 'nj', address: '10.1.0.21', command: 'env LC_ALL=C true' }, new Date());
    await appendFile(path, auditEntryLine(entry));
    head = { seq: entry.seq, hash: entry.hash };
  }
  return last.seq + 1;
}

test('entries appended with recomputed hashes are named by audit verify, without an anchor, and the log refuses to be extended', async () => {
  const keychain = new MemorySecretStore();
  const path = join(dir, 'forged.log');
  await writeLog(path, keychain, 3);
  expect(await keychain.get(auditKeyAccount(path))).toMatch(/"firstKeyedSeq":1/);
  const intact = await runOpsdeck(['audit', 'verify', '--log', path], {}, keychain);
  expect(intact.code).toBe(0);
  expect(intact.stdout).toMatch(/^OK .*: 6 entries, chain intact; keyed with key [0-9a-f]{16}/);

  const firstForged = await appendForgeries(path, 2);
  const forged = await runOpsdeck(['audit', 'verify', '--log', path], {}, keychain);
  expect(forged.code).toBe(1);
  expect(forged.stdout).toBe(
    `BROKEN ${path}: entry ${firstForged} at line ${firstForged}: entry ${firstForged} carries no MAC, but the log is keyed from entry 1: it was appended or rewritten by someone without the key\n` +
      `(6 entries before it verify)\n`,
  );
  await expect(AuditLog.open(path, operator, { secrets: keychain })).rejects.toThrow(/entry 7 carries no MAC/);
});

test('a copy of the log verified elsewhere finds its key by the key id its entries name', async () => {
  const keychain = new MemorySecretStore();
  const path = join(dir, 'original.log');
  await writeLog(path, keychain, 2);
  const copy = join(dir, 'copy-for-the-auditor.log');
  await appendFile(copy, await readFile(path));
  const result = await runOpsdeck(['audit', 'verify', '--log', copy], {}, keychain);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^OK .*copy-for-the-auditor\.log: 4 entries, chain intact; keyed/);
});

test('an old unkeyed log is keyed from its next entry on; verify says which entries are unkeyed, and forgeries after are still named', async () => {
  const path = join(dir, 'old.log');
  await writeLog(path, undefined, 2);
  const keychain = new MemorySecretStore();
  const before = await runOpsdeck(['audit', 'verify', '--log', path], {}, keychain);
  expect(before.code).toBe(1);
  expect(before.stdout).toMatch(/^UNKEYED .*: 4 entries, chain intact, but this log has no key in the keychain .* entries appended with recomputed hashes cannot be detected/);
  expect((await runOpsdeck(['audit', 'verify', '--log', path, '--allow-unkeyed'], {}, keychain)).code).toBe(0);

  await writeLog(path, keychain, 1);
  const after = await runOpsdeck(['audit', 'verify', '--log', path], {}, keychain);
  expect(after.code).toBe(0);
  expect(after.stdout).toMatch(
    /^OK .*: 6 entries, chain intact; keyed with key [0-9a-f]{16} from the keychain: entries from 5 on carry a MAC, all checked; entries 1\.\.4 were written before the log was keyed/,
  );
  const firstForged = await appendForgeries(path, 1);
  expect((await runOpsdeck(['audit', 'verify', '--log', path], {}, keychain)).stdout).toMatch(new RegExp(`^BROKEN .*: entry ${firstForged} at line ${firstForged}: .*carries no MAC`));
});

test('without a keychain the engine runs and records unkeyed; verify says so (CLI and contract), never a bare OK', { timeout: 180_000 }, async () => {
  const dataDir = join(dir, 'no-keychain');
  const engine = await createEngine({ dataDir, demoFleet: 'never', secrets: noKeychain });
  try {
    const view = await engine.handlers['audit.verify']({});
    expect(view).toMatchObject({ ok: true, keying: 'key-unavailable', keyingNote: expect.stringMatching(/OS keychain is not available .* no MAC was checked/) });
  } finally {
    await engine.dispose();
  }
  const path = join(dataDir, 'audit.log');
  await writeLog(path, noKeychain, 1);
  const result = await runOpsdeck(['audit', 'verify', '--log', path], {}, noKeychain);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(
    /^UNKEYED .*: 2 entries, chain intact, but the OS keychain is not available .*: no MAC was checked, so entries appended with recomputed hashes cannot be detected here/,
  );
  expect(result.stdout).not.toMatch(/^OK/m);
});

test('the engine keys its log with the keychain it is given, and refuses to start on a log with a forged append', { timeout: 180_000 }, async () => {
  const keychain = new MemorySecretStore();
  const dataDir = join(dir, 'engine');
  const first = await createEngine({ dataDir, demoFleet: 'never', secrets: keychain });
  try {
    expect(await first.handlers['audit.verify']({})).toMatchObject({ ok: true, keying: 'keyed', keyingNote: expect.stringMatching(/^keyed with key [0-9a-f]{16}/) });
  } finally {
    await first.dispose();
  }
  const path = join(dataDir, 'audit.log');
  await writeLog(path, keychain, 1);
  const firstForged = await appendForgeries(path, 1);
  await expect(createEngine({ dataDir, demoFleet: 'never', secrets: keychain })).rejects.toThrow(
    new RegExp(`audit log .* fails verification at line ${firstForged} \\(entry ${firstForged}\\): entry ${firstForged} carries no MAC`),
  );
});
