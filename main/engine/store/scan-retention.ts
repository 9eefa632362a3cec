// Retention of scan history: host results (with their outputs) that finished
// before the cutoff (now − retention days, 400 by default: a yearly audit
// with a margin) are deleted, then the raw outputs no result refers to any
// more, then runs left with no result. Kept whatever their age: each host's
// newest result and newest answered result (what the pages and the next
// scan's clocks read), and every result held as evidence (evidence_holds: a
// report, an evidence pack or a drill run that cites it). Restore tests and
// drill runs are their own tables and are never touched here.
//
// It runs in small batches, one short transaction each, yielding between
// them, so a scan that starts meanwhile interleaves its writes instead of
// waiting for the whole clean-up. Each batch's results are recorded (the
// audit log) BEFORE the transaction that deletes them commits: a process
// killed mid-pass leaves every deletion it made recorded, and at worst a
// recorded intent whose deletion never committed (the next pass deletes and
// records it again). Documents, output lists and raw outputs stored by
// content (migration 17) are swept at the end of the pass once nothing refers
// to them: after a pass that deleted results, else at the first pass after
// start (finishing a sweep a kill cut short) and then at most daily.
import type { SqlClient } from './sql-client';

export const DEFAULT_RETENTION_DAYS = 400;
const RESULTS_PER_BATCH = 200;

export interface RetentionOutcome {
  cutoff: string;
  hostResults: number;
  outputBlobs: number;
  runs: number;
  /** Whether unreferenced documents and outputs were swept. */
  swept: boolean;
}

/** The results a batch is about to delete, recorded before the deletion commits. */
export interface RetentionIntent {
  cutoff: string;
  results: { runId: string; host: string }[];
}

export interface RetentionPassOptions {
  batchSize?: number;
  shouldStop?: () => boolean;
  /** Called with each batch before its deletion commits; the deletion waits for it and is abandoned if it throws. */
  recordIntent?: (intent: RetentionIntent) => Promise<void>;
  /**
   * Whether to sweep unreferenced documents and outputs when the pass deleted no result (default true). Results
   * deleted always sweep; otherwise only a replaced findings document or a sweep cut short is left to find,
   * and the sweep reads every stored result's references (seconds at 1,000 hosts with history).
   */
  sweepWhenNothingDeleted?: boolean;
}

export async function applyScanRetention(sql: SqlClient, cutoff: Date, options: RetentionPassOptions = {}): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = { cutoff: cutoff.toISOString(), hostResults: 0, outputBlobs: 0, runs: 0, swept: false };
  const batchSize = options.batchSize ?? RESULTS_PER_BATCH;
  for (;;) {
    if (options.shouldStop?.()) break;
    const deleted = await sql.transaction(async (tx) => {
      const doomed = await tx.query<{ run_id: string; host: string }>(
        `SELECT r.run_id, r.host FROM host_result_rows r
          WHERE r.finished_at < $1
            AND NOT EXISTS (SELECT 1 FROM evidence_holds h WHERE h.run_id = r.run_id AND h.host = r.host)
            AND EXISTS (SELECT 1 FROM host_result_rows newer WHERE newer.host = r.host AND newer.finished_at > r.finished_at)
            AND (r.phase <> 'done'
                 OR EXISTS (SELECT 1 FROM host_result_rows newer WHERE newer.host = r.host AND newer.phase = 'done' AND newer.finished_at > r.finished_at))
          ORDER BY r.finished_at, r.run_id, r.host
          LIMIT $2`,
        [outcome.cutoff, batchSize],
      );
      if (doomed.length === 0) return 0;
      await options.recordIntent?.({ cutoff: outcome.cutoff, results: doomed.map((row) => ({ runId: row.run_id, host: row.host })) });
      await tx.query(`DELETE FROM host_result_rows WHERE (run_id, host) IN (SELECT d.run_id, d.host FROM jsonb_to_recordset($1::jsonb) AS d(run_id text, host text))`, [JSON.stringify(doomed)]);
      return doomed.length;
    });
    outcome.hostResults += deleted;
    if (deleted < batchSize) break;
    // Let a scan's writes in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (outcome.hostResults > 0 || options.sweepWhenNothingDeleted !== false) {
    outcome.outputBlobs = await sweepUnreferenced(sql);
    outcome.swept = true;
  }
  const runs = await sql.query(
    `DELETE FROM scan_runs s WHERE s.started_at < $1 AND (s.finished_at IS NOT NULL OR s.interrupted_at IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM host_result_rows r WHERE r.run_id = s.run_id)
     RETURNING 1`,
    [outcome.cutoff],
  );
  outcome.runs = runs.length;
  return outcome;
}

/** Deletes output lists, facts/findings documents and raw outputs no result refers to any more; returns the raw outputs deleted. */
async function sweepUnreferenced(sql: SqlClient): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM output_sets s WHERE NOT EXISTS (SELECT 1 FROM host_result_rows r WHERE r.outputs_sha256 = s.sha256)`);
    await tx.query(
      `DELETE FROM result_docs d WHERE d.sha256 NOT IN (
         SELECT findings_sha256 FROM host_result_rows WHERE findings_sha256 IS NOT NULL
         UNION ALL SELECT decode(ref.value, 'hex') FROM host_result_rows CROSS JOIN LATERAL jsonb_each_text(fact_refs) AS ref)`,
    );
    const blobs = await tx.query(`DELETE FROM output_blobs b WHERE NOT EXISTS (SELECT 1 FROM output_set_blobs l WHERE l.blob_sha256 = b.sha256) RETURNING 1`);
    return blobs.length;
  });
}

/** Marks a scan result as evidence something cites (a report, an evidence pack, a drill run): retention keeps it. */
export async function holdScanEvidence(sql: SqlClient, runId: string, host: string, heldBy: string): Promise<void> {
  await sql.query('INSERT INTO evidence_holds (run_id, host, held_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [runId, host, heldBy]);
}

export interface ScanRetentionOptions {
  days: () => Promise<number>;
  now: () => Date;
  /** Records a batch's results (the audit log) before their deletion commits. */
  recordIntent: (intent: RetentionIntent & { days: number }) => Promise<void>;
  /** Records the pass's totals once it is done. */
  record: (outcome: RetentionOutcome & { days: number }) => Promise<void>;
  onError: (error: unknown) => void;
}

/** Runs retention in the background after each scan: one at a time, never awaited by the scan, stopped on dispose. */
/** How often a pass that deleted nothing still sweeps (a findings document replaced after a scan's fleet comparisons is then swept). */
const SWEEP_AT_LEAST_EVERY_MS = 24 * 60 * 60 * 1000;

export class ScanRetention {
  private running: Promise<void> | null = null;
  private stopped = false;
  /** When this process last swept; the first pass after start always sweeps (and finishes a sweep a kill cut short). */
  private lastSweepAt: number | null = null;

  constructor(
    private readonly sql: SqlClient,
    private readonly options: ScanRetentionOptions,
  ) {}

  schedule(): void {
    if (this.running || this.stopped) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => (this.running = null));
  }

  /** Resolves when no retention pass is running. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async runOnce(): Promise<void> {
    const days = await this.options.days();
    const cutoff = new Date(this.options.now().getTime() - days * 24 * 60 * 60 * 1000);
    const now = this.options.now().getTime();
    const outcome = await applyScanRetention(this.sql, cutoff, {
      shouldStop: () => this.stopped,
      recordIntent: (intent) => this.options.recordIntent({ ...intent, days }),
      sweepWhenNothingDeleted: this.lastSweepAt === null || now - this.lastSweepAt >= SWEEP_AT_LEAST_EVERY_MS,
    });
    if (outcome.swept) this.lastSweepAt = now;
    if (outcome.hostResults > 0 || outcome.runs > 0) await this.options.record({ ...outcome, days });
    // The embedded store runs no autovacuum, so nothing else keeps the planner's statistics: without them it reads
    // every stored result of a host to find its newest (the status page at 1,000 hosts × 90 scans: 90 ms a query, 12 with them).
    if (!this.stopped) await this.sql.exec('ANALYZE host_result_rows, scan_runs');
  }
}
