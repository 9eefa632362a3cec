// The pure helpers behind the pages that point at the problem: CSV export,
// advisory links, Annex 2 section titles, fleet ordering, SLA grading, dates.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { HostView } from '../../../preload/contract';
import { advisoryPieces } from '../../../renderer/components/advisory-pieces';
import { ANNEX_SECTIONS, annexSectionOf } from '../../../renderer/components/control-labels';
import { csvCell, csvText } from '../../../renderer/components/csv-export';
import { dateTimeText, durationText } from '../../../renderer/components/date-text';
import { siteRows } from '../../../renderer/pages/fleet/site-rows';
import { hostSlaHours, patchCompliance } from '../../../renderer/pages/patches/patch-compliance';
import type { PatchFactsView } from '../../../renderer/pages/patches/patch-view';

describe('CSV export', () => {
  test('neutralises cells a spreadsheet would run as a formula', () => {
    for (const dangerous of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(dangerous).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell(-3)).toBe('-3');
  });
  test('quotes separators, quotes and line breaks', () => {
    expect(csvText(['a', 'b'], [['x,y', 'say "hi"\nthen']])).toBe('a,b\r\n"x,y","say ""hi""\nthen"\r\n');
  });
});

describe('advisory links', () => {
  test('CVE, DSA and DLA ids go to the Debian security tracker; https URLs stay as written', () => {
    const pieces = advisoryPieces('openssl: CVE-2024-9143 (DSA-5837-1, DLA-3942-2), see https://nvd.nist.gov/vuln/detail/CVE-2024-6119.');
    expect(pieces.filter((piece) => piece.href).map((piece) => piece.href)).toEqual([
      'https://security-tracker.debian.org/tracker/CVE-2024-9143',
      'https://security-tracker.debian.org/tracker/DSA-5837-1',
      'https://security-tracker.debian.org/tracker/DLA-3942-2',
      'https://nvd.nist.gov/vuln/detail/CVE-2024-6119',
    ]);
    expect(pieces.map((piece) => piece.text).join('')).toBe('openssl: CVE-2024-9143 (DSA-5837-1, DLA-3942-2), see https://nvd.nist.gov/vuln/detail/CVE-2024-6119.');
  });
  test('never links anything but https', () => {
    expect(advisoryPieces('see http://example.org/x and javascript:alert(1)').every((piece) => piece.href === null)).toBe(true);
  });
});

test('Annex 2 section titles are the annex headings, word for word', () => {
  const annex = readFileSync('/work/shared/seed/annex-2.txt', 'utf8');
  for (const [section, title] of Object.entries(ANNEX_SECTIONS)) expect(annex).toContain(`\n${section}: ${title}\n`);
  expect(annexSectionOf('necessaryCommunications')).toBe('Annex 2 §9 Secure configuration of our software and systems');
});

const host = (name: string, roles: string[], last: Partial<NonNullable<HostView['last']>> | null): HostView => ({
  name,
  address: name,
  port: 22,
  user: 'ops',
  os: 'debian',
  dc: 'nj',
  roles,
  tags: [],
  jumps: [],
  last: last ? { host: name, dc: 'nj', phase: 'done', reason: null, finishedAt: null, identity: null, detectedOs: null, findingCounts: {}, ...last } : null,
});

test('problem hosts come first within each role: failed, then worst finding, then most findings', () => {
  const hosts = [
    host('web1.nj', ['web'], { findingCounts: { info: 4 } }),
    host('web2.nj', ['web'], { findingCounts: { medium: 1 } }),
    host('web3.nj', ['web'], { findingCounts: { high: 1 } }),
    host('web4.nj', ['web'], { phase: 'failed', reason: 'timeout' }),
    host('web5.nj', ['web'], { findingCounts: { medium: 3 } }),
    host('db1.nj', ['db'], null),
  ];
  const names = (order: 'problems-first' | 'name') => siteRows(hosts, order).map((row) => (row.kind === 'role' ? `[${row.role}]` : row.host.name));
  expect(names('problems-first')).toEqual(['[db]', 'db1.nj', '[web]', 'web4.nj', 'web3.nj', 'web5.nj', 'web2.nj', 'web1.nj']);
  expect(names('name')).toEqual(['[db]', 'db1.nj', '[web]', 'web1.nj', 'web2.nj', 'web3.nj', 'web4.nj', 'web5.nj']);
  expect(siteRows(hosts).find((row) => row.kind === 'role' && row.role === 'web')).toMatchObject({ problems: 4 });
});

describe('patch compliance against the SLA', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const facts = (pending: { name: string; security: boolean; since?: string }[], extra: Partial<PatchFactsView> = {}): PatchFactsView => ({
    os: 'debian',
    kernelOrPlatform: null,
    kernelOrPlatformAgeDays: null,
    upToDate: pending.length === 0,
    upToDateReason: '',
    packageIndex: { ageHours: 2, stale: false },
    pendingUpdates: pending.map((update) => ({ name: update.name, from: '1', to: '2', security: update.security, suites: [] })),
    vulnerablePackages: [],
    reboot: { needed: false, reasons: [] },
    firstSeen: Object.fromEntries(pending.filter((update) => update.since).map((update) => [`${update.name}=2`, { package: update.name, pendingSince: update.since! }])),
    ...extra,
  });
  test('regular updates pending are not "behind"', () => {
    expect(patchCompliance(facts([{ name: 'vim', security: false }]), 24, now)).toMatchObject({ grade: 'up-to-date', otherPending: 1, securityPending: 0 });
  });
  test('a security update within its SLA is within SLA; past it, behind', () => {
    expect(patchCompliance(facts([{ name: 'openssl', security: true, since: '2026-12-04T00:00:00Z' }]), 24, now)).toMatchObject({ grade: 'within-sla', pendingForHours: 12 });
    expect(patchCompliance(facts([{ name: 'openssl', security: true, since: '2026-12-02T12:00:00Z' }]), 24, now)).toMatchObject({ grade: 'behind', pendingForHours: 48, overdue: 1 });
    expect(patchCompliance(facts([{ name: 'openssl', security: true, since: '2026-12-02T12:00:00Z' }]), 72, now)).toMatchObject({ grade: 'within-sla' });
  });
  test('a stale package index is never called up to date', () => {
    expect(patchCompliance(facts([], { packageIndex: { ageHours: 400, stale: true } }), 24, now).grade).toBe('unknown');
  });
  test("a host's SLA is its strictest role's, 24 h when no role sets one", () => {
    const policies = [
      { role: 'db', hosts: 1, allowedPorts: [], patchSlaHours: 72, backupRpoHours: 24, restoreTestMaxAgeDays: 30, drillCadenceDays: 90 },
      { role: 'web', hosts: 1, allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, drillCadenceDays: 90 },
    ];
    expect(hostSlaHours({ roles: ['db'] }, policies)).toBe(72);
    expect(hostSlaHours({ roles: ['db', 'web'] }, policies)).toBe(24);
    expect(hostSlaHours({ roles: [] }, policies)).toBe(24);
  });
});

test('dates read the same in every locale: ISO order, 24-hour time', () => {
  expect(dateTimeText('2026-03-04T05:06:07Z')).toMatch(/^2026-03-0[3-5] \d\d:\d6$/);
  expect(dateTimeText(null)).toBe('—');
  expect(durationText(0.5)).toBe('30 min');
  expect(durationText(30)).toBe('30 h');
  expect(durationText(72)).toBe('3 d');
});
