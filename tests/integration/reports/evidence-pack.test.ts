// The evidence pack: built from a stored history with its key created in the
// (test) keychain on first use; verify says OK with the public key printed;
// one byte changed, a file added, a file removed, another key given, and a
// pack re-signed with another key are each named. Without a keychain the pack
// is refused unless --one-time-key.
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { EVIDENCE_KEY_ACCOUNT } from '../../../main/engine/reports/evidence-key';
import { signedManifest } from '../../../main/engine/reports/evidence-manifest';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { SecretStoreUnavailableError, type SecretStore } from '../../../main/engine/secrets/secret-store';
import { runOpsdeck } from '../../support/cli-run';
import { portFinding, storeScan } from '../../support/report-history';
import { useStoredReportHistory } from '../../support/stored-report-history';

const history = useStoredReportHistory('opsdeck-evidence-', async (scans) => {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  await storeScan(scans, 'run-e', at, [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432)], stdout: '{"nftables": [{"rule": "tcp dport 5432 accept"}]}' },
    { host: 'db1.sea', dc: 'sea', findings: [] },
  ]);
});
let pack: string;
let keyFile: string;
const keychain = new MemorySecretStore();

beforeAll(() => {
  pack = join(history.dir, 'pack.zip');
});

async function verify(file: string, key = keyFile): Promise<{ code: number; stdout: string }> {
  return runOpsdeck(['evidence', 'verify', file, '--key', key], {}, keychain);
}

async function rewritten(name: string, change: (entries: Record<string, Uint8Array>) => void): Promise<string> {
  const entries = unzipSync(await readFile(pack));
  change(entries);
  const path = join(history.dir, name);
  await writeFile(path, zipSync(entries));
  return path;
}

test('the first pack creates the signing key in the keychain and prints its public key; verify says OK', async () => {
  const result = await runOpsdeck(['evidence', 'pack', '--out', pack, '--inventory', history.inventory, '--data-dir', history.dataDir], {}, keychain);
  expect(result.stderr).not.toContain('internal error');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('created now, kept in the keychain');
  expect(await keychain.get(EVIDENCE_KEY_ACCOUNT)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  const publicKey = result.stdout.trim().split('\n').pop()!;
  keyFile = join(history.dir, 'opsdeck.pub');
  await writeFile(keyFile, `${publicKey}\n`);
  const names = Object.keys(unzipSync(await readFile(pack))).sort();
  expect(names).toEqual(
    expect.arrayContaining([
      'report.html',
      'report.json',
      'findings.csv',
      'audit/excerpt.jsonl',
      'audit/anchor.json',
      'restore-tests.json',
      'manifest.json',
      'manifest.sig',
      'outputs/run-e/db1.nj/nft-ruleset.stdout',
    ]),
  );
  expect(Buffer.from(unzipSync(await readFile(pack))['outputs/run-e/db1.nj/nft-ruleset.stdout']!).toString()).toBe('{"nftables": [{"rule": "tcp dport 5432 accept"}]}');
  expect(Buffer.from(unzipSync(await readFile(pack))['report.html']!).toString()).toContain(publicKey);
  expect(await verify(pack)).toMatchObject({ code: 0, stdout: expect.stringMatching(/signature holds with the key given\nOK /) });

  const again = await runOpsdeck(['evidence', 'pack', '--out', join(history.dir, 'second.zip'), '--inventory', history.inventory, '--data-dir', history.dataDir], {}, keychain);
  expect(again.stdout).toContain('from the keychain');
  expect(again.stdout.trim().split('\n').pop()).toBe(publicKey);
}, 60_000);

test('one byte changed in any file is named', async () => {
  const path = await rewritten('byte.zip', (entries) => {
    const bytes = entries['outputs/run-e/db1.nj/nft-ruleset.stdout']!;
    bytes[5] = bytes[5]! ^ 1;
  });
  const result = await verify(path);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('CHANGED outputs/run-e/db1.nj/nft-ruleset.stdout\n');
  expect(result.stdout).toContain('signature holds');
});

test('a file added and a file removed are named', async () => {
  const added = await verify(await rewritten('added.zip', (entries) => (entries['outputs/extra.txt'] = Buffer.from('planted'))));
  expect(added).toMatchObject({ code: 1, stdout: expect.stringContaining('ADDED outputs/extra.txt\n') });
  const removed = await verify(await rewritten('removed.zip', (entries) => delete entries['findings.csv']));
  expect(removed).toMatchObject({ code: 1, stdout: expect.stringContaining('REMOVED findings.csv\n') });
});

test('another key given: the signature does not hold; a pack re-signed with another key is caught by --key', async () => {
  const other = generateKeyPairSync('ed25519');
  const otherFile = join(history.dir, 'other.pub');
  await writeFile(otherFile, createPublicKey(other.privateKey).export({ type: 'spki', format: 'der' }).toString('base64'));
  const swappedKey = await verify(pack, otherFile);
  expect(swappedKey.code).toBe(1);
  expect(swappedKey.stdout).toContain('signature does NOT hold with the key given');

  const forged = await rewritten('resigned.zip', (entries) => {
    entries['findings.csv'] = Buffer.from('control\n');
    delete entries['manifest.json'];
    delete entries['manifest.sig'];
    const publicKey = createPublicKey(other.privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    Object.assign(entries, signedManifest(entries, new Date().toISOString(), { privateKey: other.privateKey, publicKey }));
  });
  const result = await verify(forged);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('PROBLEM the pack names another public key than the one given');
  expect(result.stdout).toContain('signature does NOT hold');
});

test('not a zip: exit 2 with the reason; no keychain: pack refused unless --one-time-key', async () => {
  await writeFile(join(history.dir, 'junk.zip'), 'not a zip');
  expect((await runOpsdeck(['evidence', 'verify', join(history.dir, 'junk.zip')], {}, keychain)).code).toBe(2);
  const noKeychain: SecretStore = {
    get: () => Promise.reject(new SecretStoreUnavailableError('no D-Bus session')),
    set: () => Promise.reject(new SecretStoreUnavailableError('no D-Bus session')),
    delete: () => Promise.reject(new SecretStoreUnavailableError('no D-Bus session')),
  };
  const args = ['evidence', 'pack', '--out', join(history.dir, 'unsigned.zip'), '--inventory', history.inventory, '--data-dir', join(history.dir, 'other-data')];
  const refused = await runOpsdeck(args, {}, noKeychain);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('not signed: the OS keychain is not available (no D-Bus session)');
  const oneTime = await runOpsdeck([...args, '--one-time-key'], {}, noKeychain);
  expect(oneTime).toMatchObject({ code: 0, stdout: expect.stringContaining('one-time, not kept') });
}, 60_000);
