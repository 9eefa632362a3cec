// The newest restore test of each host decides: failed or not completed is a
// finding (critical with a mismatched file), passed or cancelled is not.
import { describe, expect, test } from 'vitest';
import type { RestoreTestEvidence } from '../../../preload/contract';
import { restoreTestFindings } from '../../../main/engine/posture/restore-test-findings';

function evidence(host: string, startedAt: string, outcome: RestoreTestEvidence['outcome'], mismatched = 0): RestoreTestEvidence {
  const files = [
    { path: '/srv/a', class: 'matched' as const, restoredSha256: 'a'.repeat(64), liveSha256: 'a'.repeat(64), bytes: 1, liveMtime: null, liveCtime: null, canary: false },
    ...Array.from({ length: mismatched }, (_, n) => ({
      path: `/srv/m${n}`,
      class: 'mismatched' as const,
      restoredSha256: 'b'.repeat(64),
      liveSha256: 'c'.repeat(64),
      bytes: 1,
      liveMtime: null,
      liveCtime: null,
      canary: false,
    })),
  ];
  return {
    testId: `${host}-${startedAt}`,
    host,
    dc: 'nj',
    tool: 'restic',
    jobIndex: 0,
    operator: 'ops',
    startedAt,
    finishedAt: startedAt,
    outcome,
    reason: outcome === 'passed' ? null : 'why',
    snapshotId: 'd'.repeat(64),
    snapshotTime: startedAt,
    seed: 's',
    requestedFiles: 2,
    scratchDir: null,
    files,
    counts: { matched: 1, mismatched, 'changed-since-backup': 0, 'missing-live': 0, 'missing-in-backup': 0, 'not-restored': 0 },
    bytes: files.length,
    durationMs: 1,
    commands: [],
  };
}

describe('restore-test findings', () => {
  test('a failed newest test with a mismatched file is critical and lists the file; an older failure behind a pass is not', () => {
    const findings = restoreTestFindings([
      evidence('imap1.nj', '2026-12-01T10:00:00Z', 'failed', 1),
      evidence('imap2.nj', '2026-12-01T10:00:00Z', 'passed'),
      evidence('imap2.nj', '2026-11-01T10:00:00Z', 'failed', 2),
    ]);
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([['backups.restore-test-failed:imap1.nj:latest', 'critical']]);
    expect(findings[0]!.title).toBe('Restore test 2026-12-01: 1 of 2 restored files differ from the live data or are missing');
    expect(findings[0]!.evidence.excerpt).toEqual([`mismatched: /srv/m0 restored ${'b'.repeat(16)} live ${'c'.repeat(16)}`]);
  });

  test('a test that could not complete is high; a cancelled one is skipped for the one before it', () => {
    const findings = restoreTestFindings([evidence('db1.nj', '2026-12-02T00:00:00Z', 'cancelled'), evidence('db1.nj', '2026-12-01T00:00:00Z', 'error')]);
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['backups.restore-test-failed:db1.nj:latest', 'high', 'Restore test 2026-12-01 could not complete: why'],
    ]);
  });
});
