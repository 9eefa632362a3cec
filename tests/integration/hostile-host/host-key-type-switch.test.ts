// A real key-type switch on a real sshd: the host's ED25519 key is accepted,
// then the same address and port answer with only an ECDSA or only an RSA
// host key (an impostor, or a reinstall nobody verified). OpsDeck must call it
// CHANGED, refuse it with and without --accept-new, name both fingerprints,
// and leave its known_hosts as it was.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';
import { freePort, generateKey, startPrivateSshd, type PrivateSshd } from '../../support/private-sshd';

let dir: string;
let publicKey: string;
let clientKey: string;
let port: number;
let inventoryPath: string;
let running: PrivateSshd | null = null;

function fingerprintOf(publicKeyLine: string): string {
  const listed = execFileSync('ssh-keygen', ['-lf', '-'], { input: `${publicKeyLine}\n`, encoding: 'utf8' });
  return listed.split(' ')[1]!;
}

async function serveWith(hostKeyType: 'ed25519' | 'ecdsa' | 'rsa'): Promise<PrivateSshd> {
  await running?.stop();
  running = await startPrivateSshd({ authorizedKeys: [publicKey], port, hostKeyType });
  return running;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-keyswitch-'));
  clientKey = join(dir, 'id_ed25519');
  publicKey = await generateKey(clientKey);
  port = await freePort();
  inventoryPath = join(dir, 'inventory.yaml');
  await writeFile(
    inventoryPath,
    [
      'datacentres:',
      '  - { id: nj, name: "Bridgewater, NJ", role: primary }',
      `defaults: { user: root, identity: ${clientKey}, sudo: false }`,
      'hosts:',
      `  - { name: mx1.nj, address: 127.0.0.1, port: ${port}, os: debian, dc: nj }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a host known by its ED25519 key that now offers only ECDSA or only RSA is refused as changed, with and without --accept-new', async () => {
  const env = { HOME: dir };
  const dataDir = join(dir, 'data');
  const scan = (...extra: string[]) => runOpsdeck(['scan', '--inventory', inventoryPath, '--data-dir', dataDir, '--host', 'mx1.nj', ...extra], env);

  const genuine = await serveWith('ed25519');
  const first = await scan('--accept-new');
  expect(first.code, first.stderr).toBe(0);
  const knownHostsPath = join(dataDir, 'known_hosts');
  const knownBefore = await readFile(knownHostsPath, 'utf8');
  expect(knownBefore.trim().split('\n')).toHaveLength(1);
  const genuineFingerprint = fingerprintOf(genuine.hostPublicKey);

  for (const type of ['ecdsa', 'rsa'] as const) {
    const impostor = await serveWith(type);
    const impostorFingerprint = fingerprintOf(impostor.hostPublicKey);
    for (const flags of [[], ['--accept-new']]) {
      const refused = await scan(...flags);
      expect(refused.code, `${type} ${flags.join(' ')}: ${refused.stderr}`).toBe(1);
      expect(refused.stderr).not.toMatch(/accepting new host key/);
      expect(refused.stderr).toMatch(/mx1\.nj: failed \(host key for mx1\.nj \(127\.0\.0\.1:\d+\) changed/);
      expect(refused.stderr).toContain(`known ssh-ed25519 ${genuineFingerprint}`);
      expect(refused.stderr).toContain(`now offered ${impostorFingerprint}`);
      expect(await readFile(knownHostsPath, 'utf8'), 'known_hosts is untouched').toBe(knownBefore);
      // The impostor never saw a login attempt: the connection was dropped at the key.
      expect(impostor.log()).not.toMatch(/Accepted publickey/);
    }
  }
});
