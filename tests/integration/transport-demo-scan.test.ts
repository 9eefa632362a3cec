// A scan of the demo fleet over real SSH: the transport probes run on each
// site's bastion, and the planted transport problems are findings on §5 —
// the secondary MX's certificate expiring in 12 days (and older than the
// primary's), TLS 1.0 on imap1.nj's POP3S — while the healthy services
// give none. Every probe is in the audit log under the bastion.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-transport-'));
  fleet = await startDemoFleet({ spec: demoFleetSpec({ hosts: 14 }), now: new Date(), dataDir: join(dir, 'demo') });
  const inventoryPath = join(dir, 'inventory.yaml');
  await writeFile(inventoryPath, fleet.inventoryYaml);
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'known_hosts'), demoKnownHosts(fleet));
  engine = await createEngine({
    dataDir,
    inventoryPath,
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
  });
}, 60_000);

afterAll(async () => {
  await engine?.dispose();
  await fleet?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the planted transport problems are §5 findings and the healthy services have none', async () => {
  const finished = new Promise<ScanFinishedEvent>((resolve) =>
    engine.events.subscribe((name, payload) => {
      if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
    }),
  );
  await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  await finished;
  const transport = fleet.hosts.flatMap((host) => engine.scans.lastResult(host.name)!.findings.filter((finding) => finding.area === 'transport'));
  expect(transport.map((finding) => finding.id).sort()).toEqual(
    [
      'transport.certificate-expiring:mx1.sea:smtp/25',
      'transport.certificate-expiring:mx1.sea:submission/587',
      'transport.certificate-expiring:mx1.sea:smtps/465',
      'transport.old-protocol:imap1.nj:pop3s/995',
      'transport.secondary-certificate-older:mx1.sea:smtp/25',
      'transport.secondary-certificate-older:mx1.sea:submission/587',
      'transport.secondary-certificate-older:mx1.sea:smtps/465',
    ].sort(),
  );
  expect(transport.every((finding) => finding.control === 'encryptedTransport')).toBe(true);
  const mx = engine.scans.lastResult('mx1.sea')!;
  const probe = mx.outputs.find((output) => output.id === 'transport.0.handshake')!;
  expect(probe.command).toMatch(/^env LC_ALL=C timeout 15 openssl s_client -connect '[^']+:25' -servername 'mx1\.sea' -starttls smtp -verify_hostname 'mx1\.sea' <\/dev\/null$/);
}, 120_000);
