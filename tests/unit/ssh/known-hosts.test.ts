// known_hosts parsing, lookup and the host-key store, with real OpenSSH keys and
// ssh-keygen (-lf, -H, -F) as the oracle. Every file lives in a temp dir: the
// developer's ~/.ssh is never read or written.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256Fingerprint } from '../../../main/engine/ssh/fingerprint';
import { HostKeyError, HostKeyStore, hostKeyRefusalMessage } from '../../../main/engine/ssh/host-key-store';
import { entriesForHost, formatKnownHostsLine, lookupHostKey, parseKnownHosts, type KnownHostsProblem } from '../../../main/engine/ssh/known-hosts';

interface TestKey {
  keyType: string;
  blob: Buffer;
  /** `<type> <base64>`, ready to follow a host field. */
  text: string;
  /** The fingerprint `ssh-keygen -lf` prints. */
  keygenFingerprint: string;
}

async function generateKey(dir: string, name: string, type: 'ed25519' | 'ecdsa' | 'rsa'): Promise<TestKey> {
  const path = join(dir, name);
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', name, '-f', path]);
  const [keyType = '', base64 = ''] = (await readFile(`${path}.pub`, 'utf8')).trim().split(' ');
  const listed = execFileSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' });
  return { keyType, blob: Buffer.from(base64, 'base64'), text: `${keyType} ${base64}`, keygenFingerprint: listed.split(' ')[1] ?? '' };
}

/** Line numbers that `ssh-keygen -F <name> -f <file>` reports as matching. */
function keygenFindLines(file: string, name: string): number[] {
  const found = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
  return [...found.stdout.matchAll(/ found: line (\d+)/g)].map((m) => Number(m[1]));
}

let dir = '';
let k1: TestKey; // ed25519
let k2: TestKey; // another ed25519
let ecdsa: TestKey;
let rsa: TestKey;
let fileCount = 0;

async function knownHostsFile(lines: string[]): Promise<string> {
  const path = join(dir, `known_hosts_${++fileCount}`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-known-hosts-'));
  [k1, k2, ecdsa, rsa] = await Promise.all([generateKey(dir, 'k1', 'ed25519'), generateKey(dir, 'k2', 'ed25519'), generateKey(dir, 'k3', 'ecdsa'), generateKey(dir, 'k4', 'rsa')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sha256Fingerprint', () => {
  test('equals ssh-keygen -lf for ed25519, ecdsa and rsa keys', () => {
    for (const key of [k1, k2, ecdsa, rsa]) expect(sha256Fingerprint(key.blob)).toBe(key.keygenFingerprint);
  });
});

describe('lookupHostKey', () => {
  test('a host with no entry is unknown, with the offered fingerprint', () => {
    const entries = parseKnownHosts(`db2.sea ${k1.text}\n`, 'kh');
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toEqual({ status: 'unknown', fingerprint: k1.keygenFingerprint });
  });

  test('a matching key is known, naming the file and line', () => {
    const entries = parseKnownHosts(`# fleet\n\ndb1.sea,10.2.0.5 ${k1.text} root@db1\n`, '/x/known_hosts');
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toEqual({ status: 'known', source: '/x/known_hosts', line: 3 });
    expect(lookupHostKey(entries, '10.2.0.5', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known' });
    expect(lookupHostKey(entries, 'DB1.SEA', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known' });
  });

  test('refuses a changed host key and names both fingerprints', () => {
    const entries = parseKnownHosts(`\n${'#\n'.repeat(10)}db1.sea ${k1.text}\n`, 'known_hosts');
    const verdict = lookupHostKey(entries, 'db1.sea', 22, k2.keyType, k2.blob);
    expect(verdict).toEqual({
      status: 'changed',
      fingerprint: k2.keygenFingerprint,
      knownFingerprints: [{ fingerprint: k1.keygenFingerprint, keyType: 'ssh-ed25519', source: 'known_hosts', line: 12 }],
    });
    if (verdict.status !== 'changed') throw new Error('unreachable');
    expect(hostKeyRefusalMessage({ name: 'db1.sea', address: '10.2.0.5' }, 22, verdict)).toBe(
      `host key for db1.sea (10.2.0.5:22) changed: known ssh-ed25519 ${k1.keygenFingerprint} (known_hosts line 12), ` +
        `now offered ${k2.keygenFingerprint}; refusing to connect. Either the host was reinstalled or someone is ` +
        'intercepting the connection; verify the new fingerprint out of band and remove the old entry.',
    );
  });

  test('a host known only with a key of another type is changed, naming the known key (a key-type switch is no way round the check)', () => {
    const entries = parseKnownHosts(`db1.sea ${k1.text}\n`, 'kh');
    for (const impostor of [ecdsa, rsa]) {
      expect(lookupHostKey(entries, 'db1.sea', 22, impostor.keyType, impostor.blob)).toEqual({
        status: 'changed',
        fingerprint: impostor.keygenFingerprint,
        knownFingerprints: [{ fingerprint: k1.keygenFingerprint, keyType: 'ssh-ed25519', source: 'kh', line: 1 }],
      });
    }
    // Any one of several known keys, of any type, is still known.
    const both = parseKnownHosts(`db1.sea ${k1.text}\ndb1.sea ${ecdsa.text}\n`, 'kh');
    expect(lookupHostKey(both, 'db1.sea', 22, ecdsa.keyType, ecdsa.blob)).toMatchObject({ status: 'known', line: 2 });
  });

  test('accepting a key of another type for a known host is refused by the store', async () => {
    const store = new HostKeyStore({ opsdeckKnownHostsPath: await knownHostsFile([`db1.sea ${k1.text}`]), hashAcceptedHosts: false });
    const refused = await store.accept('db1.sea', 22, rsa.keyType, rsa.blob).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HostKeyError);
    expect((refused as HostKeyError).message).toContain(`known ssh-ed25519 ${k1.keygenFingerprint}`);
    expect((refused as HostKeyError).message).toContain(`now offered ${rsa.keygenFingerprint}`);
  });

  test('an rsa key offered under an rsa-sha2-512 signature name is compared as ssh-rsa', async () => {
    const other = await generateKey(dir, 'k5', 'rsa');
    const entries = parseKnownHosts(`db1.sea ${rsa.text}\n`, 'kh');
    expect(lookupHostKey(entries, 'db1.sea', 22, 'rsa-sha2-512', rsa.blob)).toMatchObject({ status: 'known' });
    expect(lookupHostKey(entries, 'db1.sea', 22, 'rsa-sha2-512', other.blob)).toMatchObject({ status: 'changed' });
  });

  test('a @revoked key is refused even where it is also listed as known', () => {
    const entries = parseKnownHosts(`db1.sea ${k1.text}\n@revoked * ${k1.text}\n`, 'kh');
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toEqual({
      status: 'revoked',
      fingerprint: k1.keygenFingerprint,
      source: 'kh',
      line: 2,
    });
    const verdict = lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob);
    if (verdict.status !== 'revoked') throw new Error('unreachable');
    expect(hostKeyRefusalMessage('db1.sea', 22, verdict)).toMatch(/^host key for db1\.sea:22 is revoked: SHA256:\S+ is marked @revoked \(kh line 2\); refusing/);
  });

  test('a @cert-authority line never vouches for, nor conflicts with, a plain host key', () => {
    const entries = parseKnownHosts(`@cert-authority *.sea ${k1.text}\n`, 'kh');
    expect(entries).toMatchObject([{ kind: 'key', marker: 'cert-authority', line: 1 }]);
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'unknown' });
    expect(lookupHostKey(entries, 'db1.sea', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'unknown' });
  });

  test('wildcards and negation: *.sea,!db9.sea and db?.ams', () => {
    const entries = parseKnownHosts(`*.sea,!db9.sea ${k1.text}\ndb?.ams ${k1.text}\n`, 'kh');
    const status = (host: string): string => lookupHostKey(entries, host, 22, k1.keyType, k1.blob).status;
    expect(status('db1.sea')).toBe('known');
    expect(status('mx.mail.sea')).toBe('known');
    expect(status('db9.sea')).toBe('unknown');
    expect(status('db1.ams')).toBe('known');
    expect(status('db10.ams')).toBe('unknown');
    expect(status('sea')).toBe('unknown');
  });

  test('non-22 ports use [host]:port; port 22 is written without brackets, as OpenSSH does', () => {
    const entries = parseKnownHosts(`[db1.sea]:2222 ${k1.text}\n[db2.sea]:22 ${k1.text}\n`, 'kh');
    expect(lookupHostKey(entries, 'db1.sea', 2222, k1.keyType, k1.blob)).toMatchObject({ status: 'known', line: 1 });
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'unknown' });
    expect(lookupHostKey(entries, 'db2.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'unknown' });
    expect(formatKnownHostsLine('db1.sea', 22, k1.keyType, k1.blob, { hashed: false })).toBe(`db1.sea ${k1.text}`);
    expect(formatKnownHostsLine('db1.sea', 2222, k1.keyType, k1.blob, { hashed: false })).toBe(`[db1.sea]:2222 ${k1.text}`);
  });
});

describe('parseKnownHosts', () => {
  test('keeps malformed lines as problems with their line numbers, and still uses the good lines', () => {
    const text = [
      '# comment',
      `db1.sea ${k1.text}`,
      'db2.sea ssh-ed25519',
      `@bogus db3.sea ${k1.text}`,
      'db4.sea ssh-ed25519 not*base64',
      `db5.sea ssh-rsa ${k1.text.split(' ')[1]}`,
      'db6.sea 2048 65537 1234567',
      `|1|c2FsdA==|aGFzaA== ${k1.text}`,
      `   db7.sea\t${k1.text}\r`,
      '',
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    const problems = entries.filter((e): e is KnownHostsProblem => e.kind === 'problem');
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'expected "<host patterns> <key type> <base64 key> [comment]"'],
      [4, 'unknown marker "@bogus" (expected @revoked or @cert-authority)'],
      [5, 'key data for ssh-ed25519 is not valid base64'],
      [6, 'key type field says ssh-rsa but the key data is ssh-ed25519'],
      [7, 'SSH protocol 1 RSA key (bits exponent modulus) is not supported'],
      [8, expect.stringMatching(/^malformed hashed host/)],
    ]);
    expect(problems[0]).toMatchObject({ source: 'kh', text: 'db2.sea ssh-ed25519' });
    expect(lookupHostKey(entries, 'db1.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known', line: 2 });
    expect(lookupHostKey(entries, 'db7.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known', line: 9 });
  });
});

describe('agreement with ssh-keygen -F', () => {
  const queries = ['db1.sea', 'db2.sea', 'db9.sea', 'mx.sea', 'db1.ams', 'db10.ams', '[db1.sea]:2222', '[db1.sea]:2223', '10.2.0.5'];
  const lookup = (name: string): [string, number] => {
    const m = /^\[(.+)\]:(\d+)$/.exec(name);
    return m ? [m[1] ?? '', Number(m[2])] : [name, 22];
  };

  test('plain patterns, wildcards, negation, ports and markers match the same lines', async () => {
    const file = await knownHostsFile([
      `db1.sea,10.2.0.5 ${k1.text}`,
      `*.sea,!db9.sea ${k2.text}`,
      `db?.ams ${ecdsa.text}`,
      `[db1.sea]:2222 ${k1.text}`,
      `[db1.sea]:22 ${k1.text}`,
      `@revoked db2.* ${rsa.text}`,
      `@cert-authority *.ams ${k1.text}`,
    ]);
    const entries = parseKnownHosts(await readFile(file, 'utf8'), file);
    for (const name of queries) {
      const [host, port] = lookup(name);
      expect(
        entriesForHost(entries, host, port).map((e) => e.line),
        name,
      ).toEqual(keygenFindLines(file, name));
    }
  });

  test('hashed entries written by ssh-keygen -H are found for the same hosts, including [host]:2222', async () => {
    const file = await knownHostsFile([`db1.sea,10.2.0.5 ${k1.text}`, `[db1.sea]:2222 ${k2.text}`, `db1.ams ${ecdsa.text}`, `db2.sea ${rsa.text}`]);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('db1.sea');
    const entries = parseKnownHosts(text, file);
    expect(entries.every((e) => e.kind === 'key' && e.hosts.kind === 'hashed')).toBe(true);
    for (const name of queries) {
      const [host, port] = lookup(name);
      const lines = keygenFindLines(file, name);
      expect(
        entriesForHost(entries, host, port).map((e) => e.line),
        name,
      ).toEqual(lines);
    }
    expect(keygenFindLines(file, '[db1.sea]:2222')).toHaveLength(1);
    expect(lookupHostKey(entries, 'db1.sea', 2222, k2.keyType, k2.blob)).toMatchObject({ status: 'known' });
    expect(lookupHostKey(entries, 'db1.sea', 2222, k1.keyType, k1.blob)).toMatchObject({ status: 'changed' });
    expect(lookupHostKey(entries, '10.2.0.5', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known' });
  });

  test('hashed lines we format are found by ssh-keygen -F', async () => {
    const file = await knownHostsFile([
      formatKnownHostsLine('db1.sea', 22, k1.keyType, k1.blob, { hashed: true }),
      formatKnownHostsLine('db1.sea', 2222, k2.keyType, k2.blob, { hashed: true, salt: Buffer.alloc(20, 7) }),
    ]);
    expect(await readFile(file, 'utf8')).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
    expect(keygenFindLines(file, 'db1.sea')).toEqual([1]);
    expect(keygenFindLines(file, '[db1.sea]:2222')).toEqual([2]);
    expect(keygenFindLines(file, 'db2.sea')).toEqual([]);
  });

  test('refuses to format a line for a host name that would be read as a pattern', () => {
    expect(() => formatKnownHostsLine('*.sea', 22, k1.keyType, k1.blob, { hashed: false })).toThrow(/must not be empty or contain/);
    expect(() => formatKnownHostsLine('db1.sea', 0, k1.keyType, k1.blob, { hashed: false })).toThrow(/port 0/);
  });
});

describe('HostKeyStore', () => {
  const storeIn = async (userLines: string[] | null) => {
    const userKnownHostsPath = userLines === null ? join(dir, `missing_${++fileCount}`) : await knownHostsFile(userLines);
    const opsdeckKnownHostsPath = join(dir, `opsdeck_${++fileCount}`, 'sub', 'known_hosts');
    return { store: new HostKeyStore({ userKnownHostsPath, opsdeckKnownHostsPath }), userKnownHostsPath, opsdeckKnownHostsPath };
  };

  test('missing files are empty: the key is unknown', async () => {
    const { store } = await storeIn(null);
    expect(await store.check('db1.sea', 22, k1.keyType, k1.blob)).toEqual({ status: 'unknown', fingerprint: k1.keygenFingerprint });
  });

  test("accept() appends a hashed 0600 line to OpsDeck's own file; then the key is known", async () => {
    const { store, opsdeckKnownHostsPath, userKnownHostsPath } = await storeIn([`db2.sea ${k2.text}`]);
    const userBefore = await readFile(userKnownHostsPath, 'utf8');
    await store.accept('db1.sea', 2222, k1.keyType, k1.blob);
    await store.accept('db1.sea', 2222, k1.keyType, k1.blob); // already known: no second line
    expect(await store.check('db1.sea', 2222, k1.keyType, k1.blob)).toEqual({ status: 'known', source: opsdeckKnownHostsPath, line: 1 });
    expect(await store.check('db2.sea', 22, k2.keyType, k2.blob)).toEqual({ status: 'known', source: userKnownHostsPath, line: 1 });
    expect((await stat(opsdeckKnownHostsPath)).mode & 0o777).toBe(0o600);
    expect((await readFile(opsdeckKnownHostsPath, 'utf8')).split('\n')).toHaveLength(2);
    expect(keygenFindLines(opsdeckKnownHostsPath, '[db1.sea]:2222')).toEqual([1]);
    expect(await readFile(userKnownHostsPath, 'utf8')).toBe(userBefore);
  });

  test('accept() refuses a changed key with a HostKeyError naming both fingerprints', async () => {
    const { store, opsdeckKnownHostsPath } = await storeIn([`db1.sea ${k1.text}`]);
    const refused = await store.accept('db1.sea', 22, k2.keyType, k2.blob).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HostKeyError);
    expect(refused).toMatchObject({ code: 'host-key-changed', verdict: { status: 'changed' } });
    expect((refused as Error).message).toContain(k1.keygenFingerprint);
    expect((refused as Error).message).toContain(k2.keygenFingerprint);
    await expect(stat(opsdeckKnownHostsPath)).rejects.toThrow(/ENOENT/);
  });

  test('accept() refuses a revoked key', async () => {
    const { store } = await storeIn([`@revoked * ${k1.text}`]);
    await expect(store.accept('db1.sea', 22, k1.keyType, k1.blob)).rejects.toMatchObject({ code: 'host-key-revoked' });
  });

  test('reports malformed lines of both files', async () => {
    const { store, userKnownHostsPath } = await storeIn(['# c', 'db1.sea ssh-ed25519']);
    expect(await store.problems()).toMatchObject([{ source: userKnownHostsPath, line: 2 }]);
  });

  test('every lookup reads the files as they are now: a line removed, @revoked or changed by hand counts at the next check', async () => {
    const { store, userKnownHostsPath } = await storeIn([`db1.sea ${k1.text}`, `db2.sea ${k2.text}`]);
    expect(await store.check('db1.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'known', line: 1 });
    await writeFile(userKnownHostsPath, `db2.sea ${k2.text}\n`);
    expect(await store.check('db1.sea', 22, k1.keyType, k1.blob)).toMatchObject({ status: 'unknown' });
    expect(await store.check('db2.sea', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'known', line: 1 });
    await writeFile(userKnownHostsPath, `@revoked db2.sea ${k2.text}\ndb2.sea ${k2.text}\n`);
    expect(await store.check('db2.sea', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'revoked', line: 1 });
    // The same length, another key: a text compared, not a size or a time.
    await writeFile(userKnownHostsPath, `db2.sea ${k1.text}\n`);
    expect(await store.check('db2.sea', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'changed' });
  });

  test("keys accepted one after another (OpsDeck's file growing at its end) are found with their line numbers, beside lines added by hand", async () => {
    const { store, opsdeckKnownHostsPath } = await storeIn([]);
    const hosts = Array.from({ length: 12 }, (_, index) => `host${index}.nj`);
    for (const host of hosts) {
      expect(await store.knownKeyTypes(host, 22)).toEqual([]);
      await store.accept(host, 22, k1.keyType, k1.blob);
    }
    for (const [index, host] of hosts.entries()) expect(await store.check(host, 22, k1.keyType, k1.blob)).toEqual({ status: 'known', source: opsdeckKnownHostsPath, line: index + 1 });
    // A line glued to the end without a newline, then one more accepted: read whole again, still right.
    await writeFile(opsdeckKnownHostsPath, `${await readFile(opsdeckKnownHostsPath, 'utf8')}late.nj ${k2.text}`);
    expect(await store.check('late.nj', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'known', line: 13 });
    await store.accept('later.nj', 22, k2.keyType, k2.blob);
    expect(await store.check('later.nj', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'known', line: 14 });
    expect(await store.check('host3.nj', 22, k2.keyType, k2.blob)).toMatchObject({ status: 'changed' });
  });

  test('lookups made at once share a read and each gets its own answer', async () => {
    const { store } = await storeIn([`db1.sea ${k1.text}`, `[db2.sea]:2222 ${k2.text}`]);
    const answers = await Promise.all([
      store.check('db1.sea', 22, k1.keyType, k1.blob),
      store.knownKeyTypes('db2.sea', 2222),
      store.check('db2.sea', 22, k2.keyType, k2.blob),
      store.check('db1.sea', 22, k2.keyType, k2.blob),
    ]);
    expect(answers).toMatchObject([{ status: 'known', line: 1 }, [k2.keyType], { status: 'unknown' }, { status: 'changed' }]);
  });
});
