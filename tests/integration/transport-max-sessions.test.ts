// sshd frees a session slot only after it has reaped the command and closed
// the channel on its side, so channels opened as fast as others close are
// sometimes refused ("no more sessions") below MaxSessions as the client
// counts them. The pool tries such a refused channel again; every command runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';

let dir: string;
let sshd: PrivateSshd;
let clientKey: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-max-sessions-'));
  clientKey = join(dir, 'id_ed25519');
  sshd = await startPrivateSshd({ authorizedKeys: [await generateKey(clientKey)], extraConfig: ['MaxSessions 2'] });
});

afterAll(async () => {
  await sshd?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('channels refused under MaxSessions churn are opened again, and every command answers', async () => {
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`);
  const pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
    limits: { maxChannelsPerConnection: 2 },
  });
  const route = { target: { label: 'churn', address: '127.0.0.1', port: sshd.port, user: 'root', identityFile: clientKey }, jumps: [] };
  try {
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => pool.exec(route, 'true')));
    const failures = results.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason?.message));
    expect(failures).toEqual([]);
  } finally {
    await pool.dispose();
  }
  expect(sshd.log(), 'the server did refuse channels, so the retry was exercised').toMatch(/no more sessions/);
});
