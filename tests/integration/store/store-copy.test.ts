// `opsdeck store copy`: one operator's embedded history moved into a real
// PostgreSQL team store. The copy is whole (every row of every table of
// history, byte for byte where it is bytes), run twice it doubles nothing, a
// viewer then reads that history from the team store, and every table of the
// schema is either copied or left alone for a stated reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import { openPgliteClient } from '../../../main/engine/store/pglite-client';
import type { SqlClient } from '../../../main/engine/store/sql-client';
import { COPIED_TABLES, NOT_COPIED_TABLES, storeTables } from '../../../main/engine/store/store-copy';
import { runOpsdeck } from '../../support/cli-run';
import { makeTeamStore, startRealPostgres, type RealPostgres } from '../../support/real-postgres';

const DEMO_HOSTS = 14;
const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };
let server: RealPostgres;
let dir: string;
let dataDir: string;
const engines: Engine[] = [];

/** Per table, a fingerprint of every row: the key columns and an md5 of the whole row as text. */
async function tableDigest(query: (sql: string) => Promise<Record<string, unknown>[]>, table: string): Promise<string[]> {
  const rows = await query(`SELECT md5(t::text) AS digest FROM "${table}" t ORDER BY 1`);
  return rows.map((row) => String(row.digest));
}

function finished(engine: Engine): Promise<ScanFinishedEvent> {
  return new Promise((resolve) => engine.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-copy-'));
  dataDir = join(dir, 'alice');
  server = await startRealPostgres();
  await makeTeamStore(server, 'team', [{ login: 'carol', role: 'viewer' }]);
  // One operator's own history: two scans of the demo fleet in an embedded store.
  const alice = await createEngine({ dataDir, userKnownHostsPath: null, secrets: new MemorySecretStore(), prompter: acceptingPrompter, demoFleet: 'always', demoHosts: DEMO_HOSTS });
  engines.push(alice);
  for (let scan = 0; scan < 2; scan++) {
    const done = finished(alice);
    await alice.handlers['scan.start']({ scope: { kind: 'fleet' } });
    expect((await done).ok).toBe(DEMO_HOSTS);
  }
  await alice.dispose();
}, 240_000);

afterAll(async () => {
  for (const engine of engines) await engine.dispose().catch(() => {});
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('store copy into a real PostgreSQL team store', () => {
  test('every row of every table of history arrives as it was; a second copy adds nothing', async () => {
    const first = await runOpsdeck(['store', 'copy', '--from', dataDir, '--to', server.url('team')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^copying .*\/alice\/store → postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/team\n/);
    expect(first.stdout).toMatch(/ {2}scan_runs: 2 read, 2 added, 0 already there\n/);

    const embedded: SqlClient = await openPgliteClient(join(dataDir, 'store'));
    try {
      for (const { table } of COPIED_TABLES) {
        const source = await tableDigest((sql) => embedded.query(sql), table);
        const target = await tableDigest((sql) => server.sql('team', sql), table);
        expect(target, table).toEqual(source);
      }
      expect((await embedded.query<{ n: number }>('SELECT count(*)::int AS n FROM host_results'))[0]!.n).toBe(2 * DEMO_HOSTS);
    } finally {
      await embedded.close();
    }
    expect((await server.sql('team', 'SELECT count(*)::int AS n FROM command_outputs'))[0]!.n).toBeGreaterThan(2 * DEMO_HOSTS * 5);

    const second = await runOpsdeck(['store', 'copy', '--from', dataDir, '--to', server.url('team')]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/ {2}scan_runs: 2 read, 0 added, 2 already there\n/);
    expect(second.stdout).toMatch(/nothing to add: the target already holds all of it\n$/);
    expect((await server.sql('team', 'SELECT count(*)::int AS n FROM scan_runs'))[0]!.n).toBe(2);
  }, 120_000);

  test('a viewer reads the copied history from the team store: the status, the findings, a host with both scans', async () => {
    const carol = await createEngine({
      dataDir: join(dir, 'carol'),
      storeUrl: server.url('team', 'carol', 'carol-pw'),
      userKnownHostsPath: null,
      secrets: new MemorySecretStore(),
      prompter: acceptingPrompter,
      demoFleet: 'when-empty',
      demoHosts: DEMO_HOSTS,
    });
    engines.push(carol);
    const report = await carol.handlers['reports.status']({});
    expect(report.newestDataAt).not.toBeNull();
    expect((await carol.handlers['posture.findings']({})).length).toBeGreaterThan(0);
    const history = await carol.handlers['host.history']({ name: 'db1.nj' });
    expect(history.filter((entry) => entry.phase === 'done')).toHaveLength(2);
  }, 60_000);

  test('every table of the schema is either copied or left alone for a stated reason', async () => {
    const tables = (await server.sql('team', "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((row) => String(row.name));
    const embedded = await openPgliteClient(join(dataDir, 'store'));
    try {
      expect(await storeTables(embedded)).toEqual(tables);
    } finally {
      await embedded.close();
    }
    expect([...COPIED_TABLES.map((table) => table.table), ...Object.keys(NOT_COPIED_TABLES)].sort()).toEqual(tables);
  });

  test('a folder with no store, the same store twice, a missing --to: one sentence each, nothing written', async () => {
    const empty = await runOpsdeck(['store', 'copy', '--from', join(dir, 'nobody'), '--to', server.url('team')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--from .*\/nobody: no embedded store there/);
    const same = await runOpsdeck(['store', 'copy', '--from', server.url('team'), '--to', server.url('team')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--from and --to are the same store/);
    const noTarget = await runOpsdeck(['store', 'copy', '--from', dataDir]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/name the store to copy into/);
    expect((await server.sql('team', 'SELECT count(*)::int AS n FROM scan_runs'))[0]!.n).toBe(2);
  });
});
