// What a status report and an evidence pack read from the store: each host's
// newest answered scan (which areas it read, when), the latest findings with
// the run that found them and when each was first seen, the trend summed per
// scan run in SQL, site-failover drill runs, and raw outputs by evidence id.
import type { FindingView, PostureArea } from '../../../preload/contract';
import type { StoredRunEvent } from '../drills/drill-run-events';
import { holdScanEvidence } from './scan-retention';
import type { SqlClient } from './sql-client';

export interface LatestHostFindings {
  runId: string;
  host: string;
  dc: string;
  finishedAt: string;
  findings: FindingView[];
}

export interface StoredOutput {
  runId: string;
  host: string;
  position: number;
  commandId: string;
  command: string;
  exitCode: number | null;
  stdout: Uint8Array;
  stderr: Uint8Array;
}
/** A host's newest answered result row, for a LATERAL join on `wanted.host`. */
const NEWEST_ANSWERED = `SELECT run_id, host, dc, finished_at, fact_refs, findings_sha256 FROM host_result_rows r
   WHERE r.host = wanted.host AND r.phase = 'done' ORDER BY r.finished_at DESC LIMIT 1`;

export class ReportStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Each of these hosts' newest answered scan: when, and which areas' facts it holds.
   * One index probe per host (host, finished_at DESC), not a sort of the whole history:
   * at 1,000 hosts × 90 scans the sort was most of the status page's time.
   */
  async latestReads(hosts: readonly string[]): Promise<{ host: string; dc: string; finishedAt: string; areas: PostureArea[] }[]> {
    const rows = await this.sql.query<{ host: string; dc: string; finished_at: Date | string; areas: PostureArea[] }>(
      `SELECT latest.host, latest.dc, latest.finished_at, ARRAY(SELECT jsonb_object_keys(latest.fact_refs)) AS areas
         FROM unnest($1::text[]) AS wanted(host)
         CROSS JOIN LATERAL (${NEWEST_ANSWERED}) AS latest`,
      [[...hosts]],
    );
    return rows.map((row) => ({ host: row.host, dc: row.dc, finishedAt: iso(row.finished_at), areas: row.areas }));
  }

  /** Each of these hosts' newest answered scan with its findings and run (a failed scan since erases none: see ScanStore.latestFindings). */
  async latestFindings(hosts: readonly string[]): Promise<LatestHostFindings[]> {
    const rows = await this.sql.query<{ run_id: string; host: string; dc: string; finished_at: Date | string; findings: FindingView[] | string }>(
      `SELECT latest.run_id, latest.host, latest.dc, latest.finished_at, coalesce(result_doc(latest.findings_sha256), '[]') AS findings
         FROM unnest($1::text[]) AS wanted(host)
         CROSS JOIN LATERAL (${NEWEST_ANSWERED}) AS latest`,
      [[...hosts]],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      host: row.host,
      dc: row.dc,
      finishedAt: iso(row.finished_at),
      findings: typeof row.findings === 'string' ? (JSON.parse(row.findings) as FindingView[]) : row.findings,
    }));
  }

  /** When each finding id was first in a stored answered scan. */
  async firstSeen(): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ id: string; first: Date | string }>(
      // Each distinct findings document is expanded once, however many results share it.
      `SELECT f ->> 'id' AS id, min(docs.first) AS first
         FROM (SELECT findings_sha256, min(finished_at) AS first FROM host_result_rows WHERE phase = 'done' GROUP BY findings_sha256) AS docs
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(result_doc(docs.findings_sha256), '[]')) AS f
        GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.id, iso(row.first)]));
  }

  /** The newest `limitRuns` scan runs (since `since`): findings above info per run, site and kind; hosts answered per run and site. */
  async trendRows(
    since: string | null,
    limitRuns: number,
  ): Promise<{
    rows: { runId: string; at: string; dc: string; kind: string; count: number }[];
    answered: { runId: string; at: string; dc: string; hosts: number }[];
  }> {
    const runs = `SELECT run_id, started_at FROM scan_runs WHERE ($1::timestamptz IS NULL OR started_at >= $1::timestamptz) ORDER BY started_at DESC LIMIT $2`;
    const rows = await this.sql.query<{ run_id: string; started_at: Date | string; dc: string; kind: string; n: number | string }>(
      `SELECT docs.run_id, docs.started_at, docs.dc, split_part(f ->> 'id', ':', 1) AS kind, sum(docs.hosts) AS n
         FROM (SELECT runs.run_id, runs.started_at, h.dc, h.findings_sha256, count(*) AS hosts
                 FROM (${runs}) AS runs JOIN host_result_rows h ON h.run_id = runs.run_id
                WHERE h.phase = 'done' GROUP BY 1, 2, 3, 4) AS docs
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(result_doc(docs.findings_sha256), '[]')) AS f
        WHERE f ->> 'severity' <> 'info'
        GROUP BY 1, 2, 3, 4`,
      [since, limitRuns],
    );
    const answered = await this.sql.query<{ run_id: string; started_at: Date | string; dc: string; n: number | string }>(
      `SELECT runs.run_id, runs.started_at, h.dc, count(*) AS n
         FROM (${runs}) AS runs JOIN host_result_rows h ON h.run_id = runs.run_id
        WHERE h.phase = 'done' GROUP BY 1, 2, 3`,
      [since, limitRuns],
    );
    return {
      rows: rows.map((row) => ({ runId: row.run_id, at: iso(row.started_at), dc: row.dc, kind: row.kind, count: Number(row.n) })),
      answered: answered.map((row) => ({ runId: row.run_id, at: iso(row.started_at), dc: row.dc, hosts: Number(row.n) })),
    };
  }

  /** The event logs of the newest finished runs of drills of one kind, newest first. */
  async finishedDrillRuns(kind: string, limit: number): Promise<StoredRunEvent[][]> {
    const ids = await this.sql.query<{ run_id: string }>(
      `SELECT s.run_id FROM drill_run_events s JOIN drill_run_events e ON e.run_id = s.run_id AND e.type IN ('finished', 'aborted')
        WHERE s.type = 'started' AND s.payload -> 'plan' ->> 'kind' = $1 ORDER BY e.at DESC LIMIT $2`,
      [kind, limit],
    );
    const runs: StoredRunEvent[][] = [];
    for (const { run_id: runId } of ids) {
      const rows = await this.sql.query<{ seq: number; at: Date | string; actor: string; payload: StoredRunEvent['event'] | string }>(
        'SELECT seq, at, actor, payload FROM drill_run_events WHERE run_id = $1 ORDER BY seq',
        [runId],
      );
      runs.push(
        rows.map((row) => ({ runId, seq: row.seq, at: iso(row.at), actor: row.actor, event: typeof row.payload === 'string' ? (JSON.parse(row.payload) as StoredRunEvent['event']) : row.payload })),
      );
    }
    return runs;
  }

  /** Keeps a host result that an evidence pack cites out of retention's reach. */
  async holdEvidence(runId: string, host: string, heldBy: string): Promise<void> {
    await holdScanEvidence(this.sql, runId, host, heldBy);
  }

  /** The raw outputs of one host result, whole (an evidence pack carries them byte for byte). */
  async outputsOf(runId: string, host: string, commandIds: string[]): Promise<StoredOutput[]> {
    const rows = await this.sql.query<{ position: number; command_id: string; command: string; exit_code: number | null; stdout: Uint8Array; stderr: Uint8Array }>(
      `SELECT o.position, o.command_id, o.command, o.exit_code, so.bytes AS stdout, se.bytes AS stderr
         FROM command_outputs o
         JOIN output_blobs so ON so.sha256 = o.stdout_sha256
         JOIN output_blobs se ON se.sha256 = o.stderr_sha256
        WHERE o.run_id = $1 AND o.host = $2 AND o.command_id = ANY($3::text[]) ORDER BY o.position`,
      [runId, host, commandIds],
    );
    return rows.map((row) => ({ runId, host, position: row.position, commandId: row.command_id, command: row.command, exitCode: row.exit_code, stdout: row.stdout, stderr: row.stderr }));
  }
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
