// Restore tests as kept evidence: one row per test, the whole evidence as
// JSON (exactly what the runner produced, so an export is the stored value).
import type { RestoreTestEvidence } from '../../../preload/contract';
import type { SqlClient } from './sql-client';

export class RestoreTestStore {
  constructor(private readonly sql: SqlClient) {}

  async save(evidence: RestoreTestEvidence): Promise<void> {
    await this.sql.query(
      `INSERT INTO restore_tests (test_id, host, dc, started_at, finished_at, outcome, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (test_id) DO NOTHING`,
      [evidence.testId, evidence.host, evidence.dc, evidence.startedAt, evidence.finishedAt, evidence.outcome, JSON.stringify(evidence)],
    );
  }

  /** Each host's newest finished (not cancelled) test. */
  async latestPerHost(): Promise<RestoreTestEvidence[]> {
    const rows = await this.sql.query<{ evidence: RestoreTestEvidence | string }>("SELECT DISTINCT ON (host) evidence FROM restore_tests WHERE outcome <> 'cancelled' ORDER BY host, started_at DESC");
    return rows.map((row) => (typeof row.evidence === 'string' ? (JSON.parse(row.evidence) as RestoreTestEvidence) : row.evidence));
  }

  /** Newest first. */
  async list(options: { host?: string; limit?: number } = {}): Promise<RestoreTestEvidence[]> {
    const limit = options.limit ?? 100;
    const rows = options.host
      ? await this.sql.query<{ evidence: RestoreTestEvidence | string }>('SELECT evidence FROM restore_tests WHERE host = $1 ORDER BY started_at DESC LIMIT $2', [options.host, limit])
      : await this.sql.query<{ evidence: RestoreTestEvidence | string }>('SELECT evidence FROM restore_tests ORDER BY started_at DESC LIMIT $1', [limit]);
    return rows.map((row) => (typeof row.evidence === 'string' ? (JSON.parse(row.evidence) as RestoreTestEvidence) : row.evidence));
  }
}
