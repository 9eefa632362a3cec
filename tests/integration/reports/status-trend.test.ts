// The trend comes from the stored scan history: three scans stored out of
// order with a controllable clock come back oldest first, each with its own
// counts; --since drops the older ones; data older than the maximum age makes
// every scanned control "not checked".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildStatusReport, type StatusReportSources } from '../../../main/engine/reports/status-report';
import { openEmbeddedStore, type OpenedStore } from '../../../main/engine/store/open-store';
import { ReportStore } from '../../../main/engine/store/report-store';
import { portFinding, reportInventory, storeScan } from '../../support/report-history';

let dir: string;
let store: OpenedStore;
let clock = new Date('2026-12-04T12:00:00Z');

function sources(): StatusReportSources {
  return {
    reports: new ReportStore(store.sql),
    restoreTests: store.restoreTests,
    fleet: () => ({ inventory: reportInventory(), label: 'fleet.yaml', simulated: false }),
    audit: async () => ({ status: 'holds', detail: 'chain and MACs verify', anchor: { seq: 3, hash: 'a'.repeat(64) }, at: clock.toISOString() }),
    now: () => clock,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-report-trend-'));
  store = await openEmbeddedStore(dir);
  // Stored out of order: the middle scan first.
  await storeScan(store.scans, 'run-2', '2026-12-02T06:00:00.000Z', [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432)] },
    { host: 'db1.sea', dc: 'sea', findings: [] },
  ]);
  await storeScan(store.scans, 'run-1', '2026-12-01T06:00:00.000Z', [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432), portFinding('db1.nj', 'nj', 6379)] },
    { host: 'db1.sea', dc: 'sea', findings: [portFinding('db1.sea', 'sea', 5432, 'medium')] },
  ]);
  await storeScan(store.scans, 'run-3', '2026-12-03T06:00:00.000Z', [
    { host: 'db1.nj', dc: 'nj', findings: [] },
    { host: 'db1.sea', dc: 'sea', findings: [portFinding('db1.sea', 'sea', 22, 'info')] },
  ]);
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

test('three stored scans come back in time order, per site, with their own counts', async () => {
  const { view } = await buildStatusReport(sources());
  expect(view.trend.map((point) => [point.runId, point.dc, point.problems, point.hostsAnswered])).toEqual([
    ['run-1', 'nj', 2, 1],
    ['run-1', 'sea', 1, 1],
    ['run-2', 'nj', 1, 1],
    ['run-2', 'sea', 0, 1],
    ['run-3', 'nj', 0, 1],
    ['run-3', 'sea', 0, 1],
  ]);
  expect(view.trend[0]!.byControl).toEqual({ necessaryCommunications: 2 });
  // The status is the newest scan's: both sites hold §9 (the info finding does not count).
  const firewall = view.controls.find((control) => control.control === 'necessaryCommunications')!;
  expect(firewall.sites.map((site) => site.status)).toEqual(['holds', 'holds']);
  expect(view.newestDataAt).toBe('2026-12-03T06:00:00.000Z');
});

test('--since keeps only the scans from that time on', async () => {
  const { view } = await buildStatusReport(sources(), { since: '2026-12-02T00:00:00Z' });
  expect([...new Set(view.trend.map((point) => point.runId))]).toEqual(['run-2', 'run-3']);
});

test('a finding is first seen at the oldest stored scan that had it', async () => {
  clock = new Date('2026-12-04T12:00:00Z');
  await storeScan(store.scans, 'run-4', '2026-12-04T06:00:00.000Z', [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432)] },
    { host: 'db1.sea', dc: 'sea', findings: [] },
  ]);
  const { findings } = await buildStatusReport(sources());
  expect(findings.map((finding) => [finding.id, finding.firstSeen, finding.runId])).toEqual([['firewall.port-beyond-baseline:db1.nj:tcp/5432', '2026-12-01T06:00:00.000Z', 'run-4']]);
});

test('a month later the same history is too old: every scanned control is "not checked", none holds', async () => {
  clock = new Date('2027-01-10T00:00:00Z');
  const { view } = await buildStatusReport(sources());
  for (const control of view.controls.filter((row) => row.control !== 'staffAccessLogging')) {
    expect(control.sites.map((site) => site.status)).toEqual(['not-checked', 'not-checked']);
  }
  expect(view.controls.find((control) => control.control === 'necessaryCommunications')!.sites[0]!.reason).toBe('no data newer than 168 h (newest 2026-12-04T06:00:00.000Z)');
  expect(view.overall).toBe('not-checked');
});
