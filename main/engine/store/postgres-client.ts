// SqlClient over a PostgreSQL server (npm pg), for a team sharing one
// history. Rows come back in the same JavaScript shapes PGlite gives (int8 and
// count(*) as numbers, dates as UTC midnight, bytea as Uint8Array), so the
// stores above cannot tell the two apart.
import pg from 'pg';
import type { SqlClient } from './sql-client';
import { describeStoreUrl, parseStoreUrl } from './store-url';
import { postgresProblem } from './postgres-problem';

/** The oldest server the schema and its role/row-security statements are tested on. */
export const OLDEST_SUPPORTED_SERVER = 140000;

const INT8 = 20;
const DATE = 1082;
const BYTEA = 17;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (text: string) => Number(text);
    if (oid === DATE) return (text: string) => new Date(`${text}T00:00:00Z`);
    if (oid === BYTEA) {
      const parse = pg.types.getTypeParser(BYTEA, 'text') as (text: string) => Buffer;
      return (text: string) => {
        const bytes = parse(text);
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      };
    }
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

export function checkServerVersion(versionNum: number, version: string, where: string): void {
  if (versionNum < OLDEST_SUPPORTED_SERVER) throw new Error(`the team store ${where} runs PostgreSQL ${version}; OpsDeck needs PostgreSQL 14 or newer`);
}

export interface PostgresClient extends SqlClient {
  /** "postgresql://alice@db.example:5432/opsdeck", never with the password. */
  readonly where: string;
  /** Runs work on one connection (session-level advisory locks need that). */
  withConnection<T>(work: (query: <Row>(sql: string, params?: unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T>;
}

/**
 * Connects once before returning, so a wrong URL, a wrong password or a
 * server too old is said now, in words, before anything is read or written.
 */
export async function openPostgresClient(url: string, options: { maxConnections?: number } = {}): Promise<PostgresClient> {
  const config = parseStoreUrl(url);
  const where = describeStoreUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, connectionTimeoutMillis: 10_000, types });
  // A connection dropped by a server that dies or restarts must not crash the process: an idle one is the
  // pool's 'error', one checked out (between a transaction's statements) its own; the query in flight, if any,
  // rejects with the same error, and the next query reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const [row] = (await pool.query<{ v: string; version: string }>("SELECT current_setting('server_version_num') AS v, current_setting('server_version') AS version")).rows;
    checkServerVersion(Number(row!.v), row!.version, where);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(postgresProblem(error, where, config.user ?? 'the default user'), { cause: error });
  }
  const query = async <Row>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[];
  return {
    where,
    query,
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const connection = await pool.connect();
      // A connection the server dropped mid-transaction cannot roll back: it is destroyed, not returned to the pool.
      let broken = false;
      try {
        await connection.query('BEGIN');
        const result = await work({ query: async <Row>(sql: string, params: unknown[] = []) => (await connection.query(sql, params)).rows as Row[] });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        broken = await connection.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    withConnection: async (work) => {
      const connection = await pool.connect();
      try {
        return await work(async <Row>(sql: string, params: unknown[] = []) => (await connection.query(sql, params)).rows as Row[]);
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
