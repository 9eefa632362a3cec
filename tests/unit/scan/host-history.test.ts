import { expect, test } from 'vitest';
import { hostHistoryView } from '../../../main/engine/scan/host-history';
import type { HostHistoryRow } from '../../../main/engine/store/host-history-query';

const row = (runId: string, overrides: Partial<HostHistoryRow> = {}): HostHistoryRow => ({
  runId,
  phase: 'done',
  reason: null,
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:01:00.000Z',
  findings: [],
  pending: { total: 3, security: 1 },
  ...overrides,
});

test('names the findings added and removed since the previous scan, and the pending counts before and after', () => {
  const older = row('r1', {
    findings: [
      { id: 'a', severity: 'high', title: 'Reboot needed' },
      { id: 'b', severity: 'low', title: 'Index stale' },
    ],
  });
  const newer = row('r2', {
    findings: [
      { id: 'b', severity: 'low', title: 'Index stale' },
      { id: 'c', severity: 'medium', title: '2 security updates pending' },
    ],
    pending: { total: 5, security: 2 },
  });
  const [latest, first] = hostHistoryView([newer, older]);
  expect(latest!.changes).toEqual({
    phase: null,
    findingsAdded: [{ severity: 'medium', title: '2 security updates pending' }],
    findingsRemoved: [{ severity: 'high', title: 'Reboot needed' }],
    pending: { from: { total: 3, security: 1 }, to: { total: 5, security: 2 } },
  });
  expect(latest!.findingCounts).toEqual({ low: 1, medium: 1 });
  expect(first!.changes).toBeNull();
});

test('a host that stopped answering changed state; its findings are not reported as fixed', () => {
  const older = row('r1', { findings: [{ id: 'a', severity: 'high', title: 'Reboot needed' }] });
  const newer = row('r2', { phase: 'failed', reason: 'connection refused', findings: [], pending: null });
  const [latest] = hostHistoryView([newer, older]);
  expect(latest!.changes).toEqual({ phase: { from: 'done', to: 'failed' }, findingsAdded: [], findingsRemoved: [], pending: null });
});
