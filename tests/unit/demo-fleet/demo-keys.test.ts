import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { demoHostKey, hostKeyFile } from '../../../main/engine/demo-fleet/demo-host-keys';
import { ed25519FromSeed, openSshPrivateKeyFile } from '../../../main/engine/demo-fleet/openssh-key-format';
import { sha256Fingerprint } from '../../../main/engine/ssh/fingerprint';

const SEED = Buffer.alloc(32, 7);

describe('demo host keys', () => {
  it('are deterministic per fleet seed and machine name, and differ otherwise', () => {
    expect(demoHostKey(SEED, 'imap1.nj').fingerprint).toBe(demoHostKey(Buffer.from(SEED), 'imap1.nj').fingerprint);
    expect(demoHostKey(SEED, 'imap1.nj').fingerprint).not.toBe(demoHostKey(SEED, 'imap1.sea').fingerprint);
    expect(demoHostKey(SEED, 'imap1.nj').fingerprint).not.toBe(demoHostKey(Buffer.alloc(32, 8), 'imap1.nj').fingerprint);
    expect(demoHostKey(SEED, 'imap1.nj', 'changed').fingerprint).not.toBe(demoHostKey(SEED, 'imap1.nj').fingerprint);
    expect(demoHostKey(SEED, 'imap1.nj').fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('serialise to an OpenSSH private key that ssh2 parses to the same public key', () => {
    const key = demoHostKey(SEED, 'db1.sea');
    const file = hostKeyFile(key, 'db1.sea');
    expect(file).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    const parsed = ssh2.utils.parseKey(file);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('unparsable');
    expect(parsed.type).toBe('ssh-ed25519');
    expect(sha256Fingerprint(parsed.getPublicSSH())).toBe(key.fingerprint);
    expect(`ssh-ed25519 ${parsed.getPublicSSH().toString('base64')}`).toBe(key.publicKeyLine);
    // And it signs what the public key verifies.
    const signature = parsed.sign(Buffer.from('hello'));
    expect(parsed.verify(Buffer.from('hello'), signature as Buffer)).toBe(true);
  });

  it('real ssh-keygen reads the private key file and prints the same fingerprint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-demo-key-'));
    const path = join(dir, 'key');
    const pair = ed25519FromSeed(Buffer.alloc(32, 3));
    writeFileSync(path, openSshPrivateKeyFile(pair, 'root@test'), { mode: 0o600 });
    const publicLine = execFileSync('ssh-keygen', ['-y', '-f', path], { encoding: 'utf8' });
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', path], { encoding: 'utf8' });
    const key = demoHostKey(Buffer.alloc(32, 3), 'unused');
    expect(publicLine.split(' ')[0]).toBe('ssh-ed25519');
    expect(fingerprint).toMatch(/^256 SHA256:\S+ root@test \(ED25519\)\n$/);
    expect(sha256Fingerprint(Buffer.from(publicLine.split(' ')[1]!, 'base64'))).toBe(fingerprint.split(' ')[1]);
    expect(key.pair.seed).not.toEqual(pair.seed);
  });
});
