import { describe, expect, test } from 'vitest';
import { auditEntryHash, auditEntryLine, buildAuditEntry, canonicalJson, EMPTY_CHAIN, GENESIS_HASH, type AuditEntry } from '../../../main/engine/audit/audit-entry';
import { verifyAuditLog } from '../../../main/engine/audit/verify-audit-log';

const operator = { login: 'jdoe', displayName: 'Jane Doe' };

function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = EMPTY_CHAIN;
  for (let i = 0; i < count; i++) {
    const fields =
      i % 2 === 0
        ? { runId: 'r1', host: `db${i}.sea`, dc: 'sea', address: `10.2.0.${i}`, command: 'LC_ALL=C nft -j list ruleset' }
        : { startSeq: i, host: `db${i - 1}.sea`, exitCode: 0, signal: null, error: null, stdoutSha256: 'ab'.repeat(32), stderrSha256: 'cd'.repeat(32), durationMs: 12 };
    const entry = buildAuditEntry(head, i % 2 === 0 ? 'command.start' : 'command.end', operator, fields, new Date(Date.UTC(2025, 2, 1, 10, 0, i)));
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

const text = (entries: AuditEntry[]): string => entries.map(auditEntryLine).join('');
const lines = (log: string): string[] => log.split('\n').slice(0, -1);
const joinLines = (ls: string[]): string => ls.map((l) => `${l}\n`).join('');

describe('verifyAuditLog', () => {
  test('accepts an intact log and reports its length and last hash', () => {
    const entries = chain(5);
    expect(verifyAuditLog(text(entries))).toEqual({ ok: true, entries: 5, lastHash: entries[4]?.hash, keyed: 0, unkeyed: 5, unchecked: 0, keyId: null });
    expect(verifyAuditLog('')).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH, keyed: 0, unkeyed: 0, unchecked: 0, keyId: null });
  });

  test('an edited entry is named by its hash mismatch', () => {
    const entries = chain(5);
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, command: 'rm -rf /' } : e));
    expect(verifyAuditLog(text(edited))).toEqual({
      ok: false,
      entries: 2,
      brokenAt: { seq: 3, line: 3 },
      reason: 'hash does not match the content: the entry was edited',
    });
  });

  test("an edited entry whose own hash was recomputed breaks the next entry's prev", () => {
    const entries = chain(5);
    const forged = entries.map((e) => {
      if (e.seq !== 3) return e;
      const { hash: _hash, ...rest } = { ...e, command: 'true' };
      return { ...rest, hash: auditEntryHash(rest) };
    });
    expect(verifyAuditLog(text(forged))).toMatchObject({ ok: false, entries: 3, brokenAt: { seq: 4, line: 4 }, reason: expect.stringMatching(/^prev does not match/) });
  });

  test('a deleted entry is named as missing at the entry after it', () => {
    const entries = chain(5).filter((e) => e.seq !== 3);
    expect(verifyAuditLog(text(entries))).toEqual({
      ok: false,
      entries: 2,
      brokenAt: { seq: 4, line: 3 },
      reason: 'expected entry 3 here but found 4: entries 3..3 are missing',
    });
  });

  test('reordered entries are named where the order breaks', () => {
    const [a, b, c, d, e] = chain(5) as [AuditEntry, AuditEntry, AuditEntry, AuditEntry, AuditEntry];
    expect(verifyAuditLog(text([a, c, b, d, e]))).toMatchObject({ ok: false, brokenAt: { seq: 3, line: 2 }, reason: expect.stringMatching(/^expected entry 2 here but found 3/) });
  });

  test('an inserted entry is named: a duplicate, or a forged entry chained in', () => {
    const entries = chain(5);
    const [a, b] = entries as [AuditEntry, AuditEntry];
    expect(verifyAuditLog(text([a, b, b, ...entries.slice(2)]))).toMatchObject({ ok: false, brokenAt: { seq: 2, line: 3 }, reason: expect.stringMatching(/reordered or duplicated/) });
    const forged = buildAuditEntry({ seq: b.seq, hash: b.hash }, 'scan.start', operator, { runId: 'x' }, new Date());
    expect(verifyAuditLog(text([a, b, forged, ...entries.slice(2)]))).toMatchObject({ ok: false, brokenAt: { seq: 3, line: 4 } });
  });

  test('a truncated last line is reported as torn, at its line, with no seq', () => {
    const log = text(chain(5));
    expect(verifyAuditLog(log.slice(0, -40))).toMatchObject({
      ok: false,
      entries: 4,
      brokenAt: { seq: null, line: 5 },
      reason: expect.stringMatching(/has no newline: a write was torn/),
    });
  });

  test('truncation at a line boundary needs an anchor kept elsewhere to be seen', () => {
    const entries = chain(5);
    const anchor = { seq: 5, hash: entries[4]?.hash ?? '' };
    const cut = text(entries.slice(0, 3));
    expect(verifyAuditLog(cut)).toMatchObject({ ok: true, entries: 3 });
    expect(verifyAuditLog(cut, { anchor })).toMatchObject({ ok: false, entries: 3, reason: expect.stringMatching(/entries were removed from the end/) });
    expect(verifyAuditLog(text(entries), { anchor })).toMatchObject({ ok: true });
    const other = [entries[0] as AuditEntry, buildAuditEntry({ seq: 1, hash: entries[0]?.hash ?? '' }, 'scan.start', operator, {}, new Date())];
    expect(verifyAuditLog(text(other), { anchor: { seq: 2, hash: entries[1]?.hash ?? '' } })).toMatchObject({ ok: false, brokenAt: { seq: 2, line: 2 }, reason: expect.stringMatching(/rewritten/) });
  });

  test('bad JSON, blank lines, non-canonical text and missing fields are named by line', () => {
    const ls = lines(text(chain(3)));
    expect(verifyAuditLog(joinLines([ls[0] ?? '', '{"seq":', ls[2] ?? '']))).toMatchObject({ brokenAt: { seq: null, line: 2 }, reason: expect.stringMatching(/not valid JSON/) });
    expect(verifyAuditLog(joinLines([ls[0] ?? '', '', ls[1] ?? '']))).toMatchObject({ brokenAt: { seq: null, line: 2 }, reason: expect.stringMatching(/blank line/) });
    expect(verifyAuditLog(joinLines([ls[0] ?? '', (ls[1] ?? '').replace('"seq":2', '"seq": 2')]))).toMatchObject({ brokenAt: { seq: 2, line: 2 }, reason: expect.stringMatching(/canonical/) });
    const noHash = JSON.parse(ls[0] ?? '') as Record<string, unknown>;
    delete noHash['hash'];
    expect(verifyAuditLog(`${canonicalJson(noHash)}\n`)).toMatchObject({ brokenAt: { seq: 1, line: 1 }, reason: 'missing or invalid hash' });
    expect(verifyAuditLog('[1]\n')).toMatchObject({ brokenAt: { seq: null, line: 1 }, reason: expect.stringMatching(/not a JSON object/) });
    expect(verifyAuditLog('{"seq":1e999}\n')).toMatchObject({ ok: false, brokenAt: { line: 1 } });
  });

  test('changing any single byte of a 5-entry log is detected and names the entry holding that byte', () => {
    const original = Buffer.from(text(chain(5)), 'utf8');
    const lineOf: number[] = [];
    let line = 1;
    for (const byte of original) {
      lineOf.push(line);
      if (byte === 0x0a) line++;
    }
    let checked = 0;
    for (let position = 0; position < original.length; position++) {
      for (const mask of [0x01, 0x02, 0x20, 0x80]) {
        const tampered = Buffer.from(original);
        tampered[position] = (tampered[position] ?? 0) ^ mask;
        const result = verifyAuditLog(tampered.toString('utf8'));
        const expected = lineOf[position] ?? 0;
        const accepted = original[position] === 0x0a ? [expected, expected + 1] : [expected];
        if (result.ok || !accepted.includes(result.brokenAt.line)) {
          throw new Error(`byte ${position} ^ ${mask} (line ${expected}) gave ${JSON.stringify(result)}`);
        }
        checked++;
      }
    }
    expect(checked).toBe(original.length * 4);
  });
});
