// The audit log's key: an HMAC-SHA256 key kept in the OS keychain (through
// SecretStore), one per log file. Each entry written with it carries
// `keyId` and `mac` = HMAC(key, entry hash), so someone who can write the
// file but cannot use the keychain cannot append entries (with recomputed
// plain hashes) unnoticed. The keychain record also holds the seq from which
// the log is keyed: an entry from there on without a valid MAC is a forgery,
// and a log shorter than that was truncated.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import { SecretStoreUnavailableError, type SecretStore } from '../secrets/secret-store';

export interface AuditKey {
  key: Buffer;
  /** First 16 hex digits of sha256(key): names the key in entries, reveals nothing of it. */
  keyId: string;
  /** Entries from this seq on must carry a MAC made with this key. */
  firstKeyedSeq: number;
}

export type AuditKeyLookup = { state: 'found'; key: AuditKey } | { state: 'none' } | { state: 'unavailable'; reason: string };

const ACCOUNT_PREFIX = 'audit-key:';

/** The keychain account of a log's key: named by the log's absolute path. */
export function auditKeyAccount(logPath: string): string {
  return `${ACCOUNT_PREFIX}${resolve(logPath)}`;
}

export function auditEntryMac(key: AuditKey, hash: string): string {
  return createHmac('sha256', key.key).update(hash).digest('hex');
}

export function macMatches(key: AuditKey, hash: string, mac: string): boolean {
  const expected = Buffer.from(auditEntryMac(key, hash), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The key of the log at logPath; or, for a copy of a log verified elsewhere,
 * the key whose id the log's entries name (found among the keychain's audit keys).
 */
export async function findAuditKey(secrets: SecretStore, logPath: string, keyIdInLog: string | null = null): Promise<AuditKeyLookup> {
  try {
    const own = parseKeyRecord(await secrets.get(auditKeyAccount(logPath)));
    if (own && (keyIdInLog === null || own.keyId === keyIdInLog)) return { state: 'found', key: own };
    if (keyIdInLog !== null && secrets.list) {
      for (const account of await secrets.list()) {
        if (!account.startsWith(ACCOUNT_PREFIX)) continue;
        const candidate = parseKeyRecord(await secrets.get(account));
        if (candidate?.keyId === keyIdInLog) return { state: 'found', key: candidate };
      }
    }
    return own ? { state: 'found', key: own } : { state: 'none' };
  } catch (error) {
    if (error instanceof SecretStoreUnavailableError) return { state: 'unavailable', reason: error.message };
    throw error;
  }
}

/** Makes a new key for the log at logPath, keyed from firstKeyedSeq, and keeps it in the keychain. */
export async function createAuditKey(secrets: SecretStore, logPath: string, firstKeyedSeq: number): Promise<AuditKey> {
  const key = randomBytes(32);
  const record: AuditKey = { key, keyId: keyIdOf(key), firstKeyedSeq };
  await secrets.set(auditKeyAccount(logPath), JSON.stringify({ v: 1, key: key.toString('base64'), keyId: record.keyId, firstKeyedSeq }));
  return record;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function parseKeyRecord(text: string | null): AuditKey | null {
  if (text === null) return null;
  let json: { v?: unknown; key?: unknown; firstKeyedSeq?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error('the audit key in the keychain is not valid JSON; it was damaged or replaced');
  }
  const key = typeof json.key === 'string' ? Buffer.from(json.key, 'base64') : Buffer.alloc(0);
  if (json.v !== 1 || key.length !== 32 || !Number.isSafeInteger(json.firstKeyedSeq) || (json.firstKeyedSeq as number) < 1) {
    throw new Error('the audit key in the keychain has an unknown form; it was damaged or replaced');
  }
  return { key, keyId: keyIdOf(key), firstKeyedSeq: json.firstKeyedSeq as number };
}
