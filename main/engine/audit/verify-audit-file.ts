// Verifies an audit log file with its key from the keychain, for the CLI and
// the UI: the chain, the MACs where the key is available, and a plain
// statement of what could not be checked. Never reports a log whose MACs
// were not checked as simply "OK".
import { readFile } from 'node:fs/promises';
import type { AuditVerifyView } from '../../../preload/contract';
import type { AuditChainHead } from './audit-entry';
import { findAuditKey, type AuditKeyLookup } from './audit-key';
import { verifyAuditLog, type AuditVerifyResult } from './verify-audit-log';
import type { SecretStore } from '../secrets/secret-store';

/** keyed: every MAC from the keying point on was checked; unkeyed: the log has no key; key-unavailable: it has one, not readable here. */
export type AuditKeyingStatus = 'keyed' | 'unkeyed' | 'key-unavailable';

export interface AuditFileVerdict {
  path: string;
  result: AuditVerifyResult;
  keying: AuditKeyingStatus;
  /** One sentence on what the key proved, or why it could not. */
  keyingNote: string;
}

/** Throws the read error (ENOENT, EACCES, …) for the caller to report. */
export async function verifyAuditFile(path: string, secrets: SecretStore, options: { anchor?: AuditChainHead } = {}): Promise<AuditFileVerdict> {
  const text = await readFile(path, 'utf8');
  const keyIdInLog = /"keyId":"([0-9a-f]{16})"/.exec(text)?.[1] ?? null;
  const lookup = await findAuditKey(secrets, path, keyIdInLog);
  const key = lookup.state === 'found' ? lookup.key : null;
  const result = verifyAuditLog(text, { ...options, key });
  return { path, result, ...keyingOf(result, lookup, keyIdInLog) };
}

function keyingOf(result: AuditVerifyResult, lookup: AuditKeyLookup, keyIdInLog: string | null): { keying: AuditKeyingStatus; keyingNote: string } {
  if (lookup.state === 'found') {
    const { firstKeyedSeq, keyId } = lookup.key;
    const before = firstKeyedSeq > 1 ? `; entries 1..${firstKeyedSeq - 1} were written before the log was keyed and are covered by the keyed entries after them` : '';
    return { keying: 'keyed', keyingNote: `keyed with key ${keyId} from the keychain: entries from ${firstKeyedSeq} on carry a MAC, all checked${before}` };
  }
  if (lookup.state === 'unavailable') {
    return {
      keying: 'key-unavailable',
      keyingNote: `${lookup.reason}: no MAC was checked, so entries appended with recomputed hashes cannot be detected here`,
    };
  }
  if (keyIdInLog !== null || (result.ok && result.unchecked > 0)) {
    return {
      keying: 'key-unavailable',
      keyingNote: `the log is keyed (key ${keyIdInLog ?? '?'}) but that key is not in this keychain: no MAC was checked, so appended forgeries cannot be detected here`,
    };
  }
  return {
    keying: 'unkeyed',
    keyingNote: 'UNKEYED: this log has no key in the keychain (written without a keychain, or by an older OpsDeck): entries appended with recomputed hashes cannot be detected; keep an anchor',
  };
}

export function auditVerifyView(verdict: AuditFileVerdict): AuditVerifyView {
  const { path, result } = verdict;
  return result.ok
    ? { ok: true, entries: result.entries, path, keying: verdict.keying, keyingNote: verdict.keyingNote, anchor: `${result.entries}:${result.lastHash}` }
    : { ok: false, entries: result.entries, path, brokenAtSeq: result.brokenAt.seq, brokenAtLine: result.brokenAt.line, reason: result.reason };
}
