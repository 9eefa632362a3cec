// Host-key questions over real SSH (the demo fleet on loopback) with a very
// short handshake timeout: a question answered long after that timeout still
// lets the scan complete, because no handshake is open while a person
// decides; a question nobody answers is declined without crashing anything;
// and the transport's own inline question (outside a scan) is safe too
// (ssh2 used to be answered after its connection had timed out, throwing
// "protocol._destruct is not a function" from inside its key exchange).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { OperatorPrompt, ScanFinishedEvent } from '../../preload/contract';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { startDemoFleet, type DemoFleet } from '../../main/engine/demo-fleet/demo-ssh-server';
import { createEngine, type Engine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';

const HANDSHAKE_TIMEOUT_MS = 800;
/** The smallest demo fleet (every role and planted problem): 7 hosts per site. */
const DEMO_HOSTS = 14;
/** An engine start (store, demo fleet), two scans and the waits, on a shared 2-core machine: a guard against hangs only. */
const SCAN_TEST_TIMEOUT_MS = 150_000;
/** Well beyond the handshake timeout (and its retries): a person reading fingerprints. */
const OPERATOR_THINKS_MS = 2.5 * HANDSHAKE_TIMEOUT_MS;

let dir: string;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
let engine: Engine | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-prompt-wait-'));
  process.on('uncaughtException', onUncaught);
});

afterEach(async () => {
  await engine?.dispose();
  engine = null;
  expect(uncaught, 'nothing was thrown outside a promise').toEqual([]);
});

afterAll(async () => {
  process.removeListener('uncaughtException', onUncaught);
  await rm(dir, { recursive: true, force: true });
});

function finishedScan(target: Engine): Promise<ScanFinishedEvent> {
  return new Promise((resolve) => target.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
}

async function demoEngine(name: string, promptTimeoutMs?: number): Promise<Engine> {
  return createEngine({
    dataDir: join(dir, name),
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    demoFleet: 'always',
    demoHosts: DEMO_HOSTS,
    sshLimits: { connectTimeoutMs: HANDSHAKE_TIMEOUT_MS, retries: 1, commandTimeoutMs: 5000 },
    ...(promptTimeoutMs ? { promptTimeoutMs } : {}),
  });
}

test(
  'host-key questions left open far longer than the handshake timeout, then accepted: the scan completes, asked once per site',
  async () => {
    engine = await demoEngine('slow-operator');
    const current = engine;
    const asked: OperatorPrompt[] = [];
    current.events.subscribe((name, payload) => {
      if (name !== 'operator:prompt') return;
      const prompt = payload as OperatorPrompt;
      asked.push(prompt);
      if (prompt.kind !== 'host-keys') return;
      setTimeout(() => void current.handlers['operator.answer']({ promptId: prompt.promptId, answer: { kind: 'host-keys', accept: prompt.keys.map((key) => key.id) } }), OPERATOR_THINKS_MS);
    });
    const finished = finishedScan(current);
    await current.handlers['scan.start']({ scope: { kind: 'fleet' } });
    const outcome = await finished;
    expect(outcome).toMatchObject({ total: DEMO_HOSTS, ok: DEMO_HOSTS, failed: 0, cancelled: false });
    const batches = asked.map((prompt) => (prompt.kind === 'host-keys' ? `${prompt.site}: ${prompt.keys.map((key) => `${key.label} (${key.hosts.length})`).join(', ')}` : prompt.kind));
    expect(batches.slice(0, 2)).toEqual(['nj: nj bastion (7)', 'sea: sea bastion (7)']);
    expect(batches.slice(2)).toEqual([expect.stringMatching(/^nj: (\S+\.nj \(1\)(, |$))+/), expect.stringMatching(/^sea: (\S+\.sea \(1\)(, |$))+/)]);
  },
  SCAN_TEST_TIMEOUT_MS,
);

test(
  'a question nobody answers is declined after the broker timeout: the hosts fail with a reason, nothing crashes, and the engine scans again',
  async () => {
    engine = await demoEngine('nobody-there', 2.5 * HANDSHAKE_TIMEOUT_MS);
    const first = finishedScan(engine);
    await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
    expect(await first).toMatchObject({ total: DEMO_HOSTS, ok: 0, failed: DEMO_HOSTS });
    expect(engine.scans.lastResult('imap1.nj')?.reason).toMatch(/host key of nj bastion .* was not accepted/);
    expect((await engine.handlers['scan.current']({})).prompts).toEqual([]);

    const current = engine;
    current.events.subscribe((name, payload) => {
      const prompt = payload as OperatorPrompt;
      if (name === 'operator:prompt' && prompt.kind === 'host-keys') {
        void current.handlers['operator.answer']({ promptId: prompt.promptId, answer: { kind: 'host-keys', accept: prompt.keys.map((key) => key.id) } });
      }
    });
    const second = finishedScan(current);
    await current.handlers['scan.start']({ scope: { kind: 'fleet' } });
    expect(await second).toMatchObject({ total: DEMO_HOSTS, ok: DEMO_HOSTS });
  },
  SCAN_TEST_TIMEOUT_MS,
);

test('outside a scan, the transport asks inline between attempts: an answer given after the handshake timeout is safe, accepted or refused', async () => {
  const fleet: DemoFleet = await startDemoFleet({ spec: demoFleetSpec({ hosts: DEMO_HOSTS }), now: new Date(), dataDir: join(dir, 'inline-demo') });
  const [nj] = fleet.bastions;
  const route = { target: { label: 'nj bastion', address: nj!.address, port: nj!.port, user: 'ops', identityFile: fleet.clientKeyPath }, jumps: [] };
  const slowAnswer = (accept: boolean) => () => new Promise<boolean>((resolve) => setTimeout(() => resolve(accept), OPERATOR_THINKS_MS));
  const poolWith = (accept: boolean) =>
    new SshPool({
      hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: join(dir, `inline-${accept}`, 'known_hosts') }),
      prompter: { confirmUnknownHostKey: slowAnswer(accept), keyboardInteractive: async () => null, keyPassphrase: async () => null },
      secrets: new MemorySecretStore(),
      limits: { connectTimeoutMs: HANDSHAKE_TIMEOUT_MS, retries: 0 },
    });
  const refusing = poolWith(false);
  const accepting = poolWith(true);
  try {
    await expect(refusing.exec(route, 'uname -s')).rejects.toMatchObject({ code: 'host-key-unknown-rejected' });
    const result = await accepting.exec(route, 'uname -s');
    expect(result.stdout).toBe('Linux\n');
  } finally {
    await refusing.dispose();
    await accepting.dispose();
    await fleet.stop();
  }
});
