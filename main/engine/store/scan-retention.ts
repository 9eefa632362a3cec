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
// waiting for the whole clean-up.
import type { SqlClient } from './sql-client';

export const DEFAULT_RETENTION_DAYS = 400;
const RESULTS_PER_BATCH = 200;

export interface RetentionOutcome {
  cutoff: string;
  hostResults: number;
  outputBlobs: number;
  runs: number;
}

export async function applyScanRetention(sql: SqlClient, cutoff: Date, options: { batchSize?: number; shouldStop?: () => boolean } = {}): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = { cutoff: cutoff.toISOString(), hostResults: 0, outputBlobs: 0, runs: 0 };
  const batchSize = options.batchSize ?? RESULTS_PER_BATCH;
  for (;;) {
    if (options.shouldStop?.()) return outcome;
    const batch = await sql.transaction(async (tx) => {
      const doomed = await tx.query<{ run_id: string; host: string }>(
        `SELECT r.run_id, r.host FROM host_results r
          WHERE r.finished_at < $1
            AND NOT EXISTS (SELECT 1 FROM evidence_holds h WHERE h.run_id = r.run_id AND h.host = r.host)
            AND EXISTS (SELECT 1 FROM host_results newer WHERE newer.host = r.host AND newer.finished_at > r.finished_at)
            AND (r.phase <> 'done'
                 OR EXISTS (SELECT 1 FROM host_results newer WHERE newer.host = r.host AND newer.phase = 'done' AND newer.finished_at > r.finished_at))
          LIMIT $2`,
        [outcome.cutoff, batchSize],
      );
      if (doomed.length === 0) return { results: 0, blobs: 0 };
      const keys = JSON.stringify(doomed);
      const doomedRows = `SELECT d.run_id, d.host FROM jsonb_to_recordset($1::jsonb) AS d(run_id text, host text)`;
      const released = await tx.query<{ stdout_sha256: Uint8Array; stderr_sha256: Uint8Array }>(
        `DELETE FROM command_outputs WHERE (run_id, host) IN (${doomedRows}) RETURNING stdout_sha256, stderr_sha256`,
        [keys],
      );
      await tx.query(`DELETE FROM host_results WHERE (run_id, host) IN (${doomedRows})`, [keys]);
      const hashes = [...new Set(released.flatMap((row) => [Buffer.from(row.stdout_sha256).toString('hex'), Buffer.from(row.stderr_sha256).toString('hex')]))];
      const blobs = await tx.query(
        `DELETE FROM output_blobs b WHERE b.sha256 IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)
            AND NOT EXISTS (SELECT 1 FROM command_outputs o WHERE o.stdout_sha256 = b.sha256)
            AND NOT EXISTS (SELECT 1 FROM command_outputs o WHERE o.stderr_sha256 = b.sha256)
         RETURNING 1`,
        [hashes],
      );
      return { results: doomed.length, blobs: blobs.length };
    });
    outcome.hostResults += batch.results;
    outcome.outputBlobs += batch.blobs;
    if (batch.results < batchSize) break;
    // Let a scan's writes in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const runs = await sql.query(
    `DELETE FROM scan_runs s WHERE s.started_at < $1 AND (s.finished_at IS NOT NULL OR s.interrupted_at IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM host_results r WHERE r.run_id = s.run_id)
     RETURNING 1`,
    [outcome.cutoff],
  );
  outcome.runs = runs.length;
  return outcome;
}

/** Marks a scan result as evidence something cites (a report, an evidence pack, a drill run): retention keeps it. */
export async function holdScanEvidence(sql: SqlClient, runId: string, host: string, heldBy: string): Promise<void> {
  await sql.query('INSERT INTO evidence_holds (run_id, host, held_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [runId, host, heldBy]);
}

export interface ScanRetentionOptions {
  days: () => Promise<number>;
  now: () => Date;
  /** Records what was deleted (the audit log) before it counts as done. */
  record: (outcome: RetentionOutcome & { days: number }) => Promise<void>;
  onError: (error: unknown) => void;
}

/** Runs retention in the background after each scan: one at a time, never awaited by the scan, stopped on dispose. */
export class ScanRetention {
  private running: Promise<void> | null = null;
  private stopped = false;

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
    const outcome = await applyScanRetention(this.sql, cutoff, { shouldStop: () => this.stopped });
    if (outcome.hostResults > 0 || outcome.runs > 0) await this.options.record({ ...outcome, days });
  }
}
