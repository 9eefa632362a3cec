import { describe, expect, test } from 'vitest';
import { auditEntryLine, buildAuditEntry, EMPTY_CHAIN, type AuditEntry } from '../../../main/engine/audit/audit-entry';
import { auditPage, recentAuditEntries } from '../../../main/engine/audit/audit-entry-view';

function log(count: number): string {
  const entries: AuditEntry[] = [];
  let head = EMPTY_CHAIN;
  for (let i = 0; i < count; i++) {
    const host = i % 4 < 2 ? 'db1.sea' : 'imap1.nj';
    const operator = i < count / 2 ? { login: 'jdoe', displayName: 'Jane Doe' } : { login: 'rroe', displayName: 'Rick Roe' };
    const fields =
      i % 2 === 0
        ? { runId: 'r1', host, dc: 'sea', address: '10.2.0.1', command: i % 4 === 0 ? 'env LC_ALL=C nft -j list ruleset' : 'env LC_ALL=C ss -H -tulpn' }
        : { startSeq: head.seq, host, exitCode: 0, signal: null, error: null, stdoutSha256: 'ab'.repeat(32), stderrSha256: 'cd'.repeat(32), durationMs: 12 };
    const entry = buildAuditEntry(head, i % 2 === 0 ? 'command.start' : 'command.end', operator, fields, new Date(Date.UTC(2026, 11, 1, 10, i)));
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries.map(auditEntryLine).join('');
}

describe('auditPage', () => {
  test('a command.end entry names the command its start entry ran, not only "#seq exit 0"', () => {
    const [end, start] = recentAuditEntries(log(2), 10);
    expect(start).toMatchObject({ kind: 'command.start', command: 'env LC_ALL=C nft -j list ruleset' });
    expect(end).toMatchObject({ kind: 'command.end', command: 'env LC_ALL=C nft -j list ruleset' });
    expect(end!.summary).toMatch(/^#1 exit 0/);
  });

  test('pages beyond the latest entries, newest first, with the total', () => {
    const text = log(450);
    const first = auditPage(text, { offset: 0, limit: 200 });
    const third = auditPage(text, { offset: 400, limit: 200 });
    expect(first.total).toBe(450);
    expect(first.entries.map((entry) => entry.seq).slice(0, 2)).toEqual([450, 449]);
    expect(third.entries).toHaveLength(50);
    expect(third.entries.at(-1)!.seq).toBe(1);
  });

  test('filters by host, operator, command and time window together', () => {
    const text = log(40);
    expect(auditPage(text, { offset: 0, limit: 100, host: 'IMAP1' }).entries.every((entry) => entry.host === 'imap1.nj')).toBe(true);
    expect(auditPage(text, { offset: 0, limit: 100, operator: 'rick' }).total).toBe(20);
    const nft = auditPage(text, { offset: 0, limit: 100, command: 'nft -j' });
    expect(nft.total).toBe(20);
    expect(nft.entries.every((entry) => entry.command?.includes('nft -j'))).toBe(true);
    const window = auditPage(text, { offset: 0, limit: 100, from: '2026-12-01T10:10:00Z', to: '2026-12-01T10:14:00Z' });
    expect(window.entries.map((entry) => entry.seq)).toEqual([15, 14, 13, 12, 11]);
    expect(auditPage(text, { offset: 0, limit: 100, host: 'db1', operator: 'jane', command: 'ss -H' }).entries.every((entry) => entry.host === 'db1.sea' && entry.operator === 'Jane Doe')).toBe(true);
  });

  test('an unreadable line is listed as such, not dropped', () => {
    const page = auditPage(`${log(2)}not json\n`, { offset: 0, limit: 10 });
    expect(page.entries[0]).toMatchObject({ kind: 'unreadable', summary: 'line 3 is not JSON' });
  });
});
