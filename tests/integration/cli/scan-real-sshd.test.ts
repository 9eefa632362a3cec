// `opsdeck scan --inventory …` against real OpenSSH servers: one host behind
// a bastion, one behind a two-hop ProxyJump chain (each hop may only open a
// tunnel to the next: PermitOpen). Every host's identity is printed and the
// audit log verifies.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';
import { freePort, generateKey, startPrivateSshd, type PrivateSshd } from '../../support/private-sshd';

let dir: string;
const servers: PrivateSshd[] = [];
let inventoryPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-cli-sshd-'));
  const clientKey = join(dir, 'id_ed25519');
  const publicKey = await generateKey(clientKey);
  const start = (extra: string[] = []) => startPrivateSshd({ authorizedKeys: [publicKey], extraConfig: extra });
  const target1 = await start(['AllowTcpForwarding no']);
  const target2 = await start(['AllowTcpForwarding no']);
  const jump2 = await start([`PermitOpen 127.0.0.1:${target2.port}`]);
  const jump1 = await start([`PermitOpen 127.0.0.1:${jump2.port}`]);
  const bastion = await start([`PermitOpen 127.0.0.1:${target1.port}`]);
  servers.push(target1, target2, jump2, jump1, bastion);
  expect(await freePort()).toBeGreaterThan(0);
  inventoryPath = join(dir, 'inventory.yaml');
  await writeFile(
    inventoryPath,
    [
      'datacentres:',
      `  - { id: nj, name: "Bridgewater, NJ", role: primary, bastion: { address: 127.0.0.1, port: ${bastion.port}, user: root } }`,
      '  - { id: sea, name: "Seattle, WA", role: secondary }',
      `defaults: { user: root, identity: ${clientKey}, sudo: false }`,
      'roles: { imap: {} }',
      'hosts:',
      `  - { name: imap1.nj, address: 127.0.0.1, port: ${target1.port}, os: auto, dc: nj, roles: [imap] }`,
      `  - { name: imap1.sea, address: 127.0.0.1, port: ${target2.port}, os: debian, dc: sea, roles: [imap],`,
      `      proxy_jump: [ { address: 127.0.0.1, port: ${jump1.port}, user: root }, { address: 127.0.0.1, port: ${jump2.port}, user: root } ] }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

test('scans through a bastion and a two-hop chain, prints each identity, and the audit log verifies', async () => {
  const env = { HOME: dir };
  const dataDir = join(dir, 'data');
  const refused = await runOpsdeck(['scan', '--inventory', inventoryPath, '--data-dir', dataDir], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/unknown host key for .*SHA256:.*refused \(verify it, then run again with --accept-new\)/);

  const result = await runOpsdeck(['scan', '--inventory', inventoryPath, '--data-dir', dataDir, '--accept-new'], env);
  expect(result.stderr).toMatch(/accepting new host key/);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`imap1\\.nj\\s+ok\\s+${hostname()}\\s+Debian GNU/Linux`));
  expect(result.stdout).toMatch(new RegExp(`imap1\\.sea\\s+ok\\s+${hostname()}\\s+Debian GNU/Linux`));
  expect(result.stdout).toContain('2/2 hosts answered');

  // Each hop opened exactly the tunnel it is allowed to.
  const [, target2, jump2, jump1, bastion] = servers;
  expect(bastion!.log()).toMatch(/direct-tcpip|port forwarding|Accepted publickey/);
  expect(jump1!.log()).toMatch(/Accepted publickey/);
  expect(jump2!.log()).toMatch(/Accepted publickey/);
  expect(target2!.log()).toMatch(/Accepted publickey/);

  const again = await runOpsdeck(['scan', '--inventory', inventoryPath, '--data-dir', dataDir, '--json', '--host', 'imap1.nj'], env);
  expect(again.code, 'accepted keys are remembered').toBe(0);
  // This machine's real `apt-get -s dist-upgrade`, run through a real sshd, parsed into patch facts.
  const [host] = (
    JSON.parse(again.stdout) as { hosts: { outputs: { id: string; exitCode: number | null; stdout: string }[]; facts: { patches?: { pendingUpdatesKnown: boolean; pendingUpdates: unknown[] } } }[] }
  ).hosts;
  const apt = host!.outputs.find((output) => output.id === 'patches.apt-simulation')!;
  expect(apt.exitCode).toBe(0);
  expect(host!.facts.patches?.pendingUpdatesKnown).toBe(true);
  expect(host!.facts.patches?.pendingUpdates).toHaveLength((apt.stdout.match(/^Inst /gm) ?? []).length);

  const verify = await runOpsdeck(['audit', 'verify', '--data-dir', dataDir], env);
  expect(verify.code).toBe(0);
  expect(verify.stdout).toMatch(/^OK .* entries, chain intact/);
});
