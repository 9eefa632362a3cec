// What the team store's owner runs: init (schema, roles, grants, members)
// and migrate (the explicit upgrade a workstation never does by itself).
import { MIGRATIONS, migrate } from './migrations';
import { openPostgresClient, type PostgresClient } from './postgres-client';
import { schemaVersion } from './team-store-schema';
import { addTeamMember, grantTeamRoles, type TeamRole } from './team-store-roles';

export interface TeamMember {
  login: string;
  role: Exclude<TeamRole, 'owner'>;
}

export interface AdminOutcome {
  where: string;
  from: number;
  to: number;
  applied: number[];
}

export async function initTeamStore(url: string, members: TeamMember[] = []): Promise<AdminOutcome> {
  return withOwnerClient(url, 'init', async (sql) => {
    const tables = (await sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()')).map((row) => row.name);
    if (tables.length > 0 && !tables.includes('opsdeck_store')) {
      throw new Error(`the database ${sql.where} holds another application's tables (${tables.slice(0, 5).join(', ')}): create a database of its own for OpsDeck (createdb opsdeck)`);
    }
    const outcome = await migrateWith(sql);
    for (const member of members) await addTeamMember(sql, member.login, member.role);
    return outcome;
  });
}

export async function migrateTeamStore(url: string): Promise<AdminOutcome> {
  return withOwnerClient(url, 'migrate', async (sql) => {
    const [marker] = await sql.query<{ n: number }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'opsdeck_store'");
    if (Number(marker!.n) === 0) throw new Error(`${sql.where} is not an OpsDeck team store: run "opsdeck store init" on an empty database first`);
    return migrateWith(sql);
  });
}

async function migrateWith(sql: PostgresClient): Promise<AdminOutcome> {
  const before = await sql.query<{ n: number }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'");
  const from = Number(before[0]!.n) === 0 ? 0 : schemaVersion((await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
  // Two owners migrating at once: the second waits for the first, then finds nothing left to do.
  const applied = await sql.withConnection(async (query) => {
    await query("SELECT pg_advisory_lock(hashtext('opsdeck.migrate'))");
    try {
      return await migrate(sql);
    } finally {
      await query("SELECT pg_advisory_unlock(hashtext('opsdeck.migrate'))");
    }
  });
  await grantTeamRoles(sql);
  return { where: sql.where, from, to: schemaVersion(MIGRATIONS.map((migration) => migration.version)), applied };
}

async function withOwnerClient<T>(url: string, what: string, work: (sql: PostgresClient) => Promise<T>): Promise<T> {
  const sql = await openPostgresClient(url);
  try {
    const [row] = await sql.query<{ owner: boolean }>(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
              OR pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') AS owner`,
    );
    if (!row!.owner) throw new Error(`store ${what} must run as the owner of ${sql.where} (or a superuser): this user only uses the store`);
    return await work(sql);
  } finally {
    await sql.close();
  }
}

export async function addMemberToTeamStore(url: string, member: TeamMember): Promise<void> {
  await withOwnerClient(url, 'add-member', async (sql) => {
    await grantTeamRoles(sql);
    await addTeamMember(sql, member.login, member.role);
  });
}
