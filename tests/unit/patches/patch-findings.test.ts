import { describe, expect, test } from 'vitest';
import { patchFacts, type PatchFacts } from '../../../main/engine/collectors/patches/patch-facts';
import { CONTROLS } from '../../../main/engine/posture/finding';
import { PATCH_FINDING_KINDS, patchFindings, patchParity, siteCounterpartKey } from '../../../main/engine/posture/patch-findings';
import { pendingSecuritySince } from '../../../main/engine/posture/patch-first-seen';
import { hostSpec } from '../demo-fleet/support/demo-answers';
import { demoPatchOutputs, NOW } from './support/demo-patch-outputs';
import { hostContext, hoursLater } from './support/patch-context';

function demoFindings(host: string, now = NOW, previousScanHoursAgo: number | null = null) {
  const spec = hostSpec(host);
  const context = hostContext(now, { host, dc: spec.dc, os: spec.os, siteRole: spec.dc === 'nj' ? 'primary' : 'secondary' });
  let firstSeen = {};
  if (previousScanHoursAgo !== null) {
    const then = hoursLater(now, -previousScanHoursAgo);
    const earlier = demoPatchOutputs(host, then);
    firstSeen = pendingSecuritySince({}, patchFacts(earlier.os, earlier.outputs, then), then);
  }
  const { os, outputs } = demoPatchOutputs(host, now);
  const facts = patchFacts(os, outputs, now);
  const findings = patchFindings(facts, pendingSecuritySince(firstSeen, facts, now), context);
  return { facts, findings, byKind: (kind: string) => findings.find((finding) => finding.id === `patches.${kind}:${host}`) };
}

describe("patch findings on the demo fleet's planted problems", () => {
  test('imap1.nj: security updates pending 2 days (seen by a scan two days ago) → past the 24 h SLA', () => {
    const { byKind } = demoFindings('imap1.nj', NOW, 48);
    const sla = byKind(PATCH_FINDING_KINDS.securityUpdates)!;
    expect(sla.title).toMatch(/^\d+ security updates pending for 2 d \(SLA 24 h\)$/);
    expect(sla.severity).toBe('medium');
    expect(sla.dc).toBe('nj');
    expect(byKind(PATCH_FINDING_KINDS.unattendedUpgrades)!.title).toMatch(/Lock could not be acquired/);
  });

  test('web1.nj: reboot needed because the installed kernel is newer than the running one', () => {
    const { byKind } = demoFindings('web1.nj');
    expect(byKind(PATCH_FINDING_KINDS.rebootNeeded)).toMatchObject({
      severity: 'medium',
      title: 'Reboot needed: running kernel 6.12.115+deb13-amd64, newest installed 6.12.118+deb13-amd64',
      evidence: { commandIds: ['patches.needrestart', 'patches.reboot-required', 'patches.reboot-required-pkgs'] },
    });
    expect(byKind(PATCH_FINDING_KINDS.servicesRestart)!.severity).toBe('low');
  });

  test('web1.sea: a stale index is a finding, and never "up to date"', () => {
    const { facts, byKind } = demoFindings('web1.sea');
    const stale = byKind(PATCH_FINDING_KINDS.packageIndex)!;
    expect(stale.title).toMatch(/^Package index is 5 d \d+ h old \(limit 24 h\): "nothing pending" cannot be trusted$/);
    expect(stale.severity).toBe('medium');
    expect(facts.upToDate).not.toBe(true);
  });

  test('cn2.sea: year-old platform image and vulnerable pkgsrc packages with upgrades available', () => {
    const { byKind } = demoFindings('cn2.sea');
    expect(byKind(PATCH_FINDING_KINDS.platformImageAge)).toMatchObject({ severity: 'high', control: 'softwareUpdates' });
    expect(byKind(PATCH_FINDING_KINDS.platformImageAge)!.title).toMatch(/^Platform image \d{8}T\d{6}Z is 36[45] days old \(policy 180 days\)$/);
    expect(byKind(PATCH_FINDING_KINDS.vulnerablePackages)).toMatchObject({
      severity: 'high',
      control: 'vendorSecurityUpdates',
      title: '4 vulnerable pkgsrc packages (5 advisories): upgrades available',
    });
  });

  test('a clean host has nothing but what it really has', () => {
    const { findings, facts } = demoFindings('cn1.nj');
    expect(findings).toEqual([]);
    expect(facts.upToDate).toBe(true);
  });

  test('every finding is well-formed: stable id, area patches, a known control', () => {
    for (const host of ['imap1.nj', 'web1.nj', 'web1.sea', 'db1.sea', 'cn2.sea', 'mx1.sea']) {
      for (const finding of demoFindings(host).findings) {
        expect(finding.id).toMatch(new RegExp(`^patches\\.[a-z-]+:${host.replace('.', '\\.')}$`));
        expect(finding.area).toBe('patches');
        expect(Object.keys(CONTROLS)).toContain(finding.control);
        expect(finding.evidence.commandIds.length).toBeGreaterThan(0);
        expect(finding.evidence.excerpt.length).toBeLessThanOrEqual(12);
      }
    }
  });
});

describe('findings from hand-made facts', () => {
  const base = (): PatchFacts => patchFacts('debian', [], NOW);
  const context = hostContext(NOW);

  test('package index of unknown age is a finding', () => {
    const findings = patchFindings(base(), {}, context);
    expect(findings.find((finding) => finding.id === 'patches.package-index:imap1.nj')!.title).toBe('Package index age unknown: "nothing pending" cannot be trusted');
  });
  test('an index older than a week is high', () => {
    const facts = { ...base(), packageIndex: { kind: 'apt-lists' as const, newestAt: '2026-11-20T00:00:00.000Z', ageHours: 228, stale: true } };
    expect(patchFindings(facts, {}, context).find((finding) => finding.id === 'patches.package-index:imap1.nj')!.severity).toBe('high');
  });
  test('debsecan fixes apt does not offer point at a missing security archive', () => {
    const facts: PatchFacts = {
      ...base(),
      pendingUpdatesKnown: true,
      vulnerablePackages: [{ name: 'libc6', version: '2.36-9+deb12u1', vulnerability: 'CVE-2023-4911', advisory: 'CVE-2023-4911', source: 'debsecan', fixAvailable: true, endOfLife: false }],
    };
    const finding = patchFindings(facts, {}, context).find((each) => each.id === 'patches.security-fix-not-offered:imap1.nj')!;
    expect(finding).toMatchObject({ severity: 'medium', title: '1 package with a security fix apt does not offer (libc6)' });
  });
  test('end-of-life pkgsrc packages alone are low', () => {
    const facts: PatchFacts = {
      ...patchFacts('smartos', [], NOW),
      vulnerablePackages: [
        {
          name: 'python39',
          version: '3.9.20',
          vulnerability: 'end-of-life',
          advisory: 'https://www.NetBSD.org/support/security/eol-packages',
          source: 'pkg_admin audit',
          fixAvailable: false,
          endOfLife: true,
        },
      ],
    };
    expect(patchFindings(facts, {}, hostContext(NOW, { os: 'smartos' })).find((each) => each.id === 'patches.vulnerable-packages:imap1.nj')).toMatchObject({
      severity: 'low',
      title: '1 end-of-life package (1 advisory)',
    });
  });
});

describe('kernel and platform image parity between the sites', () => {
  test('pairs by name without the site label', () => {
    expect(siteCounterpartKey('cn1.sea', 'sea')).toBe('cn1');
    expect(siteCounterpartKey('imap1.nj.example.net', 'nj')).toBe('imap1.example.net');
    expect(siteCounterpartKey('db1-sea', 'sea')).toBe('db1');
    expect(siteCounterpartKey('db1.other', 'sea')).toBe('db1');
  });

  test('a secondary on a different platform image than its primary counterpart', () => {
    const findings = patchParity([
      { host: 'cn1.nj', dc: 'nj', siteRole: 'primary', kernelOrPlatform: '20261020T004404Z' },
      { host: 'cn1.sea', dc: 'sea', siteRole: 'secondary', kernelOrPlatform: '20261020T004404Z' },
      { host: 'cn2.nj', dc: 'nj', siteRole: 'primary', kernelOrPlatform: '20261020T004404Z' },
      { host: 'cn2.sea', dc: 'sea', siteRole: 'secondary', kernelOrPlatform: '20251201T004404Z' },
      { host: 'web1.nj', dc: 'nj', siteRole: 'primary', kernelOrPlatform: '6.12.115+deb13-amd64' },
      { host: 'web1.sea', dc: 'sea', siteRole: 'secondary', kernelOrPlatform: '6.12.118+deb13-amd64' },
      { host: 'mx1.nj', dc: 'nj', siteRole: 'primary', kernelOrPlatform: null },
      { host: 'mx1.sea', dc: 'sea', siteRole: 'secondary', kernelOrPlatform: '6.1.0-56-amd64' },
      { host: 'lonely.sea', dc: 'sea', siteRole: 'secondary', kernelOrPlatform: '6.1.0-56-amd64' },
    ]);
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['patches.site-parity:cn2.sea', 'medium', 'cn2.sea runs platform image 20251201T004404Z (older), its primary counterpart cn2.nj runs 20261020T004404Z'],
      ['patches.site-parity:web1.sea', 'medium', 'web1.sea runs kernel 6.12.118+deb13-amd64, its primary counterpart web1.nj runs 6.12.115+deb13-amd64'],
    ]);
    expect(findings[0]).toMatchObject({
      host: 'cn2.sea',
      dc: 'sea',
      area: 'patches',
      control: 'softwareUpdates',
      evidence: { commandIds: ['patches.uname-v'], excerpt: ['cn2.sea: 20251201T004404Z', 'cn2.nj: 20261020T004404Z'] },
    });
  });

  test('the demo fleet: cn2.sea (year-old image) and web1.sea (not rebooted primary) differ from their counterparts', () => {
    const hosts = ['cn1.nj', 'cn1.sea', 'cn2.nj', 'cn2.sea', 'web1.nj', 'web1.sea', 'imap1.nj', 'imap1.sea'].map((host) => {
      const { os, outputs } = demoPatchOutputs(host);
      const spec = hostSpec(host);
      return { host, dc: spec.dc, siteRole: spec.dc === 'nj' ? ('primary' as const) : ('secondary' as const), kernelOrPlatform: patchFacts(os, outputs, NOW).kernelOrPlatform };
    });
    expect(patchParity(hosts).map((finding) => finding.host)).toEqual(['cn2.sea', 'web1.sea']);
  });
});
