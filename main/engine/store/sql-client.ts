// The little SQL surface the store needs. PGlite (embedded, the default) and
// a PostgreSQL server (npm pg, for a team sharing one history) both provide
// it, so one schema, one dialect and one test suite serve both.
export interface SqlClient {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlTransaction {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}
