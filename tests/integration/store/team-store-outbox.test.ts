// Issue 21's faults: the team store (a real PostgreSQL) dies mid-scan with
// `pg_ctl stop -m immediate` and comes back. The scan goes on, its results
// wait in the workstation's outbox, the app says it is offline and since
// when, and once the server is back every result is written, in order, once.
// And a workstation stopped while results wait writes them when it starts
// again: nothing lost, nothing doubled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { ScanOutbox } from '../../../main/engine/store/scan-outbox';
import { makeTeamStore, startRealPostgres, type RealPostgres } from '../../support/real-postgres';

const DEMO_HOSTS = 40;
const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };
let server: RealPostgres;
let dir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-outbox-'));
  server = await startRealPostgres();
  await makeTeamStore(server, 'opsdeck', [{ login: 'alice', role: 'operator' }]);
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.dispose().catch(() => {});
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function workstation(): Promise<Engine> {
  const engine = await createEngine({
    dataDir: join(dir, 'alice'),
    storeUrl: server.url('opsdeck', 'alice', 'alice-pw'),
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    prompter: acceptingPrompter,
    demoFleet: 'always',
    demoHosts: DEMO_HOSTS,
    outboxRetryMs: 200,
  });
  engines.push(engine);
  return engine;
}

function finished(engine: Engine): Promise<ScanFinishedEvent> {
  return new Promise((resolve) => engine.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runRows(runId: string): Promise<{ finished: boolean; ok: number | null; hosts: number; distinctHosts: number }> {
  const [run] = await server.sql('opsdeck', 'SELECT finished_at IS NOT NULL AS finished, ok FROM scan_runs WHERE run_id = $1', [runId]);
  const [hosts] = await server.sql('opsdeck', 'SELECT count(*)::int AS n, count(DISTINCT host)::int AS d FROM host_results WHERE run_id = $1', [runId]);
  return { finished: Boolean(run?.finished), ok: (run?.ok as number | null) ?? null, hosts: Number(hosts!.n), distinctHosts: Number(hosts!.d) };
}

test('the server dies mid-scan: the scan finishes, the app says offline since when, and every result is written once when it is back', async () => {
  const alice = await workstation();
  const notices: string[] = [];
  let crashed: Promise<void> | null = null;
  alice.events.subscribe((name, payload) => {
    if (name === 'app:notice') notices.push((payload as { message: string }).message);
    // Three results in, the server dies as on a power cut.
    if (name === 'scan:host-result' && !crashed && notices.length === 0) crashed = server.crash();
  });
  const done = finished(alice);
  const { runId } = await alice.handlers['scan.start']({ scope: { kind: 'fleet' } });
  const outcome = await done;
  await crashed;
  // No host failed for want of the store: their results are kept locally.
  expect(outcome.ok).toBe(DEMO_HOSTS);
  const info = await alice.handlers['app.info']({});
  expect(info.store.offline).toMatchObject({ since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  expect(info.store.offline!.queued).toBeGreaterThan(0);
  expect(notices.find((message) => message.includes('cannot be reached since'))).toMatch(/scan results are kept on this workstation \(.*outbox\) and written there, in order, when it returns/);

  await server.start();
  await until('the outbox is written', async () => (await alice.handlers['app.info']({})).store.offline === null);
  expect(notices.at(-1)).toMatch(/is back: every scan result kept while it was away is written/);
  expect(await runRows(runId)).toEqual({ finished: true, ok: DEMO_HOSTS, hosts: DEMO_HOSTS, distinctHosts: DEMO_HOSTS });
  const [outputs] = await server.sql('opsdeck', 'SELECT count(*)::int AS n FROM command_outputs WHERE run_id = $1', [runId]);
  expect(Number(outputs!.n)).toBeGreaterThan(DEMO_HOSTS * 5);
  await alice.dispose();
}, 180_000);

test('a workstation stopped while results wait writes them when it starts again, and nothing twice', async () => {
  const alice = await workstation();
  await server.crash();
  const done = finished(alice);
  const { runId } = await alice.handlers['scan.start']({ scope: { kind: 'fleet' } });
  expect((await done).ok).toBe(DEMO_HOSTS);
  const queued = (await alice.handlers['app.info']({})).store.offline!.queued;
  // run start, every host, run end (and any findings changed by the fleet step)
  expect(queued).toBeGreaterThanOrEqual(DEMO_HOSTS + 2);
  await alice.dispose();
  const left = ScanOutbox.inDataDir(join(dir, 'alice'));
  expect(await left.count()).toBe(queued);
  await left.close();

  await server.start();
  const again = await workstation();
  const resumed = (await again.handlers['app.info']({})).notices.find((message) => message.includes('are being written to'));
  expect(resumed).toMatch(new RegExp(`^${queued} scan writes kept on this workstation \\(.*outbox\\) while the team store was away, since \\d{4}-`));
  await until('the outbox left by the stopped session is written', async () => (await again.handlers['app.info']({})).store.offline === null);
  expect(await runRows(runId)).toEqual({ finished: true, ok: DEMO_HOSTS, hosts: DEMO_HOSTS, distinctHosts: DEMO_HOSTS });
  const reopened = ScanOutbox.inDataDir(join(dir, 'alice'));
  expect(await reopened.count()).toBe(0);
  await reopened.close();
}, 180_000);
