// The team store's address: a PostgreSQL connection URL
// (postgresql://user@host:port/database, or ?host=/socket/dir for a Unix
// socket). Checked before any connection, and shown without its password.

export interface StoreUrlParts {
  user: string | null;
  host: string;
  port: string;
  database: string;
}

export function parseStoreUrl(url: string): StoreUrlParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`the team store address "${redact(url)}" is not a URL: write it as postgresql://user@host:5432/database`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`the team store address "${redact(url)}" starts with "${parsed.protocol}": a team store is PostgreSQL, written postgresql://user@host:5432/database`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`the team store address "${redact(url)}" names no database: add it after the host, as in postgresql://user@host:5432/opsdeck`);
  const socketDir = parsed.searchParams.get('host');
  return {
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    host: socketDir ?? (parsed.hostname || 'localhost'),
    port: parsed.port || '5432',
    database,
  };
}

/** The URL as it may be shown and logged: the password replaced by ***. */
export function describeStoreUrl(url: string): string {
  return redact(url);
}

function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
