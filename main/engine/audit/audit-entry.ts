// The audit log's entry: one JSON object per line (JSON Lines), hash-chained so
// that editing, removing, inserting or reordering any entry is detectable.
// hash = sha256(prev + canonical JSON of the entry without `hash` and `mac`);
// canonical = object keys sorted recursively, no whitespace. Each line is
// itself the canonical JSON of the whole entry, so any byte change shows.
// Entries written with the log's key (audit-key.ts) also carry `keyId`
// (inside the hash) and `mac` = HMAC(key, hash). Pure.
import { createHash } from 'node:crypto';
import { auditEntryMac, type AuditKey } from './audit-key';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditOperator {
  login: string;
  displayName: string;
}

export type AuditKind = 'command.start' | 'command.end' | 'hostkey.accept' | 'scan.start' | 'scan.end' | 'audit.recovered' | (string & {});

export type AuditFields = Record<string, unknown>;

export interface AuditEntry {
  seq: number;
  at: string;
  kind: AuditKind;
  operator: AuditOperator;
  prev: string;
  hash: string;
  keyId?: string;
  mac?: string;
  [field: string]: unknown;
}

export interface CommandStartFields {
  runId: string;
  host: string;
  dc: string;
  address: string;
  command: string;
}

export interface CommandEndFields {
  startSeq: number;
  host: string;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  stdoutSha256: string;
  stderrSha256: string;
  durationMs: number;
}

/** Fields every entry carries; a caller's fields may not overwrite them. */
export const RESERVED_FIELDS = ['seq', 'at', 'kind', 'operator', 'prev', 'hash', 'keyId', 'mac'] as const;

/** Where a new entry attaches: the previous entry's seq and hash (0 and GENESIS_HASH for the first). */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_CHAIN: AuditChainHead = { seq: 0, hash: GENESIS_HASH };

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * JSON with object keys sorted recursively and no whitespace. Rejects values
 * JSON cannot carry faithfully (undefined, functions, non-finite numbers,
 * bigints), rather than silently writing something else than was recorded.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`audit entries cannot hold the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`audit entries hold plain JSON data only, not ${typeof value === 'object' ? 'a class instance' : typeof value}`);
}

/** The hash an entry must carry: sha256(prev + canonical JSON of everything but `hash` and `mac`). */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _hash, mac: _mac, ...rest } = entry as AuditEntry;
  return sha256Hex(entry.prev + canonicalJson(rest));
}

export function buildAuditEntry(head: AuditChainHead, kind: AuditKind, operator: AuditOperator, fields: AuditFields, at: Date, key: AuditKey | null = null): AuditEntry {
  for (const name of RESERVED_FIELDS) {
    if (Object.hasOwn(fields, name)) throw new TypeError(`audit field "${name}" is reserved for the log itself`);
  }
  const unsigned = {
    ...fields,
    seq: head.seq + 1,
    at: at.toISOString(),
    kind,
    operator: { login: operator.login, displayName: operator.displayName },
    prev: head.hash,
    ...(key ? { keyId: key.keyId } : {}),
  };
  const hash = auditEntryHash(unsigned);
  return key ? { ...unsigned, hash, mac: auditEntryMac(key, hash) } : { ...unsigned, hash };
}

/** The entry's line in the file, newline included. */
export function auditEntryLine(entry: AuditEntry): string {
  return `${canonicalJson(entry)}\n`;
}
