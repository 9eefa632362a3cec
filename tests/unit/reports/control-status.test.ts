// Per control and site: holds only on fresh data with no finding above info;
// nothing collected, or only old data, is "not checked", never "holds".
import { expect, test } from 'vitest';
import type { FindingView } from '../../../preload/contract';
import type { ReportSiteView } from '../../../preload/report-views';
import { controlStatuses, type ControlStatusInputs, type HostRead } from '../../../main/engine/reports/control-status';

const NOW = new Date('2026-12-04T12:00:00Z');
const SITES: ReportSiteView[] = [
  { id: 'nj', name: 'Bridgewater, NJ', role: 'primary', hosts: 2 },
  { id: 'sea', name: 'Seattle, WA', role: 'secondary', hosts: 2 },
];
const ALL_AREAS: HostRead['areas'] = ['firewall', 'encryption', 'patches', 'backups', 'access'];
const read = (host: string, dc: string, finishedAt = '2026-12-04T11:00:00Z', areas = ALL_AREAS): HostRead => ({ host, dc, finishedAt, areas });
const finding = (id: string, dc: string, severity: FindingView['severity']): FindingView => ({
  id,
  host: id.split(':')[1]!,
  dc,
  area: id.split('.')[0] as FindingView['area'],
  control: 'necessaryCommunications',
  severity,
  title: id,
  detail: '',
  evidence: { commandIds: [], excerpt: [] },
});
const inputs = (over: Partial<ControlStatusInputs>): ControlStatusInputs => ({ now: NOW, maxDataAgeHours: 24, sites: SITES, reads: [], findings: [], checks: {}, ...over });
const statusOf = (result: ReturnType<typeof controlStatuses>, control: string, dc: string) => result.find((row) => row.control === control)!.sites.find((site) => site.dc === dc)!;

test('with no data at all every control at every site is "not checked", with the reason in words', () => {
  const result = controlStatuses(inputs({}));
  expect(result.length).toBeGreaterThanOrEqual(7);
  for (const row of result) for (const site of row.sites) expect(site.status).toBe('not-checked');
  expect(statusOf(result, 'onDiskEncryption', 'nj').reason).toBe('no encryption or backups data collected at this site');
  expect(statusOf(result, 'staffAccessLogging', 'sea').reason).toBe('no access data collected at this site; the audit log has not been verified');
});

test('data older than the maximum age is "not checked" and says how old the newest is', () => {
  const result = controlStatuses(inputs({ reads: [read('a.nj', 'nj', '2026-12-01T00:00:00.000Z'), read('b.nj', 'nj', '2026-12-01T00:00:00.000Z')] }));
  const site = statusOf(result, 'necessaryCommunications', 'nj');
  expect(site.status).toBe('not-checked');
  expect(site.reason).toBe('no data newer than 24 h (newest 2026-12-01T00:00:00.000Z)');
  expect(site.newestDataAt).toBe('2026-12-01T00:00:00.000Z');
});

test('fresh data: no finding holds, a medium finding is at risk, a high one broken; info does not count', () => {
  const reads = [read('a.nj', 'nj'), read('b.nj', 'nj'), read('a.sea', 'sea'), read('b.sea', 'sea')];
  const result = controlStatuses(
    inputs({
      reads,
      findings: [
        finding('firewall.port-beyond-baseline:a.nj:tcp/5432', 'nj', 'high'),
        finding('firewall.unlisted-services:a.sea', 'sea', 'info'),
        finding('encryption.logs-unencrypted:b.sea', 'sea', 'medium'),
      ],
    }),
  );
  expect(statusOf(result, 'necessaryCommunications', 'nj')).toMatchObject({ status: 'broken', reason: '1 high', hostsChecked: 2 });
  expect(statusOf(result, 'necessaryCommunications', 'sea')).toMatchObject({ status: 'holds', reason: '2 of 2 hosts checked, no finding' });
  expect(statusOf(result, 'onDiskEncryption', 'sea')).toMatchObject({ status: 'at-risk', reason: '1 medium' });
  expect(statusOf(result, 'onDiskEncryption', 'nj').status).toBe('holds');
});

test('a site only partly read is at best "at risk", naming the hosts not checked', () => {
  const result = controlStatuses(inputs({ reads: [read('a.nj', 'nj'), read('b.nj', 'nj', '2026-11-01T00:00:00Z')] }));
  expect(statusOf(result, 'softwareUpdates', 'nj')).toMatchObject({ status: 'at-risk', reason: '1 of 2 hosts not checked', hostsChecked: 1 });
});

test('a host whose scan did not read an area has not been checked for that area’s controls', () => {
  const result = controlStatuses(inputs({ reads: [read('a.sea', 'sea', undefined, ['firewall']), read('b.sea', 'sea', undefined, ['firewall'])] }));
  expect(statusOf(result, 'necessaryCommunications', 'sea').status).toBe('holds');
  expect(statusOf(result, 'backupVerification', 'sea').status).toBe('not-checked');
});

test('checks that are not scans: a keyed audit chain holds; a missing drill run keeps DR testing "not checked"', () => {
  const result = controlStatuses(
    inputs({
      // §8 also needs the access area read (who can log in, whether it is logged).
      reads: [read('a.nj', 'nj', undefined, ['access']), read('b.nj', 'nj', undefined, ['access']), read('a.sea', 'sea', undefined, ['access']), read('b.sea', 'sea', undefined, ['access'])],
      checks: {
        'audit.chain': { nj: { status: 'holds', detail: 'chain verifies', at: NOW.toISOString() }, sea: { status: 'broken', detail: 'chain broken', at: NOW.toISOString() } },
        'drills.site-failover': { sea: { status: 'holds', detail: 'RTO 40 min within 60', at: NOW.toISOString() } },
      },
    }),
  );
  expect(statusOf(result, 'staffAccessLogging', 'nj').status).toBe('holds');
  expect(statusOf(result, 'staffAccessLogging', 'sea').status).toBe('broken');
  expect(statusOf(result, 'disasterRecoveryTesting', 'nj').status).toBe('not-checked');
  expect(statusOf(result, 'disasterRecoveryTesting', 'sea').status).toBe('holds');
});
