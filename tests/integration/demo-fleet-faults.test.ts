// Each injected fault behaves as specified, affects only its host, and
// never hangs the bastion or the fleet's shutdown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAULT_KINDS } from '../../main/engine/demo-fleet/demo-faults';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { startDemoFleet, type DemoFleet } from '../../main/engine/demo-fleet/demo-ssh-server';
import { closed, connect, connectHost, exec, type Connected } from '../unit/demo-fleet/support/demo-ssh-client';

const now = new Date('2026-12-01T12:00:00Z');
const spec = demoFleetSpec();
let dataDir: string;
let fleet: DemoFleet;
let bastion: Connected;
const opened: Connected[] = [];

const address = (name: string) => spec.hosts.find((host) => host.name === name)!.address;
const fingerprint = (name: string) => fleet.hosts.find((host) => host.name === name)!.hostKeyFingerprint;

async function host(name: string, readyTimeout = 5_000): Promise<Connected> {
  const connected = await connectHost(bastion.client, address(name), fleet.clientKeyPath, { readyTimeout });
  opened.push(connected);
  return connected;
}

/** The bastion still serves healthy hosts while a fault is in progress. */
async function bastionStillWorks(): Promise<void> {
  const healthy = await host('imap1.nj');
  expect((await exec(healthy.client, 'env LC_ALL=C hostname')).stdout.toString()).toBe('imap1.nj\n');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-faults-'));
  fleet = await startDemoFleet({
    spec,
    now,
    dataDir,
    faults: {
      'imap2.nj': { kind: 'no-banner' },
      'mx2.nj': { kind: 'slow-banner', delayMs: 400 },
      'web2.nj': { kind: 'drop-mid-command' },
      'db2.nj': { kind: 'garbage-output' },
      'backup1.nj': { kind: 'auth-failure' },
      'cn1.nj': { kind: 'changed-host-key' },
      'cn3.nj': { kind: 'slow-responses', delayMs: 400 },
    },
  });
  bastion = await connect({ host: '127.0.0.1', port: fleet.bastions[0]!.port, privateKeyPath: fleet.clientKeyPath });
});

afterAll(async () => {
  for (const connected of opened) connected.client.end();
  bastion?.client.end();
  await fleet?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('demo fleet faults', () => {
  it('no-banner: the channel opens but no SSH banner ever comes', async () => {
    const started = Date.now();
    await expect(host('imap2.nj', 600)).rejects.toThrow(/Timed out while waiting for handshake/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    await bastionStillWorks();
  });

  it('slow-banner: the host answers after the delay', async () => {
    const started = Date.now();
    const slow = await host('mx2.nj');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect((await exec(slow.client, 'hostname')).stdout.toString()).toBe('mx2.nj\n');
  });

  it('drop-mid-command: output stops halfway, no exit status, the connection closes', async () => {
    const dropping = await host('web2.nj');
    const gone = closed(dropping.client);
    const result = await exec(dropping.client, 'sudo -n env LC_ALL=C nft -j list ruleset');
    expect(result.closedWithoutExit).toBe(true);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(() => JSON.parse(result.stdout.toString())).toThrow();
    await gone;
    await bastionStillWorks();
  });

  it('garbage-output: exit 0 but the output is not the tool format', async () => {
    const garbled = await host('db2.nj');
    const nft = await exec(garbled.client, 'sudo -n env LC_ALL=C nft -j list ruleset');
    expect(nft.code).toBe(0);
    expect(() => JSON.parse(nft.stdout.toString())).toThrow();
    const lsblk = await exec(garbled.client, 'env LC_ALL=C lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID');
    expect(() => JSON.parse(lsblk.stdout.toString())).toThrow();
  });

  it('auth-failure: the host refuses the demo key', async () => {
    await expect(host('backup1.nj')).rejects.toThrow(/All configured authentication methods failed/);
    await bastionStillWorks();
  });

  it('changed-host-key: the host presents a key other than the reported one', async () => {
    const impostor = await host('cn1.nj');
    expect(impostor.presentedFingerprint).toMatch(/^SHA256:/);
    expect(impostor.presentedFingerprint).not.toBe(fingerprint('cn1.nj'));
    const honest = await host('cn2.nj');
    expect(honest.presentedFingerprint).toBe(fingerprint('cn2.nj'));
  });

  it('slow-responses: every command answers after the delay, in parallel', async () => {
    const slow = await host('cn3.nj');
    const started = Date.now();
    const results = await Promise.all([exec(slow.client, 'hostname'), exec(slow.client, 'uname -v')]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(790);
    expect(results[0]!.stdout.toString()).toBe('cn3.nj\n');
  });

  it('faultRate picks that share of hosts for each kind, deterministically per seed', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-faults-rate-'));
    const big = demoFleetSpec({ hosts: 100 });
    const rated = await startDemoFleet({ spec: big, now, dataDir: otherDir, faultRate: 0.1, faultSeed: 'test' });
    const again = await startDemoFleet({ spec: big, now, dataDir: otherDir, faultRate: 0.1, faultSeed: 'test' });
    await rated.stop();
    await again.stop();
    await rm(otherDir, { recursive: true, force: true });
    for (const kind of DEMO_FAULT_KINDS) expect(Object.values(rated.faults).filter((fault) => fault.kind === kind)).toHaveLength(10);
    expect(again.faults).toEqual(rated.faults);
  });

  it('stop() ends everything promptly, hung channels included', async () => {
    // A connection left hanging on the no-banner host.
    void host('imap2.nj', 30_000).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await fleet.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
