// The audit log file: append-only, hash-chained JSON Lines. Appends are
// group-committed: the entries that arrive while one write is in flight are
// chained in order and written together as the next single write, followed by
// one fsync. append() resolves only after the fsync that covers its entry, so
// an entry is on disk before the action it records goes ahead (a command runs
// only once its start is durable, a result is shown only once its end is). Opening verifies
// the whole chain and refuses to extend a broken one; the one damage it repairs
// is a torn last line (a kill during a write), which it moves aside and records.
// Given a SecretStore, the log is keyed (audit-key.ts): entries carry an HMAC
// with a key kept in the OS keychain, made on first open. Without a usable
// keychain it still records everything, unkeyed, and says so (`keyedWith`).
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import {
  auditEntryLine,
  buildAuditEntry,
  sha256Hex,
  type AuditChainHead,
  type AuditEntry,
  type AuditFields,
  type AuditKind,
  type AuditOperator,
  type CommandEndFields,
  type CommandStartFields,
} from './audit-entry';
import { AuditLogBrokenError, AuditLogWriteError } from './audit-log-errors';
import { acquireAuditLogLock, type AuditLogLock } from './audit-log-lock';
import { createAuditKey, findAuditKey, type AuditKey } from './audit-key';
import { SecretStoreUnavailableError, type SecretStore } from '../secrets/secret-store';
import { verifyAuditLog } from './verify-audit-log';

export interface AuditLogOptions {
  /** Clock for entry times and torn-file names; tests pass a fixed one. */
  now?: () => Date;
  /** Where the log's HMAC key is kept (the OS keychain); without it the log is unkeyed. */
  secrets?: SecretStore;
}

export interface CommandOutcome {
  host: string;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  /** The output itself is not logged, only the sha256 of the bytes the host sent and their count (evidence is kept elsewhere). */
  stdout: Buffer | string;
  stderr: Buffer | string;
  durationMs: number;
  /** Set when the output was cut at a cap: the hashes are over the kept bytes, and the entry says so. */
  truncated?: { cap: string; capBytes: number; keptBytes: number } | null;
}

interface PendingAppend {
  kind: AuditKind;
  fields: AuditFields;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: PendingAppend[] = [];
  private failure: AuditLogWriteError | null = null;
  private closing: Promise<void> | null = null;
  private readonly openCommands = new Set<number>();

  private constructor(
    readonly path: string,
    private readonly operator: AuditOperator,
    private readonly file: FileHandle,
    private readonly lock: AuditLogLock,
    private head: AuditChainHead,
    private readonly now: () => Date,
    private readonly key: AuditKey | null,
    /** Why new entries are unkeyed (no secret store given, keychain unavailable), or null when keyed. */
    readonly unkeyedBecause: string | null,
  ) {}

  /**
   * Opens (creating if needed, mode 0600) the log for appending. Throws
   * AuditLogBrokenError if verification fails anywhere but a torn last line,
   * and AuditLogBusyError if another process has it open.
   */
  static async open(path: string, operator: AuditOperator, options: AuditLogOptions = {}): Promise<AuditLog> {
    const now = options.now ?? (() => new Date());
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const lock = await acquireAuditLogLock(path);
    let file: FileHandle | null = null;
    try {
      const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return Buffer.alloc(0);
        throw error;
      });
      const complete = content.subarray(0, content.lastIndexOf(0x0a) + 1);
      const torn = content.subarray(complete.length);
      const found = options.secrets ? await findAuditKey(options.secrets, path) : null;
      const verified = verifyAuditLog(complete.toString('utf8'), found?.state === 'found' ? { key: found.key } : {});
      if (!verified.ok) throw new AuditLogBrokenError(path, verified);
      let key = found?.state === 'found' ? found.key : null;
      let unkeyedBecause = options.secrets ? (found?.state === 'unavailable' ? found.reason : null) : 'no keychain was given to the audit log';
      if (options.secrets && found?.state === 'none') {
        try {
          key = await createAuditKey(options.secrets, path, verified.entries + 1);
        } catch (error) {
          if (!(error instanceof SecretStoreUnavailableError)) throw error;
          unkeyedBecause = error.message;
        }
      }
      const movedTo = torn.length > 0 ? await moveTornTail(path, complete.length, torn, now()) : null;
      file = await open(path, 'a', 0o600);
      await file.chmod(0o600);
      const log = new AuditLog(path, operator, file, lock, { seq: verified.entries, hash: verified.lastHash }, now, key, key ? null : unkeyedBecause);
      if (movedTo !== null) {
        await log.append('audit.recovered', { tornBytes: torn.length, tornSha256: sha256Hex(torn), movedTo });
      }
      return log;
    } catch (error) {
      await file?.close();
      await lock.release();
      throw error;
    }
  }

  /** Appends one entry; resolves once it is written and fsynced (with whichever entries share its write). */
  append(kind: AuditKind, fields: AuditFields): Promise<AuditEntry> {
    if (this.closing) return Promise.reject(new Error(`audit log ${this.path} is closed; nothing more can be recorded in it`));
    return new Promise<AuditEntry>((resolve, reject) => {
      this.pending.push({ kind, fields, resolve, reject });
      // The first entry of a group schedules its write; later ones join it until that write starts.
      if (this.pending.length === 1) this.queue = this.queue.then(() => this.writePending());
    });
  }

  /** Records a command about to run on a host; returns the seq its end refers to. */
  async recordCommandStart(command: CommandStartFields): Promise<number> {
    const { runId, host, dc, address } = command;
    const entry = await this.append('command.start', { runId, host, dc, address, command: command.command });
    this.openCommands.add(entry.seq);
    return entry.seq;
  }

  async recordCommandEnd(startSeq: number, outcome: CommandOutcome): Promise<void> {
    if (!this.openCommands.has(startSeq)) {
      throw new Error(`audit log ${this.path}: no command.start with seq ${startSeq} is awaiting its end in this session`);
    }
    const fields: CommandEndFields = {
      startSeq,
      host: outcome.host,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      error: outcome.error,
      stdoutSha256: sha256Hex(outcome.stdout),
      stderrSha256: sha256Hex(outcome.stderr),
      durationMs: outcome.durationMs,
    };
    const sizes = { stdoutBytes: Buffer.byteLength(outcome.stdout), stderrBytes: Buffer.byteLength(outcome.stderr) };
    const truncated = outcome.truncated ? { truncated: { ...outcome.truncated } } : {};
    await this.append('command.end', { ...fields, ...sizes, ...truncated });
    this.openCommands.delete(startSeq);
  }

  /** Waits for pending appends, then closes the file and releases the lock. */
  close(): Promise<void> {
    this.closing ??= this.queue.then(async () => {
      await this.file.close();
      await this.lock.release();
    });
    return this.closing;
  }

  /** Writes every entry waiting now as one write and one fsync; each caller learns its own outcome. */
  private async writePending(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    if (this.failure) {
      for (const each of group) each.reject(this.failure);
      return;
    }
    let head = this.head;
    const built: { each: PendingAppend; entry: AuditEntry }[] = [];
    const lines: string[] = [];
    for (const each of group) {
      try {
        const entry = buildAuditEntry(head, each.kind, this.operator, each.fields, this.now(), this.key);
        lines.push(auditEntryLine(entry));
        built.push({ each, entry });
        head = { seq: entry.seq, hash: entry.hash };
      } catch (error) {
        // An entry that cannot be built (fields that do not serialise) fails alone; the chain goes on without it.
        each.reject(error);
      }
    }
    if (built.length === 0) return;
    const bytes = Buffer.from(lines.join(''), 'utf8');
    try {
      const { bytesWritten } = await this.file.write(bytes, 0, bytes.length);
      if (bytesWritten !== bytes.length) throw new Error(`short write (${bytesWritten} of ${bytes.length} bytes)`);
      await this.file.sync();
    } catch (error) {
      // The file may now end in part of a line: stop here; reopening repairs it.
      this.failure = new AuditLogWriteError(this.path, error);
      for (const { each } of built) each.reject(this.failure);
      return;
    }
    this.head = head;
    for (const { each, entry } of built) each.resolve(entry);
  }
}

/**
 * Copies a torn last line to `<log>.torn-<time>` (never silently dropped), then
 * truncates it from the log. In that order: a crash in between leaves the
 * fragment in both places, never in neither.
 */
async function moveTornTail(path: string, keepBytes: number, torn: Buffer, at: Date): Promise<string> {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const movedTo = `${path}.torn-${stamp}${n === 0 ? '' : `-${n}`}`;
    let copy: FileHandle;
    try {
      copy = await open(movedTo, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      await copy.write(torn, 0, torn.length);
      await copy.sync();
    } finally {
      await copy.close();
    }
    const log = await open(path, 'r+');
    try {
      await log.truncate(keepBytes);
      await log.sync();
    } finally {
      await log.close();
    }
    return movedTo;
  }
}

/** The operator as the OS knows them: login name, and a display name if given. */
export function operatorFromOs(displayName?: string): AuditOperator {
  let login: string | undefined;
  try {
    login = userInfo().username;
  } catch {
    login = process.env['USER'] ?? process.env['LOGNAME'];
  }
  if (!login) throw new Error("cannot determine the operator's login name from the OS; set USER or LOGNAME");
  return { login, displayName: displayName ?? login };
}
