// A keyed chain: entries from the key's first keyed seq on carry an HMAC
// (audit-key.ts). Forged appends with recomputed plain hashes, a MAC copied
// from another entry, a MAC made with another key and truncation below the
// keying point are each named; an older unkeyed prefix still verifies.
import { randomBytes, createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditEntryHash, auditEntryLine, buildAuditEntry, EMPTY_CHAIN, type AuditChainHead, type AuditEntry } from '../../../main/engine/audit/audit-entry';
import type { AuditKey } from '../../../main/engine/audit/audit-key';
import { verifyAuditLog } from '../../../main/engine/audit/verify-audit-log';

const operator = { login: 'jdoe', displayName: 'Jane Doe' };

function makeKey(firstKeyedSeq: number): AuditKey {
  const key = randomBytes(32);
  return { key, keyId: createHash('sha256').update(key).digest('hex').slice(0, 16), firstKeyedSeq };
}

/** Appends count entries to the chain at head, each made with key (null: unkeyed, as a forger without the key must). */
function extend(head: AuditChainHead, count: number, key: AuditKey | null, kind = 'command.start'): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry = buildAuditEntry(head, kind, operator, { host: `db${head.seq}.sea`, command: 'LC_ALL=C nft -j list ruleset' }, new Date(Date.UTC(2025, 2, 1, 10, 0, head.seq)), key);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

const headOf = (entries: AuditEntry[]): AuditChainHead => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
const text = (entries: AuditEntry[]): string => entries.map(auditEntryLine).join('');

describe('a keyed audit chain', () => {
  const key = makeKey(1);
  const genuine = extend(EMPTY_CHAIN, 6, key);

  test('verifies with its key and counts every entry as keyed', () => {
    expect(verifyAuditLog(text(genuine), { key })).toMatchObject({ ok: true, entries: 6, keyed: 6, unkeyed: 0, unchecked: 0, keyId: key.keyId });
  });

  test('entries appended with recomputed plain hashes are named: the first forged entry', () => {
    const forged = [...genuine, ...extend(headOf(genuine), 3, null, 'scan.end')];
    // Without the key, the forgery is a perfectly good hash chain: that is the attack.
    expect(verifyAuditLog(text(forged))).toMatchObject({ ok: true, entries: 9 });
    expect(verifyAuditLog(text(forged), { key })).toEqual({
      ok: false,
      entries: 6,
      brokenAt: { seq: 7, line: 7 },
      reason: 'entry 7 carries no MAC, but the log is keyed from entry 1: it was appended or rewritten by someone without the key',
    });
  });

  test('a forged entry with a MAC copied from a genuine one, or made with another key, is named', () => {
    // A forger names the key (keyId is inside the hash, so recomputes the hash) and copies a genuine MAC.
    const plain = extend(headOf(genuine), 1, null)[0]!;
    const { hash: _hash, ...unsigned } = { ...plain, keyId: key.keyId };
    const withStolenMac = { ...unsigned, hash: auditEntryHash(unsigned), mac: genuine[5]!.mac! } as AuditEntry;
    expect(verifyAuditLog(text([...genuine, withStolenMac]), { key })).toMatchObject({
      ok: false,
      brokenAt: { seq: 7, line: 7 },
      reason: 'entry 7: the MAC does not match: it was forged or edited by someone without the key',
    });

    const otherKey = makeKey(1);
    const foreign = extend(headOf(genuine), 1, otherKey);
    expect(verifyAuditLog(text([...genuine, ...foreign]), { key })).toMatchObject({
      ok: false,
      brokenAt: { seq: 7, line: 7 },
      reason: `entry 7 names key ${otherKey.keyId}, not this log's key ${key.keyId}: it was not written with this log's key`,
    });
  });

  test('a MAC that does not match its entry is named', () => {
    const tampered = genuine.map((entry) => (entry.seq === 4 ? { ...entry, mac: genuine[0]!.mac! } : entry));
    expect(verifyAuditLog(text(tampered), { key })).toMatchObject({
      ok: false,
      brokenAt: { seq: 4, line: 4 },
      reason: 'entry 4: the MAC does not match: it was forged or edited by someone without the key',
    });
  });

  test('an older unkeyed prefix verifies and is counted as unkeyed; forged appends after the keyed part are still named', () => {
    const old = extend(EMPTY_CHAIN, 4, null);
    const lateKey = makeKey(5);
    const keyed = [...old, ...extend(headOf(old), 3, lateKey)];
    expect(verifyAuditLog(text(keyed), { key: lateKey })).toMatchObject({ ok: true, entries: 7, keyed: 3, unkeyed: 4 });
    const forged = [...keyed, ...extend(headOf(keyed), 1, null)];
    expect(verifyAuditLog(text(forged), { key: lateKey })).toMatchObject({ ok: false, brokenAt: { seq: 8, line: 8 } });
  });

  test('a log cut below the entry it was keyed at is named as truncated', () => {
    const old = extend(EMPTY_CHAIN, 4, null);
    expect(verifyAuditLog(text(old.slice(0, 2)), { key: makeKey(5) })).toMatchObject({
      ok: false,
      reason: 'the log ends at entry 2 but it was keyed when it already held 4: entries were removed from the end',
    });
  });

  test('without the key, MACs are counted as unchecked, never as verified', () => {
    expect(verifyAuditLog(text(genuine))).toMatchObject({ ok: true, entries: 6, keyed: 0, unkeyed: 0, unchecked: 6, keyId: key.keyId });
  });

  test('keyId and mac must come together and be well-formed', () => {
    const noMac = genuine.map((entry) => {
      if (entry.seq !== 2) return entry;
      const { mac: _mac, ...rest } = entry;
      return rest as AuditEntry;
    });
    expect(verifyAuditLog(text(noMac), { key })).toMatchObject({ ok: false, brokenAt: { seq: 2 }, reason: 'keyId and mac must appear together' });
  });
});
