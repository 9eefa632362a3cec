// The scan history: each scan run, each host's result with its raw outputs
// (the evidence), and the latest result per host. Plain SQL over a
// SqlClient, so the embedded store and a PostgreSQL server behave the same.
import { createHash } from 'node:crypto';
import type { FindingView, HostIdentity, HostPhase, HostScanDetail, HostScanSummary, PostureArea, ScanScope } from '../../../preload/contract';
import type { OutputTruncationView } from '../../../preload/contract';
import type { OutputBytes } from '../collectors/host-command';
import { countBySeverity } from '../posture/severity-counts';
import type { SqlClient, SqlTransaction } from './sql-client';
import { storableJson, storableNullableText } from './storable-text';

/** How much of a stored output a host page gets at once; the rest is paged (rawOutputPage). */
export const OUTPUT_PREVIEW_BYTES = 256 * 1024;
/**
 * Output bytes go to the store at most this many per statement (as base64
 * text): PGlite serialises a bytea parameter at ~40x its size (a 16 MiB
 * output cost 700 MB of memory), and a page at a time keeps a scan bounded.
 */
const BYTES_PER_STATEMENT = 1024 * 1024;
/** The largest page rawOutputPage returns. */
export const OUTPUT_PAGE_MAX_BYTES = 1024 * 1024;

/**
 * The result that stands for a host, as the scan service keeps it in memory:
 * its newest one, except that a cancelled result never replaces an earlier
 * one (a cancelled scan did not read the host again). Used after
 * `SELECT DISTINCT ON (host) … FROM host_result_rows WHERE started_at IS NOT NULL`.
 */
export const STANDING_RESULT_ORDER = "ORDER BY host, phase = 'cancelled', finished_at DESC";

export interface ScanRunStart {
  runId: string;
  startedAt: string;
  scope: ScanScope;
  operator: string;
  fleet: string;
  total: number;
}

export interface ScanRunEnd {
  finishedAt: string;
  ok: number;
  failed: number;
  cancelled: boolean;
}

export interface ScanRunRecord extends ScanRunStart {
  finishedAt: string | null;
  ok: number | null;
  failed: number | null;
  cancelled: boolean | null;
  /** When a later start found this run never finished (its process was killed or crashed). */
  interruptedAt: string | null;
}

interface HostResultRow {
  run_id: string;
  host: string;
  dc: string;
  phase: string;
  reason: string | null;
  started_at: Date | string | null;
  finished_at: Date | string;
  detected_os: string | null;
  identity: HostIdentity | null;
  findings: FindingView[] | string;
  facts?: Partial<Record<PostureArea, unknown>> | string;
}

// Host output is stored as bytes: it may hold NUL and anything else a
// misbehaving host prints, which Postgres text columns refuse.
interface OutputRow {
  command_id: string;
  command: string;
  exit_code: number | null;
  stdout: Uint8Array;
  stderr: Uint8Array;
  stdout_bytes: number | string;
  stderr_bytes: number | string;
  duration_ms: number;
  error: string | null;
  truncated: OutputTruncationView | string | null;
}

export class ScanStore {
  constructor(private readonly sql: SqlClient) {}

  async beginRun(run: ScanRunStart): Promise<void> {
    await this.sql.query('INSERT INTO scan_runs (run_id, started_at, scope, operator, fleet, total) VALUES ($1, $2, $3, $4, $5, $6)', [
      run.runId,
      run.startedAt,
      JSON.stringify(run.scope),
      run.operator,
      run.fleet,
      run.total,
    ]);
  }

  /**
   * One host's result and all its outputs, in one transaction. `bytes` are the
   * outputs' exact bytes as the host sent them (stored as they are); without
   * them the decoded text is stored. Each distinct output is stored once, by
   * its sha256, and referenced by every result that saw it: an unchanged host
   * adds no output bytes. Text Postgres cannot hold (NUL, unpaired
   * surrogates) is escaped in facts, findings and reasons (storable-text.ts).
   */
  async saveHostResult(detail: HostScanDetail, bytes?: OutputBytes[]): Promise<void> {
    const findings = storableJson(detail.findings, `the findings of ${detail.host}`);
    const facts = storableJson(detail.facts, `the facts of ${detail.host}`);
    const identity = detail.identity ? storableJson(detail.identity, `the identity of ${detail.host}`) : null;
    const streams = detail.outputs.map((output, position) => ({
      stdout: bytes?.[position]?.stdout ?? Buffer.from(output.stdout, 'utf8'),
      stderr: bytes?.[position]?.stderr ?? Buffer.from(output.stderr, 'utf8'),
    }));
    const blobs = new Map<string, Buffer>();
    // The output list without its durations is the same scan after scan on an
    // unchanged host, so it is stored once (output_sets); durations go in the row.
    const outputList = detail.outputs.map((output, position) => {
      const { stdout, stderr } = streams[position]!;
      const stdoutSha256 = sha256Hex(stdout);
      const stderrSha256 = sha256Hex(stderr);
      blobs.set(stdoutSha256, stdout).set(stderrSha256, stderr);
      return {
        commandId: output.id,
        command: output.command,
        exitCode: output.exitCode,
        error: output.error,
        truncated: output.truncated ?? null,
        stdout: stdoutSha256,
        stderr: stderrSha256,
      };
    });
    const outputs = storableJson(outputList, `the outputs of ${detail.host}`);
    const durations = detail.outputs.map((output) => Math.round(output.durationMs));
    const blobHashes = [...blobs.keys()];
    await this.sql.transaction(async (tx) => {
      await storeNewBlobs(tx, blobs);
      const outputsSha256 = outputList.length === 0 ? null : await storeOutputSet(tx, outputs, blobHashes);
      await storeResultDocs(tx, facts, findings);
      await tx.query(
        `INSERT INTO host_result_rows (run_id, host, dc, phase, reason, started_at, finished_at, detected_os, identity, fact_refs, findings_sha256, outputs_sha256, durations_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                 (SELECT coalesce(jsonb_object_agg(area.key, encode(sha256(convert_to(area.value::text, 'UTF8')), 'hex')), '{}') FROM jsonb_each($10::jsonb) AS area),
                 sha256(convert_to($11::jsonb::text, 'UTF8')), decode($12, 'hex'), $13::integer[])`,
        [
          detail.runId,
          detail.host,
          detail.dc,
          detail.phase,
          storableNullableText(detail.reason),
          detail.startedAt,
          detail.finishedAt ?? new Date().toISOString(),
          detail.detectedOs,
          identity,
          facts,
          findings,
          outputsSha256,
          durations,
        ],
      );
    });
  }

  async updateFindings(runId: string, host: string, findings: FindingView[]): Promise<void> {
    const json = storableJson(findings, `the findings of ${host}`);
    await this.sql.transaction(async (tx) => {
      await storeResultDocs(tx, '{}', json);
      await tx.query(`UPDATE host_result_rows SET findings_sha256 = sha256(convert_to($3::jsonb::text, 'UTF8')) WHERE run_id = $1 AND host = $2`, [runId, host, json]);
    });
  }

  /** Per scan run and site: pending security updates summed over the hosts that answered. */
  async patchHistory(limitRuns: number): Promise<{ runId: string; at: string; dc: string; pendingSecurity: number; hosts: number }[]> {
    const rows = await this.sql.query<{ run_id: string; started_at: Date | string; dc: string; pending: number | string; hosts: number | string }>(
      `SELECT r.run_id, r.started_at, h.dc,
              SUM((SELECT count(*) FROM jsonb_array_elements(result_area(h.fact_refs, 'patches') -> 'pendingUpdates') AS u
                    WHERE (u ->> 'security')::boolean)) AS pending,
              COUNT(*) AS hosts
         FROM host_result_rows h JOIN scan_runs r ON r.run_id = h.run_id
        WHERE h.phase = 'done' AND h.fact_refs ? 'patches'
          AND r.run_id IN (SELECT run_id FROM scan_runs ORDER BY started_at DESC LIMIT $1)
        GROUP BY r.run_id, r.started_at, h.dc
        ORDER BY r.started_at, h.dc`,
      [limitRuns],
    );
    return rows.map((row) => ({ runId: row.run_id, at: iso(row.started_at)!, dc: row.dc, pendingSecurity: Number(row.pending), hosts: Number(row.hosts) }));
  }

  /** One area's facts from the newest answered scan of every host, or of the named hosts. */
  async latestAreaFacts(area: PostureArea, hosts?: readonly string[]): Promise<{ host: string; dc: string; facts: unknown }[]> {
    const rows = await this.sql.query<{ host: string; dc: string; facts: unknown }>(
      `SELECT host, dc, result_area(fact_refs, $1) AS facts
         FROM (SELECT DISTINCT ON (host) host, dc, fact_refs FROM host_result_rows
                WHERE phase = 'done' AND ($2::text[] IS NULL OR host = ANY($2::text[])) ORDER BY host, finished_at DESC) AS latest`,
      [area, hosts ? [...hosts] : null],
    );
    return rows
      .filter((row) => row.facts !== null && row.facts !== undefined)
      .map((row) => ({
        host: row.host,
        dc: row.dc,
        facts: typeof row.facts === 'string' ? (JSON.parse(row.facts) as unknown) : row.facts,
      }));
  }

  /** One area's facts from each host's newest answered scan, with when it finished; one host's when `host` is given. */
  async latestAreaFactsOf(area: PostureArea, options: { host?: string } = {}): Promise<{ host: string; dc: string; finishedAt: string; facts: unknown }[]> {
    const rows = await this.sql.query<{ host: string; dc: string; finished_at: Date | string; facts: unknown }>(
      `SELECT host, dc, finished_at, result_area(fact_refs, $1) AS facts
         FROM (SELECT DISTINCT ON (host) host, dc, finished_at, fact_refs FROM host_result_rows
                WHERE phase = 'done' AND ($2::text IS NULL OR host = $2) ORDER BY host, finished_at DESC) AS latest
        WHERE fact_refs ? $1
        ORDER BY host`,
      [area, options.host ?? null],
    );
    return rows.map((row) => ({
      host: row.host,
      dc: row.dc,
      finishedAt: iso(row.finished_at)!,
      facts: typeof row.facts === 'string' ? (JSON.parse(row.facts) as unknown) : row.facts,
    }));
  }

  /**
   * Each host's newest answered scan with the sha256 (hex) of one area's document, without reading the
   * document: a view made from a document can be kept by that hash, since a hash always names the same facts.
   */
  async latestAreaRefs(area: PostureArea): Promise<{ host: string; dc: string; finishedAt: string; ref: string }[]> {
    const rows = await this.sql.query<{ host: string; dc: string; finished_at: Date | string; ref: string }>(
      `SELECT host, dc, finished_at, ref
         FROM (SELECT DISTINCT ON (host) host, dc, finished_at, fact_refs ->> $1 AS ref FROM host_result_rows
                WHERE phase = 'done' ORDER BY host, finished_at DESC) AS latest
        WHERE ref IS NOT NULL
        ORDER BY host`,
      [area],
    );
    return rows.map((row) => ({ host: row.host, dc: row.dc, finishedAt: iso(row.finished_at)!, ref: row.ref }));
  }

  /** Stored documents by their sha256 (hex); only the named top-level fields when `fields` is given. */
  async resultDocs(refs: readonly string[], fields?: readonly string[]): Promise<Map<string, unknown>> {
    if (refs.length === 0) return new Map();
    const rows = await this.sql.query<{ ref: string; doc: unknown }>(
      // OFFSET 0 keeps the planner from inlining the document back: each `… -> field` would decompress it again.
      `SELECT picked.ref,
              CASE WHEN $2::text[] IS NULL THEN picked.doc
                   ELSE (SELECT jsonb_object_agg(field, picked.doc -> field) FROM unnest($2::text[]) AS field
                          WHERE picked.doc -> field IS NOT NULL) END AS doc
         FROM (SELECT encode(sha256, 'hex') AS ref, doc FROM result_docs WHERE sha256 IN (SELECT decode(wanted, 'hex') FROM unnest($1::text[]) AS wanted) OFFSET 0) AS picked`,
      [[...refs], fields ? [...fields] : null],
    );
    return new Map(rows.map((row) => [row.ref, typeof row.doc === 'string' ? (JSON.parse(row.doc) as unknown) : row.doc]));
  }

  /** The area facts of a host's newest answered scan (for clocks carried across scans); only the named areas when `areas` is given. */
  async latestFacts(host: string, areas?: readonly PostureArea[]): Promise<Partial<Record<PostureArea, unknown>>> {
    const [row] = await this.sql.query<{ facts: Partial<Record<PostureArea, unknown>> | string }>(
      `SELECT coalesce(jsonb_object_agg(ref.key, d.doc), '{}'::jsonb) AS facts
         FROM (SELECT fact_refs FROM host_result_rows WHERE host = $1 AND phase = 'done' ORDER BY finished_at DESC LIMIT 1) AS latest
         CROSS JOIN LATERAL jsonb_each_text(latest.fact_refs) AS ref
         JOIN result_docs d ON d.sha256 = decode(ref.value, 'hex')
        WHERE $2::text[] IS NULL OR ref.key = ANY($2::text[])`,
      [host, areas ? [...areas] : null],
    );
    if (!row) return {};
    return typeof row.facts === 'string' ? (JSON.parse(row.facts) as Partial<Record<PostureArea, unknown>>) : row.facts;
  }

  async finishRun(runId: string, end: ScanRunEnd): Promise<void> {
    await this.sql.query('UPDATE scan_runs SET finished_at = $2, ok = $3, failed = $4, cancelled = $5 WHERE run_id = $1', [runId, end.finishedAt, end.ok, end.failed, end.cancelled]);
  }

  /**
   * Marks every run that never finished as interrupted: called when an engine
   * starts on the embedded store, whose single writer (the audit-log lock
   * guards the data folder) means no such run can still be going.
   */
  async markInterruptedRuns(at: string): Promise<{ runId: string; startedAt: string; total: number }[]> {
    const rows = await this.sql.query<{ run_id: string; started_at: Date | string; total: number }>(
      'UPDATE scan_runs SET interrupted_at = $1 WHERE finished_at IS NULL AND interrupted_at IS NULL RETURNING run_id, started_at, total',
      [at],
    );
    return rows.map((row) => ({ runId: row.run_id, startedAt: iso(row.started_at)!, total: row.total }));
  }

  /** The result that stands for every host that was ever scanned (STANDING_RESULT_ORDER; cancelled-before-start results excluded). */
  async latestHostSummaries(): Promise<HostScanSummary[]> {
    const rows = await this.sql.query<HostResultRow>(
      `SELECT run_id, host, dc, phase, reason, started_at, finished_at, detected_os, identity, coalesce(result_doc(findings_sha256), '[]') AS findings
         FROM (SELECT DISTINCT ON (host) * FROM host_result_rows WHERE started_at IS NOT NULL ${STANDING_RESULT_ORDER}) AS latest`,
    );
    return rows.map(summaryFromRow);
  }

  /**
   * The findings of every host's newest answered scan. A host that failed since (it dropped the
   * connection part-way, or sent more than its cap) keeps them: failing on purpose must not erase a
   * host's problems; its data ages out of the status report like any other.
   */
  async latestFindings(): Promise<FindingView[]> {
    const rows = await this.sql.query<{ findings: FindingView[] | string }>(
      `SELECT coalesce(result_doc(findings_sha256), '[]') AS findings
         FROM (SELECT DISTINCT ON (host) findings_sha256 FROM host_result_rows WHERE phase = 'done' ORDER BY host, finished_at DESC) AS latest`,
    );
    return rows.flatMap((row) => (typeof row.findings === 'string' ? (JSON.parse(row.findings) as FindingView[]) : row.findings));
  }

  /** The findings of one host's newest answered scan, with that scan's run and end. */
  async latestAnsweredFindings(host: string): Promise<{ runId: string; finishedAt: string; findings: FindingView[] } | null> {
    const [row] = await this.sql.query<{ run_id: string; finished_at: Date | string; findings: FindingView[] | string }>(
      `SELECT run_id, finished_at, coalesce(result_doc(findings_sha256), '[]') AS findings
         FROM host_result_rows WHERE host = $1 AND phase = 'done' ORDER BY finished_at DESC LIMIT 1`,
      [host],
    );
    if (!row) return null;
    return { runId: row.run_id, finishedAt: iso(row.finished_at)!, findings: typeof row.findings === 'string' ? (JSON.parse(row.findings) as FindingView[]) : row.findings };
  }

  async latestHostDetail(host: string): Promise<HostScanDetail | null> {
    const [row] = await this.sql.query<HostResultRow>(
      `SELECT run_id, host, dc, phase, reason, started_at, finished_at, detected_os, identity, findings, facts
         FROM host_results WHERE host = $1 AND started_at IS NOT NULL
        ORDER BY phase = 'cancelled', finished_at DESC LIMIT 1`,
      [host],
    );
    if (!row) return null;
    // Only the start of each output: a host page must not carry (nor the bridge choke on) a huge one.
    const outputs = await this.sql.query<OutputRow>(
      `SELECT o.command_id, o.command, o.exit_code, substring(so.bytes FROM 1 FOR $3) AS stdout, substring(se.bytes FROM 1 FOR $3) AS stderr,
              octet_length(so.bytes) AS stdout_bytes, octet_length(se.bytes) AS stderr_bytes, o.duration_ms, o.error, o.truncated
         FROM command_outputs o
         JOIN output_blobs so ON so.sha256 = o.stdout_sha256
         JOIN output_blobs se ON se.sha256 = o.stderr_sha256
        WHERE o.run_id = $1 AND o.host = $2 ORDER BY o.position`,
      [row.run_id, host, OUTPUT_PREVIEW_BYTES],
    );
    return {
      ...summaryFromRow(row),
      findings: findingsOf(row),
      facts: typeof row.facts === 'string' ? (JSON.parse(row.facts) as HostScanDetail['facts']) : (row.facts ?? {}),
      runId: row.run_id,
      startedAt: iso(row.started_at),
      outputs: outputs.map((output) => {
        const stdoutBytes = Number(output.stdout_bytes);
        const shown = output.stdout.length;
        return {
          id: output.command_id,
          command: output.command,
          exitCode: output.exit_code,
          stdout: Buffer.from(output.stdout).toString('utf8'),
          stderr: Buffer.from(output.stderr).toString('utf8'),
          durationMs: output.duration_ms,
          error: output.error,
          stdoutBytes,
          stderrBytes: Number(output.stderr_bytes),
          truncated: typeof output.truncated === 'string' ? (JSON.parse(output.truncated) as OutputTruncationView) : output.truncated,
          ...(shown < stdoutBytes ? { stdoutShownBytes: shown } : {}),
        };
      }),
    };
  }

  /**
   * A page of one stored output's exact bytes (a host page's "show more"):
   * `position` is the output's index in its host result.
   */
  async rawOutputPage(runId: string, host: string, position: number, stream: 'stdout' | 'stderr', offset: number, length: number): Promise<{ bytes: Buffer; totalBytes: number } | null> {
    const column = stream === 'stdout' ? 'stdout' : 'stderr';
    const [row] = await this.sql.query<{ page: Uint8Array; total: number | string }>(
      `SELECT substring(b.bytes FROM $4 FOR $5) AS page, octet_length(b.bytes) AS total
         FROM command_outputs o JOIN output_blobs b ON b.sha256 = o.${column}_sha256
        WHERE o.run_id = $1 AND o.host = $2 AND o.position = $3`,
      [runId, host, position, offset + 1, Math.min(length, OUTPUT_PAGE_MAX_BYTES)],
    );
    return row ? { bytes: Buffer.from(row.page), totalBytes: Number(row.total) } : null;
  }

  async recentRuns(limit: number): Promise<ScanRunRecord[]> {
    const rows = await this.sql.query<{
      run_id: string;
      started_at: Date | string;
      finished_at: Date | string | null;
      scope: ScanScope | string;
      operator: string;
      fleet: string;
      total: number;
      ok: number | null;
      failed: number | null;
      cancelled: boolean | null;
      interrupted_at: Date | string | null;
    }>('SELECT * FROM scan_runs ORDER BY started_at DESC LIMIT $1', [limit]);
    return rows.map((row) => ({
      runId: row.run_id,
      startedAt: iso(row.started_at)!,
      finishedAt: iso(row.finished_at),
      scope: typeof row.scope === 'string' ? (JSON.parse(row.scope) as ScanScope) : row.scope,
      operator: row.operator,
      fleet: row.fleet,
      total: row.total,
      ok: row.ok,
      failed: row.failed,
      cancelled: row.cancelled,
      interruptedAt: iso(row.interrupted_at ?? null),
    }));
  }
}

/** Each area's facts and the findings as documents stored once by content (result_docs); hashed in SQL like migration 17. */
async function storeResultDocs(tx: SqlTransaction, factsJson: string, findingsJson: string): Promise<void> {
  await tx.query(
    `INSERT INTO result_docs (sha256, doc)
     SELECT sha256(convert_to(d.doc::text, 'UTF8')), d.doc FROM (SELECT value AS doc FROM jsonb_each($1::jsonb) UNION ALL SELECT $2::jsonb) AS d
     ON CONFLICT DO NOTHING`,
    [factsJson, findingsJson],
  );
}

/** Stores an output list once by content, with the blobs it refers to; returns its sha256 (hex). */
async function storeOutputSet(tx: SqlTransaction, outputsJson: string, blobHashes: string[]): Promise<string> {
  const [row] = await tx.query<{ sha256: string; inserted: boolean }>(
    `WITH given AS (SELECT sha256(convert_to($1::jsonb::text, 'UTF8')) AS sha256, $1::jsonb AS outputs),
          added AS (INSERT INTO output_sets (sha256, outputs) SELECT sha256, outputs FROM given ON CONFLICT DO NOTHING RETURNING sha256)
     SELECT encode(given.sha256, 'hex') AS sha256, EXISTS (SELECT 1 FROM added) AS inserted FROM given`,
    [outputsJson],
  );
  if (row!.inserted) {
    await tx.query(`INSERT INTO output_set_blobs (set_sha256, blob_sha256) SELECT decode($1, 'hex'), decode(h, 'hex') FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING`, [row!.sha256, blobHashes]);
  }
  return row!.sha256;
}

/**
 * Stores the blobs not yet in the store, a statement per ~1 MiB of them; a
 * larger one is written a MiB at a time (appended within the transaction).
 */
async function storeNewBlobs(tx: SqlTransaction, blobs: Map<string, Buffer>): Promise<void> {
  const present = await tx.query<{ sha256: string }>(`SELECT encode(sha256, 'hex') AS sha256 FROM output_blobs WHERE sha256 IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)`, [
    [...blobs.keys()],
  ]);
  for (const row of present) blobs.delete(row.sha256);
  let batch: { h: string; b: string }[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.query(
      `INSERT INTO output_blobs (sha256, bytes)
       SELECT decode(b ->> 'h', 'hex'), decode(b ->> 'b', 'base64') FROM jsonb_array_elements($1::jsonb) AS b ON CONFLICT DO NOTHING`,
      [JSON.stringify(batch)],
    );
    batch = [];
    batchBytes = 0;
  };
  for (const [hash, data] of blobs) {
    if (data.length <= BYTES_PER_STATEMENT) {
      if (batchBytes + data.length > BYTES_PER_STATEMENT) await flush();
      batch.push({ h: hash, b: data.toString('base64') });
      batchBytes += data.length;
      continue;
    }
    const inserted = await tx.query(`INSERT INTO output_blobs (sha256, bytes) VALUES (decode($1, 'hex'), decode($2, 'base64')) ON CONFLICT DO NOTHING RETURNING 1 AS inserted`, [
      hash,
      data.subarray(0, BYTES_PER_STATEMENT).toString('base64'),
    ]);
    if (inserted.length === 0) continue;
    for (let offset = BYTES_PER_STATEMENT; offset < data.length; offset += BYTES_PER_STATEMENT) {
      await tx.query(`UPDATE output_blobs SET bytes = bytes || decode($2, 'base64') WHERE sha256 = decode($1, 'hex')`, [hash, data.subarray(offset, offset + BYTES_PER_STATEMENT).toString('base64')]);
    }
  }
  await flush();
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function summaryFromRow(row: HostResultRow): HostScanSummary {
  return {
    host: row.host,
    dc: row.dc,
    phase: row.phase as HostPhase,
    reason: row.reason,
    finishedAt: iso(row.finished_at),
    identity: typeof row.identity === 'string' ? (JSON.parse(row.identity) as HostIdentity) : row.identity,
    detectedOs: row.detected_os === 'debian' || row.detected_os === 'smartos' ? row.detected_os : null,
    findingCounts: countBySeverity(findingsOf(row)),
  };
}

function findingsOf(row: HostResultRow): FindingView[] {
  return typeof row.findings === 'string' ? (JSON.parse(row.findings) as FindingView[]) : row.findings;
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
