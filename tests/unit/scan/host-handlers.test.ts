// host.lastScan: a host whose last scan did not answer (it failed part-way,
// or was cancelled) shows the findings of its last answered scan, named as
// such; a host that answered shows its own.
import { expect, test } from 'vitest';
import type { FindingView, HostScanDetail } from '../../../preload/contract';
import { hostHandlers } from '../../../main/engine/scan/host-handlers';
import type { ScanStore } from '../../../main/engine/store/scan-store';
import type { SqlClient } from '../../../main/engine/store/sql-client';

const finding: FindingView = {
  id: 'firewall.port-beyond-baseline:db1.nj:tcp/5432',
  host: 'db1.nj',
  dc: 'nj',
  area: 'firewall',
  control: 'necessaryCommunications',
  severity: 'critical',
  title: 'PostgreSQL open to any address',
  detail: '',
  evidence: { commandIds: [], excerpt: [] },
};

function detail(phase: HostScanDetail['phase'], findings: FindingView[]): HostScanDetail {
  return {
    runId: 'run-2',
    host: 'db1.nj',
    dc: 'nj',
    phase,
    reason: phase === 'done' ? null : 'the connection dropped',
    startedAt: '2026-12-05T10:00:00.000Z',
    finishedAt: '2026-12-05T10:00:05.000Z',
    detectedOs: 'debian',
    identity: null,
    findingCounts: {},
    outputs: [],
    findings,
    facts: {},
  };
}

const store = {
  latestHostDetail: async () => null,
  latestAnsweredFindings: async () => ({ runId: 'run-1', finishedAt: '2026-12-04T10:00:05.000Z', findings: [finding] }),
} as unknown as ScanStore;
const handlersFor = (last: HostScanDetail) => hostHandlers({ store, sql: {} as SqlClient, lastResult: () => last });

test('a host that failed part-way shows the findings of its last answered scan, and says which', async () => {
  const view = await handlersFor(detail('failed', []))['host.lastScan']({ name: 'db1.nj' });
  expect(view).toMatchObject({ phase: 'failed', reason: 'the connection dropped', findingsFrom: { runId: 'run-1', finishedAt: '2026-12-04T10:00:05.000Z' } });
  expect(view!.findings.map((each) => each.id)).toEqual([finding.id]);
});

test('a host that answered shows its own findings, with no earlier scan named', async () => {
  const view = await handlersFor(detail('done', []))['host.lastScan']({ name: 'db1.nj' });
  expect(view!.findings).toHaveLength(0);
  expect(view!.findingsFrom).toBeUndefined();
});
