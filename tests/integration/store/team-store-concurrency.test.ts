// Issue 21's concurrency: four workstations (four engines, four data folders,
// four demo fleets) write 50 scans into one real PostgreSQL at the same time.
// Afterwards every scan is there whole — its run row finished with all hosts
// answered, each host once, every host's outputs — and no row belongs to a
// scan that is not there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { makeTeamStore, startRealPostgres, type RealPostgres } from '../../support/real-postgres';

const DEMO_HOSTS = 14;
const SCANS = 50;
const OPERATORS = ['alice', 'bob', 'dave', 'erin'];
const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };
let server: RealPostgres;
let dir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-team-4-'));
  server = await startRealPostgres();
  await makeTeamStore(
    server,
    'opsdeck',
    OPERATORS.map((login) => ({ login, role: 'operator' as const })),
  );
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.dispose().catch(() => {});
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function scanOnce(engine: Engine): Promise<{ runId: string; ok: number }> {
  const done = new Promise<ScanFinishedEvent>((resolve) => {
    const off = engine.events.subscribe((name, payload) => {
      if (name !== 'scan:finished') return;
      off();
      resolve(payload as ScanFinishedEvent);
    });
  });
  const { runId } = await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  return { runId, ok: (await done).ok };
}

test('four engines write 50 scans into one team store at once: every scan is there whole, nothing else is', async () => {
  for (const login of OPERATORS) {
    engines.push(
      await createEngine({
        dataDir: join(dir, login),
        storeUrl: server.url('opsdeck', login, `${login}-pw`),
        userKnownHostsPath: null,
        secrets: new MemorySecretStore(),
        prompter: acceptingPrompter,
        demoFleet: 'always',
        demoHosts: DEMO_HOSTS,
      }),
    );
  }
  let started = 0;
  const finished: Array<{ runId: string; ok: number; by: string }> = [];
  // Each engine scans again as soon as its last scan finished, until 50 have been started: four at once throughout.
  await Promise.all(
    engines.map(async (engine, index) => {
      while (started < SCANS) {
        started++;
        finished.push({ ...(await scanOnce(engine)), by: OPERATORS[index]! });
      }
    }),
  );
  expect(finished).toHaveLength(SCANS);
  expect(new Set(finished.map((scan) => scan.by))).toEqual(new Set(OPERATORS));
  for (const scan of finished) expect(scan.ok, scan.runId).toBe(DEMO_HOSTS);

  const runs = await server.sql(
    'opsdeck',
    `SELECT r.run_id, r.operator, r.total, r.ok, r.finished_at IS NOT NULL AS finished,
            (SELECT count(*)::int FROM host_results h WHERE h.run_id = r.run_id) AS hosts,
            (SELECT count(DISTINCT host)::int FROM host_results h WHERE h.run_id = r.run_id AND h.phase = 'done') AS answered,
            (SELECT count(*)::int FROM command_outputs o WHERE o.run_id = r.run_id) AS outputs
       FROM scan_runs r`,
  );
  expect(runs.map((run) => run.run_id).sort()).toEqual(finished.map((scan) => scan.runId).sort());
  for (const run of runs) expect(run, String(run.run_id)).toMatchObject({ total: DEMO_HOSTS, ok: DEMO_HOSTS, finished: true, hosts: DEMO_HOSTS, answered: DEMO_HOSTS });
  // Every scan of the same fleet ran the same commands: no scan lost outputs to another's writes.
  expect(new Set(runs.map((run) => run.outputs)).size).toBe(1);
  expect(Number(runs[0]!.outputs)).toBeGreaterThan(DEMO_HOSTS * 5);
  const [orphans] = await server.sql('opsdeck', 'SELECT count(*)::int AS n FROM host_result_rows h WHERE NOT EXISTS (SELECT 1 FROM scan_runs r WHERE r.run_id = h.run_id)');
  expect(orphans!.n).toBe(0);
}, 600_000);
