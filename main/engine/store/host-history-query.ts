// A host's past results from the scan history, newest first: state, finding
// identities and patch counts only (no raw outputs, no whole facts), so a
// long history stays cheap to read.
import type { FindingView, HostPhase, Severity } from '../../../preload/contract';
import type { SqlClient } from './sql-client';

/** One stored scan result of a host, as the history view compares them. */
export interface HostHistoryRow {
  runId: string;
  phase: HostPhase;
  reason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  findings: { id: string; severity: Severity; title: string }[];
  pending: { total: number; security: number } | null;
}

export async function hostHistoryRows(sql: SqlClient, host: string, limit: number): Promise<HostHistoryRow[]> {
  const rows = await sql.query<{
    run_id: string;
    phase: string;
    reason: string | null;
    started_at: Date | string | null;
    finished_at: Date | string | null;
    findings: { id: string; severity: Severity; title: string }[] | string | null;
    pending_total: number | string | null;
    pending_security: number | string | null;
  }>(
    `SELECT h.run_id, h.phase, h.reason, h.started_at, h.finished_at,
            (SELECT jsonb_agg(jsonb_build_object('id', f ->> 'id', 'severity', f ->> 'severity', 'title', f ->> 'title'))
               FROM jsonb_array_elements(h.findings) AS f) AS findings,
            CASE WHEN jsonb_typeof(h.facts -> 'patches' -> 'pendingUpdates') = 'array'
                 THEN jsonb_array_length(h.facts -> 'patches' -> 'pendingUpdates') END AS pending_total,
            CASE WHEN jsonb_typeof(h.facts -> 'patches' -> 'pendingUpdates') = 'array'
                 THEN (SELECT count(*) FROM jsonb_array_elements(h.facts -> 'patches' -> 'pendingUpdates') AS u
                        WHERE (u ->> 'security')::boolean) END AS pending_security
       FROM host_results h
      WHERE h.host = $1 AND h.started_at IS NOT NULL
      ORDER BY h.finished_at DESC
      LIMIT $2`,
    [host, limit],
  );
  return rows.map((row) => {
    const findings = (typeof row.findings === 'string' ? (JSON.parse(row.findings) as unknown) : row.findings) as Pick<FindingView, 'id' | 'severity' | 'title'>[] | null;
    return {
      runId: row.run_id,
      phase: row.phase as HostPhase,
      reason: row.reason,
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      findings: findings ?? [],
      pending: row.pending_total === null ? null : { total: Number(row.pending_total), security: Number(row.pending_security ?? 0) },
    };
  });
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
