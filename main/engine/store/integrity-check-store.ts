// Integrity checks as kept evidence: one row per check, with the part of
// the repository it read (subset of subsets), so a job's cycle — which part
// was read when, and with what result — can be rebuilt from the store.
import type { IntegrityCheckRun } from '../../../preload/contract';
import type { SqlClient } from './sql-client';

type Row = { run: IntegrityCheckRun | string };

export class IntegrityCheckStore {
  constructor(private readonly sql: SqlClient) {}

  async save(run: IntegrityCheckRun): Promise<void> {
    await this.sql.query(
      `INSERT INTO integrity_checks (check_id, host, dc, job_index, tool, subset, subsets, started_at, finished_at, outcome, run)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (check_id) DO NOTHING`,
      [run.checkId, run.host, run.dc, run.jobIndex, run.tool, run.subset, run.subsets, run.startedAt, run.finishedAt, run.outcome, JSON.stringify(run)],
    );
  }

  /** Newest first; of one host (and job), or of every host. */
  async list(options: { host?: string; jobIndex?: number; limit?: number } = {}): Promise<IntegrityCheckRun[]> {
    const limit = options.limit ?? 100;
    const rows =
      options.host === undefined
        ? await this.sql.query<Row>('SELECT run FROM integrity_checks ORDER BY started_at DESC LIMIT $1', [limit])
        : options.jobIndex === undefined
          ? await this.sql.query<Row>('SELECT run FROM integrity_checks WHERE host = $1 ORDER BY started_at DESC LIMIT $2', [options.host, limit])
          : await this.sql.query<Row>('SELECT run FROM integrity_checks WHERE host = $1 AND job_index = $2 ORDER BY started_at DESC LIMIT $3', [options.host, options.jobIndex, limit]);
    return rows.map((row) => (typeof row.run === 'string' ? (JSON.parse(row.run) as IntegrityCheckRun) : row.run));
  }
}
