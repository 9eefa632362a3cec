// The demo fleet over real SSH: bastions on loopback, hosts reached only
// through their own site's bastion with forwardOut, stable host keys, and
// the real OpenSSH client jumping through a bastion.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { demoKnownHosts } from '../../main/engine/demo-fleet/demo-known-hosts';
import { startDemoFleet, type DemoFleet } from '../../main/engine/demo-fleet/demo-ssh-server';
import { connect, connectHost, exec, forward, type Connected } from '../unit/demo-fleet/support/demo-ssh-client';
import ssh2 from 'ssh2';

const now = new Date('2026-12-01T12:00:00Z');
const spec = demoFleetSpec();
let dataDir: string;
let fleet: DemoFleet;
let bastion: Connected;
const cleanups: Array<() => unknown> = [];

const bastionOf = (dc: string) => fleet.bastions.find((each) => each.dc === dc)!;
const hostOf = (name: string) => fleet.hosts.find((each) => each.name === name)!;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-ssh-'));
  fleet = await startDemoFleet({ spec, now, dataDir });
  bastion = await connect({ host: '127.0.0.1', port: bastionOf('nj').port, privateKeyPath: fleet.clientKeyPath });
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  bastion?.client.end();
  await fleet?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('demo fleet over SSH', () => {
  it('reports two loopback bastions and every host with its address and key fingerprint', () => {
    expect(fleet.bastions.map((each) => [each.dc, each.address])).toEqual([
      ['nj', '127.0.0.1'],
      ['sea', '127.0.0.1'],
    ]);
    expect(fleet.hosts).toHaveLength(spec.hosts.length);
    expect(hostOf('imap1.nj')).toMatchObject({ address: '127.10.1.11', port: 22, hostKeyFingerprint: expect.stringMatching(/^SHA256:/) });
    expect(bastion.presentedFingerprint).toBe(bastionOf('nj').hostKeyFingerprint);
    expect(fleet.inventoryYaml).toContain(`port: ${bastionOf('nj').port}, user: ops, identity: ${fleet.clientKeyPath}`);
  });

  it('reaches imap1.nj through the nj bastion, with the reported host key, and runs its commands', async () => {
    const host = await connectHost(bastion.client, '127.10.1.11', fleet.clientKeyPath);
    cleanups.push(() => host.client.end());
    expect(host.presentedFingerprint).toBe(hostOf('imap1.nj').hostKeyFingerprint);
    expect(await exec(host.client, 'env LC_ALL=C hostname')).toMatchObject({ stdout: Buffer.from('imap1.nj\n'), stderr: '', code: 0 });
    const nft = await exec(host.client, 'sudo -n env LC_ALL=C nft -j list ruleset');
    expect(nft.code).toBe(0);
    expect((JSON.parse(nft.stdout.toString()) as { nftables: Array<Record<string, unknown>> }).nftables[0]).toHaveProperty('metainfo');
    const missing = await exec(host.client, 'env LC_ALL=C nosuchtool');
    expect(missing).toMatchObject({ stderr: 'sh: 1: nosuchtool: not found\n', code: 127 });
  });

  it('runs many channels in parallel on one host connection', async () => {
    const host = await connectHost(bastion.client, '127.10.1.14', fleet.clientKeyPath);
    cleanups.push(() => host.client.end());
    const commands = ['hostname', 'uname -r', 'cat /etc/os-release', 'ss -H -tulpn', 'findmnt -J', 'cat /proc/swaps', 'needrestart -b', 'borg list --json'];
    const results = await Promise.all(commands.map((command) => exec(host.client, `sudo -n env LC_ALL=C ${command}`)));
    expect(results.map((result) => result.code)).toEqual(commands.map(() => 0));
    expect(results[0]!.stdout.toString()).toBe('db1.nj\n');
    expect(JSON.parse(results[7]!.stdout.toString())).toHaveProperty('archives');
  });

  it("refuses to forward to the other site's hosts, to other ports and to unknown addresses", async () => {
    // ssh2's reject() answers SSH_OPEN_CONNECT_FAILED (reason 2) with no description.
    const refused = { message: expect.stringMatching(/Channel open failure/), reason: 2 };
    await expect(forward(bastion.client, hostOf('imap1.sea').address)).rejects.toMatchObject(refused);
    await expect(forward(bastion.client, 'imap1.sea')).rejects.toMatchObject(refused);
    await expect(forward(bastion.client, '127.10.1.11', 25)).rejects.toMatchObject(refused);
    await expect(forward(bastion.client, '127.10.9.9')).rejects.toMatchObject(refused);
    // The bastion connection is still fine afterwards.
    const host = await connectHost(bastion.client, 'imap1.nj', fleet.clientKeyPath);
    cleanups.push(() => host.client.end());
    expect((await exec(host.client, 'hostname')).stdout.toString()).toBe('imap1.nj\n');
    // The sea bastion reaches sea hosts.
    const sea = await connect({ host: '127.0.0.1', port: bastionOf('sea').port, privateKeyPath: fleet.clientKeyPath });
    cleanups.push(() => sea.client.end());
    const node = await connectHost(sea.client, hostOf('cn2.sea').address, fleet.clientKeyPath);
    cleanups.push(() => node.client.end());
    expect((await exec(node.client, 'env LC_ALL=C uname -v')).stdout.toString()).toMatch(/^joyent_\d{8}T\d{6}Z\n$/);
  });

  it('accepts only the demo client key for user ops', async () => {
    const otherKeyPath = join(dataDir, 'other-key');
    const other = ssh2.utils.generateKeyPairSync('ed25519');
    await writeFile(otherKeyPath, other.private, { mode: 0o600 });
    await expect(connect({ host: '127.0.0.1', port: bastionOf('nj').port, privateKeyPath: otherKeyPath })).rejects.toThrow(/authentication methods failed/);
    await expect(connect({ host: '127.0.0.1', port: bastionOf('nj').port, privateKeyPath: fleet.clientKeyPath, username: 'root' })).rejects.toThrow(/authentication methods failed/);
  });

  it('a restarted fleet on the same data folder presents the same host keys', async () => {
    const again = await startDemoFleet({ spec, now, dataDir });
    cleanups.push(() => again.stop());
    expect(again.bastions.map((each) => each.hostKeyFingerprint)).toEqual(fleet.bastions.map((each) => each.hostKeyFingerprint));
    expect(again.hosts.map((each) => each.hostKeyFingerprint)).toEqual(fleet.hosts.map((each) => each.hostKeyFingerprint));
    expect(again.clientKeyPath).toBe(fleet.clientKeyPath);
    const second = await connect({ host: '127.0.0.1', port: again.bastions[1]!.port, privateKeyPath: again.clientKeyPath });
    cleanups.push(() => second.client.end());
    const host = await connectHost(second.client, hostOf('backup1.sea').address, again.clientKeyPath);
    cleanups.push(() => host.client.end());
    expect(host.presentedFingerprint).toBe(hostOf('backup1.sea').hostKeyFingerprint);
    // A different data folder is a different fleet identity.
    const otherDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-ssh-other-'));
    const stranger = await startDemoFleet({ spec, now, dataDir: otherDir });
    await stranger.stop();
    await rm(otherDir, { recursive: true, force: true });
    expect(stranger.hosts[0]!.hostKeyFingerprint).not.toBe(fleet.hosts[0]!.hostKeyFingerprint);
  });

  it('speaks real SSH: OpenSSH jumps through the bastion with strict host key checking', async () => {
    const knownHosts = join(dataDir, 'known_hosts');
    const config = join(dataDir, 'ssh_config');
    await writeFile(knownHosts, demoKnownHosts(fleet));
    // -F carries the settings to the jump connection too (ssh passes -F to the ProxyJump ssh).
    await writeFile(
      config,
      [
        'Host *',
        '  StrictHostKeyChecking yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        `  IdentityFile ${fleet.clientKeyPath}`,
        '  IdentitiesOnly yes',
        '  BatchMode yes',
        '  ConnectTimeout 10',
        '',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(
      'ssh',
      [
        '-F',
        config,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-i',
        fleet.clientKeyPath,
        '-J',
        `ops@127.0.0.1:${bastionOf('nj').port}`,
        'ops@127.10.1.11',
        'hostname',
      ],
      { timeout: 20_000 },
    );
    expect(stdout).toBe('imap1.nj\n');
    // The same client refuses a host whose key does not match known_hosts.
    await writeFile(knownHosts, demoKnownHosts({ bastions: fleet.bastions, hosts: fleet.hosts.map((host) => ({ ...host, hostPublicKey: fleet.hosts[1]!.hostPublicKey })) }));
    await expect(promisify(execFile)('ssh', ['-F', config, '-J', `ops@127.0.0.1:${bastionOf('nj').port}`, 'ops@127.10.1.11', 'hostname'], { timeout: 20_000 })).rejects.toMatchObject({
      stderr: expect.stringMatching(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/),
    });
  });

  it('stop() releases every socket and timer it created', async () => {
    const count = () => {
      const counts = new Map<string, number>();
      for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
      return { servers: counts.get('TCPServerWrap') ?? 0, sockets: counts.get('TCPSocketWrap') ?? 0, timers: counts.get('Timeout') ?? 0 };
    };
    const before = count();
    const dir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-ssh-leak-'));
    const small = await startDemoFleet({ spec, now, dataDir: dir, faults: { 'mx2.nj': { kind: 'slow-responses', delayMs: 60_000 } } });
    const outer = await connect({ host: '127.0.0.1', port: small.bastions[0]!.port, privateKeyPath: small.clientKeyPath });
    const inner = await connectHost(outer.client, '127.10.1.11', small.clientKeyPath);
    await exec(inner.client, 'hostname');
    const slow = await connectHost(outer.client, '127.10.1.19', small.clientKeyPath);
    void exec(slow.client, 'hostname').catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count().servers).toBe(before.servers + 2);
    await small.stop();
    for (const client of [inner.client, slow.client, outer.client]) client.end();
    for (let tries = 0; tries < 50; tries++) {
      const now = count();
      if (now.servers === before.servers && now.sockets <= before.sockets && now.timers <= before.timers) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(count().servers).toBe(before.servers);
    expect(count().sockets).toBeLessThanOrEqual(before.sockets);
    expect(count().timers).toBeLessThanOrEqual(before.timers);
    await rm(dir, { recursive: true, force: true });
  });
});
