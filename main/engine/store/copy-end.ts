// One end of `opsdeck store copy`: a team store's URL (its schema checked,
// never upgraded) or a data folder holding an embedded store (brought to
// this schema, as opening it anywhere would). A folder with no store in it is
// refused rather than a new empty store made there.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { migrate } from './migrations';
import { openPgliteClient } from './pglite-client';
import { openPostgresClient } from './postgres-client';
import type { SqlClient } from './sql-client';
import { checkTeamSchema } from './team-store-schema';

export interface CopyEnd {
  /** The store as it may be shown: a URL without its password, or the embedded store's folder. */
  where: string;
  sql: SqlClient;
  close(): Promise<void>;
}

const isUrl = (text: string) => /^postgres(ql)?:\/\//i.test(text);

export async function openCopyEnd(text: string, side: 'from' | 'to'): Promise<CopyEnd> {
  if (isUrl(text)) {
    const sql = await openPostgresClient(text);
    try {
      await checkTeamSchema(sql, sql.where);
    } catch (error) {
      await sql.close();
      throw error;
    }
    return { where: sql.where, sql, close: () => sql.close() };
  }
  const where = join(text, 'store');
  const exists = await access(join(where, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!exists) throw new Error(`--${side} ${text}: no embedded store there (no ${join(where, 'PG_VERSION')}); give a data folder OpsDeck has used, or a postgresql:// URL`);
  const sql = await openPgliteClient(where);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return { where, sql, close: () => sql.close() };
}
