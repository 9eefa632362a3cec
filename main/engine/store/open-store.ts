// Opens the store: the embedded one in a data folder (the default; its
// schema brought up to date), or a team store on a PostgreSQL server when a
// URL is given (its schema checked, never upgraded here).
import { join } from 'node:path';
import { IntegrityCheckStore } from './integrity-check-store';
import { migrate } from './migrations';
import { openPgliteClient } from './pglite-client';
import { openPostgresClient } from './postgres-client';
import { RestoreTestStore } from './restore-test-store';
import { ScanStore } from './scan-store';
import type { SqlClient } from './sql-client';
import { TeamStoreError } from './team-store-error';
import { errorMessage } from '../errors/error-message';
import { checkTeamSchema } from './team-store-schema';
import { connectedRole, type TeamRole } from './team-store-roles';

export type StoreIdentity = { kind: 'embedded'; where: string; user: null; role: null } | { kind: 'team'; where: string; user: string; role: TeamRole | null };

export interface OpenedStore {
  scans: ScanStore;
  restoreTests: RestoreTestStore;
  integrityChecks: IntegrityCheckStore;
  sql: SqlClient;
  identity: StoreIdentity;
  close(): Promise<void>;
}

export async function openEmbeddedStore(dataDir: string): Promise<OpenedStore> {
  const where = join(dataDir, 'store');
  const sql = await openPgliteClient(where);
  // A store that cannot be brought to this schema (newer, or a failing step) is closed again, not left open.
  await migrate(sql).catch(async (error: unknown) => {
    await sql.close();
    throw error;
  });
  return storesOver(sql, { kind: 'embedded', where, user: null, role: null });
}

export async function openTeamStore(url: string): Promise<OpenedStore> {
  const sql = await openPostgresClient(url).catch((error: unknown) => {
    throw new TeamStoreError(errorMessage(error), { cause: error });
  });
  try {
    await checkTeamSchema(sql, sql.where);
    const { user, role } = await connectedRole(sql);
    if (role === null)
      throw new Error(`user "${user}" is in none of the team roles on ${sql.where} (opsdeck_viewer, opsdeck_operator, opsdeck_drill_lead): the store's owner adds it with "opsdeck store add-member"`);
    return storesOver(sql, { kind: 'team', where: sql.where, user, role });
  } catch (error) {
    await sql.close();
    throw new TeamStoreError(errorMessage(error), { cause: error });
  }
}

/** The team store when a URL is given, else the embedded one. */
export function openStore(dataDir: string, teamStoreUrl: string | null): Promise<OpenedStore> {
  return teamStoreUrl ? openTeamStore(teamStoreUrl) : openEmbeddedStore(dataDir);
}

function storesOver(sql: SqlClient, identity: StoreIdentity): OpenedStore {
  return { scans: new ScanStore(sql), restoreTests: new RestoreTestStore(sql), integrityChecks: new IntegrityCheckStore(sql), sql, identity, close: () => sql.close() };
}
