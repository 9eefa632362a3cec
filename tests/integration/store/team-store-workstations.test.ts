// Issue 21's "done when": two workstations (two engines, two data folders)
// and one viewer share one real PostgreSQL. Both operators scan at the same
// time and every row of both scans is there; the viewer, with no inventory,
// no SSH key and no demo fleet, reads the status, the fleet and the history
// from the store, is offered no scan, and the server itself refuses its
// writes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { initTeamStore } from '../../../main/engine/store/team-store-admin';
import { runOpsdeck } from '../../support/cli-run';
import { startRealPostgres, type RealPostgres } from '../../support/real-postgres';

const DEMO_HOSTS = 14;
const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };
let server: RealPostgres;
let dir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-team-'));
  server = await startRealPostgres();
  await server.createDatabase('opsdeck');
  await initTeamStore(server.url('opsdeck'), [
    { login: 'alice', role: 'operator' },
    { login: 'bob', role: 'operator' },
    { login: 'carol', role: 'viewer' },
  ]);
  for (const login of ['alice', 'bob', 'carol']) await server.sql('postgres', `ALTER ROLE ${login} PASSWORD '${login}-pw'`);
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.dispose().catch(() => {});
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const keychains = new Map<string, MemorySecretStore>();
function keychainOf(login: string): MemorySecretStore {
  if (!keychains.has(login)) keychains.set(login, new MemorySecretStore());
  return keychains.get(login)!;
}

async function workstation(login: string, demo: 'always' | 'when-empty'): Promise<Engine> {
  const engine = await createEngine({
    dataDir: join(dir, login),
    storeUrl: server.url('opsdeck', login, `${login}-pw`),
    userKnownHostsPath: null,
    secrets: keychainOf(login),
    prompter: acceptingPrompter,
    demoFleet: demo,
    demoHosts: DEMO_HOSTS,
  });
  engines.push(engine);
  return engine;
}

function finished(engine: Engine): Promise<ScanFinishedEvent> {
  return new Promise((resolve) => engine.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
}

test('two operators scan at once into one team store: both scans whole; a viewer reads them with no inventory and cannot write', async () => {
  const alice = await workstation('alice', 'always');
  const bob = await workstation('bob', 'always');
  expect((await alice.handlers['app.info']({})).store).toMatchObject({ kind: 'team', user: 'alice', role: 'operator' });
  const [aliceDone, bobDone] = [finished(alice), finished(bob)];
  const [aliceRun, bobRun] = await Promise.all([alice.handlers['scan.start']({ scope: { kind: 'fleet' } }), bob.handlers['scan.start']({ scope: { kind: 'fleet' } })]);
  expect([(await aliceDone).ok, (await bobDone).ok]).toEqual([DEMO_HOSTS, DEMO_HOSTS]);
  await alice.dispose();
  await bob.dispose();

  const runs = await server.sql('opsdeck', 'SELECT run_id, operator, total, ok, (SELECT count(*)::int FROM host_results h WHERE h.run_id = r.run_id) AS hosts FROM scan_runs r ORDER BY run_id');
  expect(runs.map((run) => run.run_id).sort()).toEqual([aliceRun.runId, bobRun.runId].sort());
  for (const run of runs) expect(run).toMatchObject({ total: DEMO_HOSTS, ok: DEMO_HOSTS, hosts: DEMO_HOSTS });
  const outputs = await server.sql('opsdeck', 'SELECT run_id, count(*)::int AS n FROM command_outputs GROUP BY run_id');
  expect(outputs).toHaveLength(2);
  expect(outputs[0]!.n).toBe(outputs[1]!.n);
  expect(outputs[0]!.n).toBeGreaterThan(DEMO_HOSTS * 5);

  // The viewer starts like the app does (demo fleet when there is no inventory), yet gets the team's fleet, not a demo.
  const carol = await workstation('carol', 'when-empty');
  const info = await carol.handlers['app.info']({});
  expect(info.store).toMatchObject({ kind: 'team', user: 'carol', role: 'viewer' });
  expect(info.fleet.label).toMatch(/^Demo fleet \(simulated\) \(team store, recorded .* by (alice|bob)\)$/);
  expect(info.hostCount).toBe(DEMO_HOSTS);
  const fleet = await carol.handlers['fleet.get']({});
  expect(fleet.hosts.filter((host) => host.last?.phase === 'done')).toHaveLength(DEMO_HOSTS);
  const report = await carol.handlers['reports.status']({});
  expect(report.sites.map((site) => site.id)).toEqual(['nj', 'sea']);
  expect(report.newestDataAt).not.toBeNull();
  expect(report.controls.find((row) => row.control === 'necessaryCommunications')!.sites.find((site) => site.dc === 'nj')!.status).toBe('broken');
  const history = await carol.handlers['host.history']({ name: fleet.hosts[0]!.name });
  expect(history.length).toBeGreaterThanOrEqual(2);
  expect((await carol.handlers['posture.findings']({})).length).toBeGreaterThan(0);
  await expect(carol.handlers['scan.start']({ scope: { kind: 'fleet' } })).rejects.toThrow(/your team store role is viewer: scan.start needs operator/);

  // Not only hidden by the app: the server refuses the viewer's writes.
  const direct = new pg.Client({ connectionString: server.url('opsdeck', 'carol', 'carol-pw') });
  await direct.connect();
  try {
    await expect(direct.query("INSERT INTO scan_runs (run_id, started_at, scope, operator, fleet, total) VALUES ('forged', now(), '{}', 'carol', 'x', 1)")).rejects.toThrow(
      /permission denied for table scan_runs/,
    );
    await expect(direct.query('UPDATE host_result_rows SET phase = $1', ['done'])).rejects.toThrow(/permission denied for table host_result_rows/);
    await expect(direct.query('DELETE FROM result_docs')).rejects.toThrow(/permission denied for table result_docs/);
    await expect(direct.query('DELETE FROM output_blobs')).rejects.toThrow(/permission denied for table output_blobs/);
    await expect(direct.query('DELETE FROM audit_anchors')).rejects.toThrow(/permission denied for table audit_anchors/);
    expect((await direct.query('SELECT count(*)::int AS n FROM scan_runs')).rows).toEqual([{ n: 2 }]);
  } finally {
    await direct.end();
  }
});

test("each scan anchors its workstation's audit log in the team store; audit verify --anchors-from-store catches a truncated log", async () => {
  const anchors = await server.sql('opsdeck', 'SELECT workstation, seq, recorded_by FROM audit_anchors ORDER BY workstation');
  expect(anchors.map((anchor) => anchor.recorded_by).sort()).toEqual(['alice', 'bob']);
  const store = ['--store', server.url('opsdeck', 'alice', 'alice-pw')];
  const verified = await runOpsdeck(['audit', 'verify', '--anchors-from-store', '--data-dir', join(dir, 'alice'), ...store], {}, keychainOf('alice'));
  expect(verified.stdout).toMatch(/anchor from the team store: entry \d+, recorded /);
  expect(verified.code).toBe(0);
  // Anchors are the workstation's own rows: alice cannot rewrite hers, nor add one in bob's name.
  const direct = new pg.Client({ connectionString: server.url('opsdeck', 'alice', 'alice-pw') });
  await direct.connect();
  try {
    await expect(direct.query('UPDATE audit_anchors SET hash = $1', ['0'.repeat(64)])).rejects.toThrow(/permission denied for table audit_anchors/);
    await expect(direct.query("INSERT INTO audit_anchors (workstation, seq, hash, recorded_by) VALUES ('x', 1, 'h', 'bob')")).rejects.toThrow(/row-level security/);
  } finally {
    await direct.end();
  }
  const logPath = join(dir, 'alice', 'audit.log');
  const lines = (await readFile(logPath, 'utf8')).split('\n').filter(Boolean);
  await writeFile(logPath, `${lines.slice(0, -3).join('\n')}\n`);
  const truncated = await runOpsdeck(['audit', 'verify', '--anchors-from-store', '--data-dir', join(dir, 'alice'), ...store], {}, keychainOf('alice'));
  expect(truncated.code).toBe(1);
});
