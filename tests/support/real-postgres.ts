// A private PostgreSQL server for tests: Debian's initdb and pg_ctl, run as
// the postgres user, in a temp folder, on 127.0.0.1 and a free port (and a
// Unix socket in the same folder); stopped by PID. Fails (never skips) when
// Debian's postgresql-15 is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './private-sshd';
import { initTeamStore, type TeamMember } from '../../main/engine/store/team-store-admin';

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
export const SUPERUSER_PASSWORD = 'test-superuser-password';

export interface RealPostgres {
  port: number;
  /** A URL for the superuser "postgres" over TCP. */
  url(database?: string, user?: string, password?: string): string;
  /** Runs SQL as the superuser in a database (one connection, closed after). */
  sql(database: string, text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  createDatabase(name: string): Promise<void>;
  /** pg_ctl stop -m immediate: the server dies as on a power cut. */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  log(): Promise<string>;
}

function asPostgres(args: string[], what: string): void {
  const result = spawnSync('/usr/sbin/runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
}

export async function startRealPostgres(): Promise<RealPostgres> {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(POSTGRES_BIN, tool))) throw new Error(`${join(POSTGRES_BIN, tool)} is missing: install Debian's postgresql-15 package`);
  }
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('the "postgres" system user is missing: install Debian\'s postgresql-15 package');
  const root = await mkdtemp(join(tmpdir(), 'opsdeck-pg-'));
  await chmod(root, 0o755);
  await chown(root, uid, gid);
  const dataDir = join(root, 'data');
  const pwfile = join(root, 'pwfile');
  await writeFile(pwfile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  await chown(pwfile, uid, gid);
  asPostgres(
    [join(POSTGRES_BIN, 'initdb'), '-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    'initdb',
  );
  const port = await freePort();
  // fsync stays on: the fault tests kill the server and expect committed rows back.
  await writeFile(
    join(dataDir, 'postgresql.auto.conf'),
    [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${root}'`, 'max_connections = 60', 'shared_buffers = 32MB'].join('\n') + '\n',
  );
  const logPath = join(root, 'server.log');
  const ctl = (action: string[]) => asPostgres([join(POSTGRES_BIN, 'pg_ctl'), '-D', dataDir, '-l', logPath, ...action], `pg_ctl ${action.join(' ')}`);
  const pidOf = async (): Promise<number | null> => {
    const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
    return text ? Number(text.split('\n')[0]) : null;
  };
  const waitGone = async (pid: number) => {
    for (let i = 0; i < 300; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`PostgreSQL (pid ${pid}) did not stop within 30 s`);
  };
  const url = (database = 'postgres', user = 'postgres', password = SUPERUSER_PASSWORD) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const server: RealPostgres = {
    port,
    url,
    sql: async (database, text, params = []) => {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    createDatabase: async (name) => {
      await server.sql('postgres', `CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    },
    crash: async () => {
      const pid = await pidOf();
      ctl(['stop', '-m', 'immediate']);
      if (pid) await waitGone(pid);
    },
    start: async () => {
      ctl(['start', '-w', '-t', '60']);
    },
    stop: async () => {
      const pid = await pidOf();
      if (pid) {
        try {
          process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
        } catch {
          // already gone
        }
        await waitGone(pid);
      }
      await rm(root, { recursive: true, force: true });
    },
    log: () => readFile(logPath, 'utf8').catch(() => ''),
  };
  try {
    await server.start();
  } catch (error) {
    const log = await server.log();
    await rm(root, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return server;
}

/** A new database made a team store with these members, each login's password `<login>-pw`. */
export async function makeTeamStore(server: RealPostgres, database: string, members: TeamMember[]): Promise<void> {
  await server.createDatabase(database);
  await initTeamStore(server.url(database), members);
  for (const { login } of members) await server.sql('postgres', `ALTER ROLE "${login}" PASSWORD '${login}-pw'`);
}
