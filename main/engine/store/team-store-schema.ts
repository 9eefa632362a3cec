// What a workstation checks before it uses a team store: that the database
// is an OpsDeck store at all, and at exactly the schema this OpsDeck knows.
// A workstation never upgrades a shared database on its own;
// `opsdeck store migrate` does that, asked to.
import { MIGRATIONS, type Migration } from './migrations';
import type { SqlClient } from './sql-client';

export function schemaVersion(versions: Iterable<number>): number {
  return Math.max(0, ...versions);
}

export async function checkTeamSchema(sql: SqlClient, where: string, migrations: Migration[] = MIGRATIONS): Promise<void> {
  const known = schemaVersion(migrations.map((migration) => migration.version));
  const tables = (await sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).map((row) => row.name);
  if (!tables.includes('opsdeck_store')) {
    if (tables.length === 0) throw new Error(`the team store ${where} is an empty database: run "opsdeck store init ${where}" as its owner first`);
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, … (${tables.length} tables)` : '');
    throw new Error(`the team store ${where} holds another application's tables (${shown}), not an OpsDeck store; OpsDeck writes nothing to it`);
  }
  const applied = new Set((await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
  const missing = migrations.filter((migration) => !applied.has(migration.version)).map((migration) => migration.version);
  const have = schemaVersion(applied);
  if (have > known) {
    throw new Error(`the team store ${where} is at schema version ${have}, newer than this OpsDeck (schema version ${known}): update OpsDeck on this workstation`);
  }
  if (missing.length > 0) {
    throw new Error(
      `the team store ${where} is at schema version ${have}; this OpsDeck needs schema version ${known} (missing ${missing.join(', ')}): ` +
        `its owner runs "opsdeck store migrate ${where}" — a workstation never upgrades a shared store by itself`,
    );
  }
}
