// Verification of an audit log's text: names the FIRST broken entry (its seq
// when readable, and its 1-based line) and why. Pure. A hash chain without a
// secret detects edits, removals, insertions and reorders, but not entries
// appended (or a log rewritten) with recomputed hashes, nor truncation at a
// line boundary. With the log's key (audit-key.ts), every entry from the key's
// first keyed seq on must carry a valid MAC, which catches appended forgeries;
// truncation and wholesale rewriting are for an anchor (a seq and hash kept
// elsewhere). Without the key, MACs cannot be checked, and the result says so.
import { auditEntryHash, canonicalJson, GENESIS_HASH, type AuditChainHead } from './audit-entry';
import { macMatches, type AuditKey } from './audit-key';

export interface AuditKeying {
  /** Entries whose MAC was checked with the key and matched. */
  keyed: number;
  /** Entries without a MAC (written before the log was keyed, or without a keychain). */
  unkeyed: number;
  /** Entries with a MAC that could not be checked: no key was given. */
  unchecked: number;
  /** The key id named by the log's first keyed entry, if any. */
  keyId: string | null;
}

export type AuditVerifyResult = ({ ok: true; entries: number; lastHash: string } & AuditKeying) | { ok: false; entries: number; brokenAt: { seq: number | null; line: number }; reason: string };

export type AuditVerifyFailure = Extract<AuditVerifyResult, { ok: false }>;

export interface AuditVerifyOptions {
  /** An entry known (from elsewhere) to be in the log: detects truncation and rewriting. */
  anchor?: AuditChainHead;
  /** The log's key: entries from key.firstKeyedSeq on must carry a valid MAC. */
  key?: AuditKey | null;
}

export function verifyAuditLog(text: string, options: AuditVerifyOptions = {}): AuditVerifyResult {
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  const key = options.key ?? null;
  const keying: AuditKeying = { keyed: 0, unkeyed: 0, unchecked: 0, keyId: null };
  let prev = GENESIS_HASH;
  let entries = 0;
  for (let i = 0; i < lines.length; i++) {
    const checked = checkLine(lines[i] ?? '', entries + 1, prev, key);
    if ('reason' in checked) return { ok: false, entries, brokenAt: { seq: checked.seq, line: i + 1 }, reason: checked.reason };
    prev = checked.hash;
    entries++;
    keying[checked.keying]++;
    keying.keyId ??= checked.keyId;
    if (options.anchor?.seq === entries && options.anchor.hash !== prev) {
      return {
        ok: false,
        entries: entries - 1,
        brokenAt: { seq: entries, line: i + 1 },
        reason: `entry ${entries} does not match the anchor kept elsewhere (hash ${options.anchor.hash}): the log was rewritten from here or earlier`,
      };
    }
  }
  if (torn !== '') {
    return {
      ok: false,
      entries,
      brokenAt: { seq: null, line: lines.length + 1 },
      reason: `the last line (${Buffer.byteLength(torn)} bytes) has no newline: a write was torn (crash or kill during an append)`,
    };
  }
  if (options.anchor && options.anchor.seq > entries) {
    return {
      ok: false,
      entries,
      brokenAt: { seq: null, line: lines.length + 1 },
      reason: `the log ends at entry ${entries} but entry ${options.anchor.seq} was recorded: entries were removed from the end`,
    };
  }
  if (key && key.firstKeyedSeq - 1 > entries) {
    return {
      ok: false,
      entries,
      brokenAt: { seq: null, line: lines.length + 1 },
      reason: `the log ends at entry ${entries} but it was keyed when it already held ${key.firstKeyedSeq - 1}: entries were removed from the end`,
    };
  }
  return { ok: true, entries, lastHash: prev, ...keying };
}

interface LineProblem {
  seq: number | null;
  reason: string;
}

interface CheckedLine {
  hash: string;
  keying: 'keyed' | 'unkeyed' | 'unchecked';
  keyId: string | null;
}

function checkLine(line: string, expectedSeq: number, prev: string, key: AuditKey | null): LineProblem | CheckedLine {
  if (line === '') return { seq: null, reason: 'blank line: the log has been edited' };
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return { seq: null, reason: 'not valid JSON: the entry was edited or damaged' };
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { seq: null, reason: 'not a JSON object: the entry was edited or damaged' };
  }
  const record = entry as Record<string, unknown>;
  const seq = Number.isSafeInteger(record['seq']) ? (record['seq'] as number) : null;
  const shapeProblem = entryShapeProblem(record);
  if (shapeProblem !== null) return { seq, reason: shapeProblem };
  if (!isCanonical(record, line)) return { seq, reason: 'not in canonical form: the entry was edited' };
  if (auditEntryHash(record as Parameters<typeof auditEntryHash>[0]) !== record['hash']) {
    return { seq, reason: 'hash does not match the content: the entry was edited' };
  }
  if (seq !== expectedSeq) {
    const what = (seq ?? 0) > expectedSeq ? `entries ${expectedSeq}..${(seq ?? 0) - 1} are missing` : 'entries were reordered or duplicated';
    return { seq, reason: `expected entry ${expectedSeq} here but found ${seq}: ${what}` };
  }
  if (record['prev'] !== prev) {
    return { seq, reason: "prev does not match the previous entry's hash: an entry before it was removed, inserted or replaced" };
  }
  const hash = record['hash'] as string;
  const keyId = typeof record['keyId'] === 'string' ? record['keyId'] : null;
  const mac = typeof record['mac'] === 'string' ? record['mac'] : null;
  if (!key) return { hash, keying: mac === null ? 'unkeyed' : 'unchecked', keyId };
  if (mac === null) {
    if (seq < key.firstKeyedSeq) return { hash, keying: 'unkeyed', keyId };
    return {
      seq,
      reason: `entry ${seq} carries no MAC, but the log is keyed from entry ${key.firstKeyedSeq}: it was appended or rewritten by someone without the key`,
    };
  }
  if (keyId !== key.keyId) return { seq, reason: `entry ${seq} names key ${keyId}, not this log's key ${key.keyId}: it was not written with this log's key` };
  if (!macMatches(key, hash, mac)) return { seq, reason: `entry ${seq}: the MAC does not match: it was forged or edited by someone without the key` };
  return { hash, keying: 'keyed', keyId };
}

function isCanonical(record: Record<string, unknown>, line: string): boolean {
  try {
    return canonicalJson(record) === line;
  } catch {
    return false; // e.g. 1e999 parses to Infinity, which no entry we write holds
  }
}

function entryShapeProblem(record: Record<string, unknown>): string | null {
  const seq = record['seq'];
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return 'missing or invalid seq';
  if (typeof record['at'] !== 'string') return 'missing or invalid at';
  if (typeof record['kind'] !== 'string') return 'missing or invalid kind';
  const operator = record['operator'] as Record<string, unknown> | null | undefined;
  if (typeof operator !== 'object' || operator === null || typeof operator['login'] !== 'string') return 'missing or invalid operator';
  for (const name of ['prev', 'hash']) {
    if (typeof record[name] !== 'string' || !/^[0-9a-f]{64}$/.test(record[name] as string)) return `missing or invalid ${name}`;
  }
  const keyed = [record['keyId'] !== undefined, record['mac'] !== undefined];
  if (keyed[0] !== keyed[1]) return 'keyId and mac must appear together';
  if (keyed[0]) {
    if (typeof record['keyId'] !== 'string' || !/^[0-9a-f]{16}$/.test(record['keyId'])) return 'invalid keyId';
    if (typeof record['mac'] !== 'string' || !/^[0-9a-f]{64}$/.test(record['mac'])) return 'invalid mac';
  }
  return null;
}
