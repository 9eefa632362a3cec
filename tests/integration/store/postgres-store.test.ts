// The team store on a real PostgreSQL server (Debian's postgresql-15, started
// privately for this file): the same ScanStore contract the embedded store
// passes, the same migrations, and the bad inputs an operator meets.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../../main/engine/store/migrations';
import { openTeamStore } from '../../../main/engine/store/open-store';
import { checkServerVersion, openPostgresClient } from '../../../main/engine/store/postgres-client';
import { initTeamStore, migrateTeamStore } from '../../../main/engine/store/team-store-admin';
import { describeScanStoreContract } from '../../support/scan-store-contract';
import { runOpsdeck } from '../../support/cli-run';
import { startRealPostgres, type RealPostgres } from '../../support/real-postgres';

let server: RealPostgres;
let databases = 0;

beforeAll(async () => {
  server = await startRealPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function freshDatabase(): Promise<string> {
  const name = `opsdeck_${++databases}`;
  await server.createDatabase(name);
  return name;
}

describeScanStoreContract('PostgreSQL server', async () => {
  const database = await freshDatabase();
  await initTeamStore(server.url(database));
  return openTeamStore(server.url(database));
});

describe('team store schema', () => {
  test('init runs every migration once, in order, and records them; a second init changes nothing', async () => {
    const database = await freshDatabase();
    const first = await initTeamStore(server.url(database));
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.from).toBe(0);
    const again = await initTeamStore(server.url(database));
    expect(again.applied).toEqual([]);
    const rows = await server.sql(database, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  test('a workstation refuses an older schema, naming both versions, and upgrades nothing; store migrate does', async () => {
    const database = await freshDatabase();
    await initTeamStore(server.url(database));
    const newest = MIGRATIONS.at(-1)!;
    await server.sql(database, 'DELETE FROM schema_migrations WHERE version = $1', [newest.version]);
    await server.sql(database, 'DROP TABLE fleet_snapshots'); // the newest migration's table
    const previous = MIGRATIONS.at(-2)!.version;
    await expect(openTeamStore(server.url(database))).rejects.toThrow(
      new RegExp(`schema version ${previous}; this OpsDeck needs schema version ${newest.version} \\(missing ${newest.version}\\): its owner runs "opsdeck store migrate`),
    );
    expect(await server.sql(database, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'fleet_snapshots'")).toEqual([{ n: 0 }]);
    const outcome = await migrateTeamStore(server.url(database));
    expect(outcome).toMatchObject({ from: previous, to: newest.version, applied: [newest.version] });
    const store = await openTeamStore(server.url(database));
    expect(store.identity).toMatchObject({ kind: 'team', user: 'postgres', role: 'owner' });
    await store.close();
  });

  test('a workstation refuses a newer schema, naming both versions', async () => {
    const database = await freshDatabase();
    await initTeamStore(server.url(database));
    await server.sql(database, "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    await expect(openTeamStore(server.url(database))).rejects.toThrow(/schema version 999, newer than this OpsDeck \(schema version \d+\)/);
  });
});

describe('bad input: a clear message, nothing written', () => {
  test('a URL that is not PostgreSQL, or names no database', async () => {
    await expect(openTeamStore('mysql://alice@db/opsdeck')).rejects.toThrow(/starts with "mysql:": a team store is PostgreSQL/);
    await expect(openTeamStore(`postgresql://postgres@127.0.0.1:${server.port}`)).rejects.toThrow(/names no database/);
    await expect(openTeamStore('not a url at all')).rejects.toThrow(/"not a url at all" is not a URL/);
  });

  test('nothing listening: says it cannot be reached, and where', async () => {
    const { freePort } = await import('../../support/private-sshd');
    const port = await freePort();
    await expect(openTeamStore(`postgresql://postgres:secret@127.0.0.1:${port}/opsdeck`)).rejects.toThrow(
      new RegExp(`team store postgresql://postgres:\\*\\*\\*@127.0.0.1:${port}/opsdeck cannot be reached: nothing listens there`),
    );
  });

  test('a wrong password: named as such, and the password never shown', async () => {
    const database = await freshDatabase();
    await initTeamStore(server.url(database));
    const error = await openTeamStore(server.url(database, 'postgres', 'not-the-password')).catch((e: Error) => e);
    expect(String(error)).toMatch(/refused the password of user "postgres" \(wrong password\)/);
    expect(String(error)).not.toContain('not-the-password');
  });

  test('a server older than supported is refused, naming its version; this one (15) passes the same check', async () => {
    expect(() => checkServerVersion(130011, '13.11 (Debian 13.11-0+deb11u1)', 'postgresql://alice@db/opsdeck')).toThrow(
      'the team store postgresql://alice@db/opsdeck runs PostgreSQL 13.11 (Debian 13.11-0+deb11u1); OpsDeck needs PostgreSQL 14 or newer',
    );
    const client = await openPostgresClient(server.url('postgres'));
    const [row] = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    await client.close();
    expect(() => checkServerVersion(Number(row!.v), '15', 'here')).not.toThrow();
  });

  test('a database of another application: refused by workstations and by init, its tables untouched', async () => {
    const database = await freshDatabase();
    await server.sql(database, 'CREATE TABLE schema_migrations (version varchar PRIMARY KEY)');
    await server.sql(database, 'CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)');
    await expect(openTeamStore(server.url(database))).rejects.toThrow(/holds another application's tables \(invoices, schema_migrations\), not an OpsDeck store; OpsDeck writes nothing to it/);
    await expect(initTeamStore(server.url(database))).rejects.toThrow(/holds another application's tables/);
    const tables = await server.sql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.map((t) => t.tablename)).toEqual(['invoices', 'schema_migrations']);
  });

  test('an empty database: told to run store init', async () => {
    const database = await freshDatabase();
    await expect(openTeamStore(server.url(database))).rejects.toThrow(/is an empty database: run "opsdeck store init/);
    expect(await server.sql(database, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  });
});

describe('opsdeck store commands', () => {
  test('store init makes members, store migrate finds nothing to do, a wrong password exits 2 in one sentence', async () => {
    const database = await freshDatabase();
    const init = await runOpsdeck(['store', 'init', server.url(database), '--operator', 'olga', '--viewer', 'vera']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`team store postgresql://postgres:***@127.0.0.1:${server.port}/${database}: schema version ${MIGRATIONS.at(-1)!.version}`);
    expect(init.stdout).toContain('member olga: operator\nmember vera: viewer');
    const members = await server.sql(
      database,
      "SELECT r.rolname AS login, g.rolname AS team FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname IN ('olga', 'vera') ORDER BY 1",
    );
    expect(members).toEqual([
      { login: 'olga', team: 'opsdeck_operator' },
      { login: 'vera', team: 'opsdeck_viewer' },
    ]);
    const migrate = await runOpsdeck(['store', 'migrate', server.url(database)]);
    expect(migrate.stdout).toContain('already at schema version');
    const wrong = await runOpsdeck(['store', 'migrate', server.url(database, 'postgres', 'wrong')]);
    expect(wrong).toMatchObject({ code: 2, stdout: '' });
    expect(wrong.stderr).toBe(`opsdeck store migrate: the team store postgresql://postgres:***@127.0.0.1:${server.port}/${database} refused the password of user "postgres" (wrong password)\n`);
  });
});
