// A host reachable only through its bastion: the target sits in a network
// namespace that only the bastion's namespace can reach (no forwarding), so
// a successful command proves the path went through the bastion.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { ip, removeStaleNamespaces } from '../support/netns';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';
import { tcpAnswers } from '../support/tcp-answers';

const tag = Math.random().toString(36).slice(2, 7);
const BASTION_NS = `odt-bas-${tag}`;
const TARGET_NS = `odt-tgt-${tag}`;
const servers: PrivateSshd[] = [];
let dir: string;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test builds network namespaces and must run as root');
  removeStaleNamespaces('odt-bas-');
  removeStaleNamespaces('odt-tgt-');
  ip('netns', 'add', BASTION_NS);
  ip('netns', 'add', TARGET_NS);
  ip('link', 'add', `odb${tag}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', BASTION_NS);
  ip('addr', 'add', '10.251.7.1/30', 'dev', `odb${tag}`);
  ip('link', 'set', `odb${tag}`, 'up');
  ip('-n', BASTION_NS, 'addr', 'add', '10.251.7.2/30', 'dev', 'eth0');
  ip('-n', BASTION_NS, 'link', 'set', 'eth0', 'up');
  ip('-n', BASTION_NS, 'link', 'set', 'lo', 'up');
  ip('-n', BASTION_NS, 'link', 'add', 'eth1', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', TARGET_NS);
  ip('-n', BASTION_NS, 'addr', 'add', '10.252.7.1/30', 'dev', 'eth1');
  ip('-n', BASTION_NS, 'link', 'set', 'eth1', 'up');
  ip('-n', TARGET_NS, 'addr', 'add', '10.252.7.2/30', 'dev', 'eth0');
  ip('-n', TARGET_NS, 'link', 'set', 'eth0', 'up');
  ip('-n', TARGET_NS, 'link', 'set', 'lo', 'up');
  // The root namespace must never send the target's traffic anywhere else
  // (its default route leads off this machine): mark the subnet unreachable.
  ip('route', 'replace', 'unreachable', '10.252.7.0/30');
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-netns-'));
}, 30_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  try {
    ip('route', 'delete', 'unreachable', '10.252.7.0/30');
  } catch {
    // already gone
  }
  removeStaleNamespaces(`odt-bas-${tag}`);
  removeStaleNamespaces(`odt-tgt-${tag}`);
  await rm(dir, { recursive: true, force: true });
});

test('reaches a host in a namespace that only its bastion can reach', async () => {
  const clientKey = join(dir, 'id_ed25519');
  const publicKey = await generateKey(clientKey);
  const bastion = await startPrivateSshd({ authorizedKeys: [publicKey], netns: BASTION_NS, listenAddress: '10.251.7.2', port: 22 });
  const target = await startPrivateSshd({ authorizedKeys: [publicKey], netns: TARGET_NS, listenAddress: '10.252.7.2', port: 22, extraConfig: ['AllowTcpForwarding no'] });
  servers.push(bastion, target);
  expect(await tcpAnswers('10.252.7.2', 22, 1000), 'the target must not be reachable directly').toBe(false);
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, [`10.251.7.2 ${bastion.hostPublicKey.split(' ').slice(0, 2).join(' ')}`, `10.252.7.2 ${target.hostPublicKey.split(' ').slice(0, 2).join(' ')}`].join('\n') + '\n');
  const pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
  });
  const route = {
    target: { label: 'db1.sea', address: '10.252.7.2', port: 22, user: 'root', identityFile: clientKey },
    jumps: [{ label: 'sea bastion', address: '10.251.7.2', port: 22, user: 'root', identityFile: clientKey }],
  };
  const result = await pool.exec(route, 'ip -4 -o addr show dev eth0');
  expect(result.stdout).toContain('10.252.7.2/30');
  expect(target.log()).toMatch(/Accepted publickey for root from 10\.252\.7\.1/);
  await pool.dispose();
});
