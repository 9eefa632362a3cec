import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditEntryLine, buildAuditEntry, canonicalJson, EMPTY_CHAIN, GENESIS_HASH } from '../../../main/engine/audit/audit-entry';

const operator = { login: 'jdoe', displayName: 'Jane Doe' };
const at = new Date('2025-03-01T10:00:00.000Z');

describe('canonicalJson', () => {
  test('sorts object keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });
  test('refuses values JSON cannot carry faithfully instead of writing something else', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/plain JSON data/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: new Date() })).toThrow(/class instance/);
  });
});

describe('buildAuditEntry', () => {
  test('chains the first entry to 64 zeros and hashes prev + canonical JSON without hash', () => {
    const entry = buildAuditEntry(EMPTY_CHAIN, 'scan.start', operator, { runId: 'r1', hosts: 2 }, at);
    const { hash, ...rest } = entry;
    expect(entry).toMatchObject({ seq: 1, at: '2025-03-01T10:00:00.000Z', kind: 'scan.start', operator, runId: 'r1', prev: GENESIS_HASH });
    expect(hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + canonicalJson(rest))
        .digest('hex'),
    );
    const next = buildAuditEntry({ seq: entry.seq, hash }, 'scan.end', operator, { runId: 'r1' }, at);
    expect(next).toMatchObject({ seq: 2, prev: hash });
  });
  test('writes one canonical line per entry; newlines in values stay escaped', () => {
    const entry = buildAuditEntry(EMPTY_CHAIN, 'command.start', operator, { command: 'echo a\necho b' }, at);
    const line = auditEntryLine(entry);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line).toBe(`${canonicalJson(entry)}\n`);
  });
  test("refuses fields that would overwrite the chain's own", () => {
    expect(() => buildAuditEntry(EMPTY_CHAIN, 'x', operator, { prev: 'f'.repeat(64) }, at)).toThrow(/"prev" is reserved/);
    expect(() => buildAuditEntry(EMPTY_CHAIN, 'x', operator, { seq: 9 }, at)).toThrow(/"seq" is reserved/);
  });
});
