// Verification of an audit log's text: names the FIRST broken entry (its seq
// when readable, and its 1-based line) and why. Pure. A hash chain without a
// secret detects edits, removals, insertions and reorders, but not a log
// rewritten wholesale from some entry on, nor truncation at a line boundary:
// for those, compare with an anchor (a seq and hash kept elsewhere).
import { auditEntryHash, canonicalJson, GENESIS_HASH, type AuditChainHead } from './audit-entry';

export type AuditVerifyResult =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: { seq: number | null; line: number }; reason: string };

export type AuditVerifyFailure = Extract<AuditVerifyResult, { ok: false }>;

export interface AuditVerifyOptions {
  /** An entry known (from elsewhere) to be in the log: detects truncation and rewriting. */
  anchor?: AuditChainHead;
}

export function verifyAuditLog(text: string, options: AuditVerifyOptions = {}): AuditVerifyResult {
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  let prev = GENESIS_HASH;
  let entries = 0;
  for (let i = 0; i < lines.length; i++) {
    const checked = checkLine(lines[i] ?? '', entries + 1, prev);
    if ('reason' in checked) return { ok: false, entries, brokenAt: { seq: checked.seq, line: i + 1 }, reason: checked.reason };
    prev = checked.hash;
    entries++;
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
  return { ok: true, entries, lastHash: prev };
}

interface LineProblem {
  seq: number | null;
  reason: string;
}

function checkLine(line: string, expectedSeq: number, prev: string): LineProblem | { hash: string } {
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
    return { seq, reason: 'prev does not match the previous entry\'s hash: an entry before it was removed, inserted or replaced' };
  }
  return { hash: record['hash'] as string };
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
  return null;
}
