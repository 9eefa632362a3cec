// The patch SLA clock through the whole engine: two scans of the demo fleet's
// imap1.nj three days apart on a controllable clock (no sleeps), recorded in
// the real embedded store. The first scan can only say "first seen by this
// scan"; the second reads the first sighting back from the store and reports
// the observed age, past the role's 24 h SLA.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../preload/contract';
import { parseDemoCommand } from '../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../main/engine/demo-fleet/demo-inventory-yaml';
import { demoHostProfile } from '../../main/engine/demo-fleet/profiles/demo-host-profile';
import { createEngine, type Engine } from '../../main/engine/engine';
import type { CommandExecutor, ExecOutcome } from '../../main/engine/scan/command-executor';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';

const HOST = 'imap1.nj';
const T0 = new Date('2026-12-01T08:00:00Z');
const spec = demoFleetSpec();
let clock = T0;
let dir: string;
let engine: Engine;

/** Answers as the demo host would at the engine's current time: the hosts age with the clock. */
const demoExecutor: CommandExecutor = {
  async exec(route, command): Promise<ExecOutcome> {
    const host = spec.hosts.find((candidate) => candidate.name === route.target.label);
    if (!host) throw new Error(`the test executor knows no demo host ${route.target.label}`);
    const answer = demoHostProfile(spec, host, clock).answer(parseDemoCommand(command));
    return { stdout: answer.stdout.toString('utf8'), stderr: answer.stderr.toString('utf8'), exitCode: answer.exitCode, signal: null, durationMs: 1 };
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-patch-sla-'));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const inventoryPath = join(dir, 'inventory.yaml');
  // The executor replaces SSH, so bastions and key are never used.
  const bastions = spec.datacentres.map((dc) => ({ dc: dc.id, address: '127.0.0.1', port: 1 }));
  await writeFile(inventoryPath, demoInventoryYaml({ spec, bastions, clientKeyPath: join(dir, 'unused-key') }));
  engine = await createEngine({
    dataDir,
    inventoryPath,
    userKnownHostsPath: null,
    demoFleet: 'never',
    secrets: new MemorySecretStore(),
    executor: demoExecutor,
    now: () => clock,
  });
});

afterAll(async () => {
  await engine?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function scanHost(): Promise<void> {
  const finished = new Promise<ScanFinishedEvent>((resolve) => {
    const unsubscribe = engine.events.subscribe((name, payload) => {
      if (name !== 'scan:finished') return;
      unsubscribe();
      resolve(payload as ScanFinishedEvent);
    });
  });
  await engine.handlers['scan.start']({ scope: { kind: 'host', name: HOST } });
  const outcome = await finished;
  expect(engine.scans.lastResult(HOST)?.phase, `${HOST}: ${engine.scans.lastResult(HOST)?.reason ?? ''}`).toBe('done');
  expect(outcome.total).toBe(1);
}

async function securityFinding() {
  const findings = await engine.handlers['posture.findings']({});
  const found = findings.find((finding) => finding.host === HOST && finding.id.startsWith('patches.security-updates:'));
  expect(found, `no security-updates finding for ${HOST} among ${findings.map((each) => each.id).join(', ')}`).toBeDefined();
  return found!;
}

test('first scan: the clock starts; three days later the age is observed and past the SLA', async () => {
  await scanHost();
  const first = await securityFinding();
  expect(first.title).toMatch(/^\d+ security updates pending, first seen by this scan \(SLA 24 h\)$/);
  expect(first.severity).toBe('info');

  clock = new Date(T0.getTime() + (3 * 24 + 2) * 3_600_000);
  await scanHost();
  const second = await securityFinding();
  expect(second.title).toMatch(/^\d+ security updates pending for 3 d 2 h \(SLA 24 h\)$/);
  // 50 h past a 24 h SLA: more than one SLA over, at most three → high.
  expect(second.severity).toBe('high');
  expect(second.detail).toMatch(/openssl .* → .*: pending for 3 d 2 h/);
}, 60_000);
