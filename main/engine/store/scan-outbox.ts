// The local outbox of a workstation on a team store: scan writes the team
// store could not take (it was unreachable, or went away mid-scan), kept in
// order in an embedded store in the data folder until they are written
// there. Opened only when first needed (an embedded store costs memory), and
// at start when an earlier session left writes in it. Each write is one row,
// committed before the scan goes on, so a killed process loses none.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { openPgliteClient } from './pglite-client';
import type { ScanWrite } from './scan-write';
import type { SqlClient } from './sql-client';

export interface QueuedWrite {
  seq: number;
  write: ScanWrite;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS outbox (
  seq bigserial PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  payload bytea NOT NULL
)`;

export class ScanOutbox {
  private opening: Promise<SqlClient> | null = null;

  constructor(readonly directory: string) {}

  static inDataDir(dataDir: string): ScanOutbox {
    return new ScanOutbox(join(dataDir, 'outbox'));
  }

  /** Whether an earlier session left an outbox store here (it may be empty). */
  async exists(): Promise<boolean> {
    return access(join(this.directory, 'PG_VERSION')).then(
      () => true,
      () => false,
    );
  }

  async push(write: ScanWrite): Promise<void> {
    const sql = await this.open();
    await sql.query('INSERT INTO outbox (kind, payload) VALUES ($1, $2)', [write.kind, Buffer.from(serialize(write), 'utf8')]);
  }

  /** The oldest queued writes, in the order they were queued. */
  async oldest(limit: number): Promise<QueuedWrite[]> {
    const sql = await this.open();
    const rows = await sql.query<{ seq: number | string; payload: Uint8Array }>('SELECT seq, payload FROM outbox ORDER BY seq LIMIT $1', [limit]);
    return rows.map((row) => ({ seq: Number(row.seq), write: deserialize(Buffer.from(row.payload).toString('utf8')) }));
  }

  async remove(seq: number): Promise<void> {
    const sql = await this.open();
    await sql.query('DELETE FROM outbox WHERE seq = $1', [seq]);
  }

  /** When the oldest write still queued was kept, or null when none is. */
  async oldestQueuedAt(): Promise<string | null> {
    const sql = await this.open();
    const [row] = await sql.query<{ queued_at: Date | string | null }>('SELECT min(queued_at) AS queued_at FROM outbox');
    return row?.queued_at ? new Date(row.queued_at).toISOString() : null;
  }

  async count(): Promise<number> {
    const sql = await this.open();
    const [row] = await sql.query<{ n: number | string }>('SELECT count(*) AS n FROM outbox');
    return Number(row!.n);
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    if (opening) await (await opening).close();
  }

  private open(): Promise<SqlClient> {
    this.opening ??= openPgliteClient(this.directory).then(async (sql) => {
      await sql.exec(SCHEMA);
      return sql;
    });
    return this.opening;
  }
}

/** JSON with output bytes as base64 (they are the host's exact bytes, not text). */
function serialize(write: ScanWrite): string {
  if (write.kind !== 'host-finished' || !write.bytes) return JSON.stringify(write);
  return JSON.stringify({ ...write, bytes: write.bytes.map((each) => ({ stdout: each.stdout.toString('base64'), stderr: each.stderr.toString('base64') })) });
}

type Serialized = Exclude<ScanWrite, { kind: 'host-finished' }> | (Omit<Extract<ScanWrite, { kind: 'host-finished' }>, 'bytes'> & { bytes?: Array<{ stdout: string; stderr: string }> });

function deserialize(text: string): ScanWrite {
  const write = JSON.parse(text) as Serialized;
  if (write.kind !== 'host-finished' || !write.bytes) return write as ScanWrite;
  return { ...write, bytes: write.bytes.map((each) => ({ stdout: Buffer.from(each.stdout, 'base64'), stderr: Buffer.from(each.stderr, 'base64') })) };
}
