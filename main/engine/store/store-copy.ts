// Copies one store's history into another (an embedded store into the team
// store, usually): every table of history, table by table in the order their
// references need, in batches, each row inserted only when its key is not
// there yet — so a copy run twice, or interrupted and run again, doubles
// nothing and loses nothing. Both stores must be at the same schema version
// (the caller checks); the rows are copied as they are, column by column.
import type { SqlClient } from './sql-client';

interface CopiedTable {
  table: string;
  /** The primary key, which orders the pages read and decides "already there". */
  key: string[];
  /** Rows per batch: raw outputs are large, the rest small. */
  batch: number;
}

/** The tables of history, referenced tables first. */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { table: 'output_blobs', key: ['sha256'], batch: 16 },
  { table: 'result_docs', key: ['sha256'], batch: 200 },
  { table: 'output_sets', key: ['sha256'], batch: 200 },
  { table: 'output_set_blobs', key: ['set_sha256', 'blob_sha256'], batch: 500 },
  { table: 'scan_runs', key: ['run_id'], batch: 200 },
  { table: 'host_result_rows', key: ['run_id', 'host'], batch: 200 },
  { table: 'evidence_holds', key: ['run_id', 'host', 'held_by'], batch: 200 },
  { table: 'restore_tests', key: ['test_id'], batch: 100 },
  { table: 'integrity_checks', key: ['check_id'], batch: 100 },
  { table: 'drill_run_events', key: ['run_id', 'seq'], batch: 200 },
  { table: 'fleet_snapshots', key: ['recorded_at', 'recorded_by'], batch: 50 },
];

/** The tables a copy leaves alone, and why. */
export const NOT_COPIED_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: "each store's record of its own schema",
  opsdeck_store: 'the mark that a database is an OpsDeck store',
  audit_anchors: "a workstation's audit log anchors are written by that workstation, in its own name",
  drill_holders: 'who holds a live drill run now is the present, not history',
  drill_live_runs: 'a live drill run goes on where it was started; its events are copied as history',
};

export interface TableCopy {
  table: string;
  /** Rows in the source. */
  read: number;
  /** Rows the target did not have and now has. */
  added: number;
}

interface Column {
  name: string;
  type: string;
}

export async function copyStore(from: SqlClient, to: SqlClient, onTable: (copy: TableCopy) => void = () => {}): Promise<TableCopy[]> {
  const copies: TableCopy[] = [];
  for (const table of COPIED_TABLES) {
    const copy = await copyTable(from, to, table);
    copies.push(copy);
    onTable(copy);
  }
  return copies;
}

async function copyTable(from: SqlClient, to: SqlClient, { table, key, batch }: CopiedTable): Promise<TableCopy> {
  const columns = await columnsOf(to, table);
  const sourceColumns = new Set((await columnsOf(from, table)).map((column) => column.name));
  const missing = columns.filter((column) => !sourceColumns.has(column.name));
  if (missing.length > 0) throw new Error(`the source store's ${table} has no ${missing.map((column) => column.name).join(', ')}: the two stores are not at the same schema`);
  const list = columns.map((column) => quoteIdent(column.name)).join(', ');
  const order = key.map(quoteIdent).join(', ');
  let read = 0;
  let added = 0;
  for (;;) {
    const rows = await from.query<Record<string, unknown>>(`SELECT ${list} FROM ${quoteIdent(table)} ORDER BY ${order} LIMIT ${batch} OFFSET ${read}`);
    if (rows.length === 0) break;
    read += rows.length;
    added += await insertMissing(to, table, columns, key, rows);
    if (rows.length < batch) break;
  }
  return { table, read, added };
}

async function insertMissing(to: SqlClient, table: string, columns: Column[], key: string[], rows: Array<Record<string, unknown>>): Promise<number> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => placeholder(params, column, row[column.name])).join(', ')})`);
  const inserted = await to.query<{ one: number }>(
    `INSERT INTO ${quoteIdent(table)} (${columns.map((column) => quoteIdent(column.name)).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${key.map(quoteIdent).join(', ')}) DO NOTHING RETURNING 1 AS one`,
    params,
  );
  return inserted.length;
}

/** A typed placeholder: jsonb goes as its text, bytea as a Buffer (pg would write a bare Uint8Array as JSON). */
function placeholder(params: unknown[], column: Column, value: unknown): string {
  if (value === null || value === undefined) params.push(null);
  else if (column.type === 'jsonb' || column.type === 'json') params.push(JSON.stringify(value));
  else if (column.type === 'bytea') params.push(Buffer.from(value as Uint8Array));
  else params.push(value);
  return `$${params.length}::${column.type}`;
}

async function columnsOf(sql: SqlClient, table: string): Promise<Column[]> {
  const columns = await sql.query<{ name: string; type: string }>(
    'SELECT column_name AS name, udt_name AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  if (columns.length === 0) throw new Error(`the store has no table ${table}`);
  return columns;
}

/** The base tables of a store's schema (views excluded), to check that every one is copied or left alone on purpose. */
export async function storeTables(sql: SqlClient): Promise<string[]> {
  return (await sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).map((row) => row.name);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
