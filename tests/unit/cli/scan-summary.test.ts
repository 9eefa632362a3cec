import { describe, expect, test } from 'vitest';
import type { DatacentreView, FindingView, HostScanDetail } from '../../../preload/contract';
import { scanSummaryText } from '../../../main/cli/scan-summary';

const dc = { id: 'nj', name: 'Bridgewater, NJ', role: 'primary' } as DatacentreView;

function finding(severity: FindingView['severity'], title: string): FindingView {
  return { id: `firewall.x:${title}`, host: 'db1.nj', dc: 'nj', area: 'firewall', control: 'necessaryCommunications', severity, title, detail: '', evidence: { commandIds: [], excerpt: [] } };
}

function host(findings: FindingView[]): HostScanDetail {
  return { host: 'db1.nj', dc: 'nj', phase: 'done', reason: null, identity: null, findings } as unknown as HostScanDetail;
}

describe('opsdeck scan summary', () => {
  const findings = [finding('info', 'exporter blocked'), finding('critical', 'PostgreSQL open to any'), finding('info', 'rpcbind blocked')];

  test('counts every finding, lists all but the informational ones, and says how to see those', () => {
    const text = scanSummaryText([dc], [host(findings)]);
    expect(text).toMatch(/Findings — 1 critical, 2 info\n/);
    expect(text).toMatch(/CRITICAL\s+firewall\s+db1\.nj\s+PostgreSQL open to any/);
    expect(text).not.toMatch(/exporter blocked/);
    expect(text).toMatch(/\(2 info findings not listed: --all lists them, --json has everything\)/);
  });

  test('--all lists the informational findings too, after the others', () => {
    const text = scanSummaryText([dc], [host(findings)], { listInfo: true });
    expect(text.indexOf('PostgreSQL open to any')).toBeLessThan(text.indexOf('exporter blocked'));
    expect(text).toMatch(/INFO\s+firewall\s+db1\.nj\s+rpcbind blocked/);
    expect(text).not.toMatch(/not listed/);
  });

  test('only informational findings: the counts and the note, no empty table', () => {
    const text = scanSummaryText([dc], [host([finding('info', 'exporter blocked')])]);
    expect(text).toMatch(/Findings — 1 info\n\(1 info finding not listed/);
    expect(text).not.toMatch(/SEVERITY/);
  });
});

describe('opsdeck scan totals', () => {
  test('hosts a cancelled scan never reached are counted as cancelled, not failed', () => {
    const results = [
      { ...host([]), host: 'a.nj' },
      { ...host([]), host: 'b.nj', phase: 'failed', reason: 'connection refused' },
      { ...host([]), host: 'c.nj', phase: 'cancelled', reason: 'scan cancelled before this host was reached' },
      { ...host([]), host: 'd.nj', phase: 'cancelled', reason: 'scan cancelled before this host was reached' },
    ] as HostScanDetail[];
    expect(scanSummaryText([dc], results)).toMatch(/\n1\/4 hosts answered, 1 failed, 2 cancelled\n$/);
  });
});
