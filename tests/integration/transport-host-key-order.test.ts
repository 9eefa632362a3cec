// A real sshd with several host keys (RSA, ECDSA and ED25519, as a Debian
// install has): whichever one of them the operator's known_hosts records, the
// handshake asks for that type first (as OpenSSH does), so the host connects as
// known — never "changed" because ssh2's own order preferred another type.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';

let dir: string;
let clientKey: string;
let server: PrivateSshd;
const hostKeys: Record<'ed25519' | 'ecdsa' | 'rsa', string> = { ed25519: '', ecdsa: '', rsa: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-keyorder-'));
  clientKey = join(dir, 'id_ed25519');
  const publicKey = await generateKey(clientKey);
  hostKeys.ecdsa = await generateKey(join(dir, 'host_ecdsa'), 'ecdsa');
  hostKeys.ed25519 = await generateKey(join(dir, 'host_ed25519'), 'ed25519');
  // The server's own first key is RSA; ECDSA and ED25519 are offered too.
  server = await startPrivateSshd({
    authorizedKeys: [publicKey],
    hostKeyType: 'rsa',
    extraConfig: [`HostKey ${join(dir, 'host_ecdsa')}`, `HostKey ${join(dir, 'host_ed25519')}`],
  });
  hostKeys.rsa = server.hostPublicKey;
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

for (const recorded of ['rsa', 'ecdsa', 'ed25519'] as const) {
  test(`a host recorded only by its ${recorded} key connects as known, though it also has other key types`, async () => {
    const path = join(dir, `known_hosts_${recorded}`);
    await writeFile(path, `[127.0.0.1]:${server.port} ${hostKeys[recorded].split(' ').slice(0, 2).join(' ')}\n`);
    const asked: string[] = [];
    const pool = new SshPool({
      hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: path }),
      prompter: {
        confirmUnknownHostKey: async (question) => {
          asked.push(question.fingerprint);
          return false;
        },
        keyboardInteractive: async () => null,
        keyPassphrase: async () => null,
      },
      secrets: new MemorySecretStore(),
    });
    try {
      const route = { target: { label: 'multi-key', address: '127.0.0.1', port: server.port, user: 'root', identityFile: clientKey }, jumps: [] };
      const result = await pool.exec(route, 'echo ok');
      expect(result.stdout.trim()).toBe('ok');
      expect(asked).toEqual([]);
      // sshd logs the key type the client verified it with.
      const fingerprint = spawnSync('ssh-keygen', ['-lf', '-'], { input: `${hostKeys[recorded]}\n`, encoding: 'utf8' }).stdout.split(' ')[1];
      expect(fingerprint).toMatch(/^SHA256:/);
    } finally {
      await pool.dispose();
    }
  });
}
