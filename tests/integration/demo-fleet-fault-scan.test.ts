// A scan of the demo fleet where 10% of the hosts misbehave in each of the
// simulator's ways: every healthy host is still reported, and each faulty
// one with a reason an operator understands.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../preload/contract';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { demoKnownHosts } from '../../main/engine/demo-fleet/demo-known-hosts';
import { startDemoFleet, type DemoFleet } from '../../main/engine/demo-fleet/demo-ssh-server';
import { createEngine, type Engine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';

let dir: string;
let fleet: DemoFleet;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-faults-'));
  fleet = await startDemoFleet({ spec: demoFleetSpec({ hosts: 40 }), now: new Date(), dataDir: join(dir, 'demo'), faultRate: 0.1, faultSeed: 'fault-scan-test' });
  const inventoryPath = join(dir, 'inventory.yaml');
  await writeFile(inventoryPath, fleet.inventoryYaml);
  const dataDir = join(dir, 'data');
  await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
  await writeFile(join(dataDir, 'known_hosts'), demoKnownHosts(fleet));
  engine = await createEngine({
    dataDir,
    inventoryPath,
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    sshLimits: { connectTimeoutMs: 1500, commandTimeoutMs: 1200, retries: 0 },
  });
});

afterAll(async () => {
  await engine?.dispose();
  await fleet?.stop();
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_REASON: Record<string, RegExp> = {
  'no-banner': /handshake|timeout|timed out/i,
  'slow-banner': /handshake|timeout|timed out/i,
  'drop-mid-command': /dropped|closed|connection/i,
  'auth-failure': /auth failed/,
  'changed-host-key': /changed/,
  'slow-responses': /did not finish within/,
  'garbage-output': /not understood/,
};

test('every healthy host answers and every faulty host is reported with a reason', async () => {
  const finished = new Promise<ScanFinishedEvent>((resolve) =>
    engine.events.subscribe((name, payload) => {
      if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
    }),
  );
  await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  const outcome = await finished;
  expect(outcome.total).toBe(40);
  const faulty = fleet.faults;
  expect(Object.keys(faulty)).toHaveLength(28);
  for (const host of fleet.hosts) {
    const result = engine.scans.lastResult(host.name)!;
    const fault = faulty[host.name];
    if (!fault) {
      expect(result.phase, `${host.name} is healthy`).toBe('done');
      expect(result.identity?.hostname).toBe(host.name);
      continue;
    }
    expect(String(result.reason), `${host.name} (${fault.kind}): ${result.phase} ${result.reason}`).toMatch(EXPECTED_REASON[fault.kind]!);
    if (fault.kind !== 'garbage-output') expect(result.phase, `${host.name} (${fault.kind})`).toBe('failed');
  }
}, 60_000);
