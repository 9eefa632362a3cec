// Audit log chain heads kept in the team store: after each scan a
// workstation records (seq, hash) of its log; row-level security lets it add
// rows in its own name only and nobody but the store's owner change one, so
// the anchor is kept where the workstation alone cannot rewrite it.
import type { SqlClient } from './sql-client';

export interface AuditAnchor {
  seq: number;
  hash: string;
  recordedAt: string;
}

export async function recordAuditAnchor(sql: SqlClient, workstation: string, anchor: { seq: number; hash: string }): Promise<void> {
  await sql.query('INSERT INTO audit_anchors (workstation, seq, hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [workstation, anchor.seq, anchor.hash]);
}

export async function newestAuditAnchor(sql: SqlClient, workstation: string): Promise<AuditAnchor | null> {
  const [row] = await sql.query<{ seq: number; hash: string; recorded_at: Date }>('SELECT seq, hash, recorded_at FROM audit_anchors WHERE workstation = $1 ORDER BY seq DESC LIMIT 1', [workstation]);
  return row ? { seq: Number(row.seq), hash: row.hash, recordedAt: new Date(row.recorded_at).toISOString() } : null;
}

/** A workstation is its machine and data folder: two data folders on one machine keep two logs. */
export function workstationId(machine: string, dataDir: string): string {
  return `${machine}:${dataDir}`;
}
