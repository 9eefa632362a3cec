// The team store's roles, enforced by PostgreSQL itself: GRANTs say which
// tables each role may read or write, row-level security says whose rows
// are whose (an audit anchor is its writer's; a drill run's hold is its
// holder's until handed over). A login role is a member of one of these.
import type { SqlClient } from './sql-client';

export type TeamRole = 'viewer' | 'operator' | 'drill-lead' | 'owner';

export const ROLE_NAMES: Record<Exclude<TeamRole, 'owner'>, string> = {
  viewer: 'opsdeck_viewer',
  operator: 'opsdeck_operator',
  'drill-lead': 'opsdeck_drill_lead',
};

/**
 * Tables an operator adds to (scans, restore tests, integrity checks, anchors); the viewer only reads.
 * host_results and command_outputs are views over the content-addressed rows of migration 17: writes go to the rows.
 */
const OPERATOR_WRITES = ['scan_runs', 'host_result_rows', 'result_docs', 'output_sets', 'output_set_blobs', 'output_blobs', 'restore_tests', 'integrity_checks', 'evidence_holds', 'fleet_snapshots'];
const DRILL_LEAD_WRITES = ['drill_run_events', 'drill_live_runs', 'drill_holders'];

/** Run as the database owner (or a superuser): creates the group roles when missing, then (re)grants. Safe to run again. */
export async function grantTeamRoles(sql: SqlClient): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const role of Object.values(ROLE_NAMES)) {
      const [exists] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM pg_roles WHERE rolname = $1', [role]);
      if (Number(exists!.n) === 0) await tx.query(`CREATE ROLE ${role} NOLOGIN`);
    }
    await tx.query(`GRANT ${ROLE_NAMES.viewer} TO ${ROLE_NAMES.operator}`);
    await tx.query(`GRANT ${ROLE_NAMES.operator} TO ${ROLE_NAMES['drill-lead']}`);
    const [db] = await tx.query<{ name: string }>('SELECT current_database() AS name');
    await tx.query(`GRANT CONNECT ON DATABASE ${quoteIdent(db!.name)} TO ${ROLE_NAMES.viewer}`);
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${ROLE_NAMES.viewer}`);
    await tx.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE_NAMES.viewer}`);
    await tx.query(`GRANT INSERT, UPDATE ON ${OPERATOR_WRITES.join(', ')} TO ${ROLE_NAMES.operator}`);
    await tx.query(`GRANT INSERT ON audit_anchors TO ${ROLE_NAMES.operator}`);
    await tx.query(`GRANT INSERT, UPDATE, DELETE ON ${DRILL_LEAD_WRITES.join(', ')} TO ${ROLE_NAMES['drill-lead']}`);
    // Anchors: everyone reads them all; each writes only rows in its own name; nobody but the owner changes one.
    await tx.query('ALTER TABLE audit_anchors ENABLE ROW LEVEL SECURITY');
    await tx.query('DROP POLICY IF EXISTS anchors_read ON audit_anchors');
    await tx.query('DROP POLICY IF EXISTS anchors_own ON audit_anchors');
    await tx.query(`CREATE POLICY anchors_read ON audit_anchors FOR SELECT TO ${ROLE_NAMES.viewer} USING (true)`);
    await tx.query(`CREATE POLICY anchors_own ON audit_anchors FOR INSERT TO ${ROLE_NAMES.operator} WITH CHECK (recorded_by = current_user)`);
    // A drill run's hold: taken by a drill lead in their own name; only its holder hands it over or lets it go.
    await tx.query('ALTER TABLE drill_holders ENABLE ROW LEVEL SECURITY');
    for (const policy of ['holders_read', 'holders_take', 'holders_hand_over', 'holders_release']) await tx.query(`DROP POLICY IF EXISTS ${policy} ON drill_holders`);
    await tx.query(`CREATE POLICY holders_read ON drill_holders FOR SELECT TO ${ROLE_NAMES.viewer} USING (true)`);
    await tx.query(`CREATE POLICY holders_take ON drill_holders FOR INSERT TO ${ROLE_NAMES['drill-lead']} WITH CHECK (holder = current_user)`);
    await tx.query(`CREATE POLICY holders_hand_over ON drill_holders FOR UPDATE TO ${ROLE_NAMES['drill-lead']} USING (holder = current_user) WITH CHECK (true)`);
    await tx.query(`CREATE POLICY holders_release ON drill_holders FOR DELETE TO ${ROLE_NAMES['drill-lead']} USING (holder = current_user)`);
  });
}

/** Creates a login role for a person in one of the team roles (no password: the owner sets one, or pg_hba.conf uses peer/cert). */
export async function addTeamMember(sql: SqlClient, login: string, role: Exclude<TeamRole, 'owner'>): Promise<void> {
  if (!/^[a-z_][a-z0-9_.-]{0,62}$/i.test(login)) throw new Error(`"${login}" is not a usable PostgreSQL login name (letters, digits, _ . -; at most 63)`);
  const [exists] = await sql.query<{ n: number }>('SELECT count(*) AS n FROM pg_roles WHERE rolname = $1', [login]);
  if (Number(exists!.n) === 0) await sql.exec(`CREATE ROLE ${quoteIdent(login)} LOGIN`);
  await sql.exec(`GRANT ${ROLE_NAMES[role]} TO ${quoteIdent(login)}`);
}

/** Which team role the connected user acts in: the strongest one it is a member of. */
export async function connectedRole(sql: SqlClient): Promise<{ user: string; role: TeamRole | null }> {
  const [row] = await sql.query<{ user: string; owner: boolean; lead: boolean; operator: boolean; viewer: boolean }>(
    `SELECT current_user AS user,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
              OR pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') AS owner,
            ${memberOf(ROLE_NAMES['drill-lead'])} AS lead,
            ${memberOf(ROLE_NAMES.operator)} AS operator,
            ${memberOf(ROLE_NAMES.viewer)} AS viewer`,
  );
  const role: TeamRole | null = row!.owner ? 'owner' : row!.lead ? 'drill-lead' : row!.operator ? 'operator' : row!.viewer ? 'viewer' : null;
  return { user: row!.user, role };
}

function memberOf(role: string): string {
  // CASE, not AND: pg_has_role raises for a role that does not exist, and only CASE fixes the order of evaluation.
  return `(CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN pg_has_role(current_user, '${role}', 'MEMBER') ELSE false END)`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
