import { describe, expect, test } from 'vitest';
import { parseSmartosEtcRelease } from '../../../main/engine/collectors/patches/etc-release';
import { parsePiadmList } from '../../../main/engine/collectors/patches/piadm-list';
import { parsePkgAdminAudit } from '../../../main/engine/collectors/patches/pkg-audit';
import { splitPkgName } from '../../../main/engine/collectors/patches/pkg-name';
import { parsePkginUpgrade } from '../../../main/engine/collectors/patches/pkgin-upgrade';
import { parseUnameV, platformStamp } from '../../../main/engine/collectors/patches/platform-image';
import { expectMatchesExpected, fixture, fixtureSections } from './support/fixture-sections';

describe('platform image stamp', () => {
  test('uname -v joyent_<stamp> → UTC build time', () => {
    expect(parseUnameV(fixture('smartos/uname-v.txt'), '', 0)).toMatchObject({ status: 'ok', value: { stamp: '20241128T004404Z', builtAt: '2024-11-28T00:44:04.000Z' } });
  });
  test('the uname -a line is not a stamp; other illumos distributions are not SmartOS', () => {
    expect(parseUnameV(fixture('smartos/uname-a.txt'), '', 0).status).toBe('unparsed');
    expect(parseUnameV('omnios-r151046-4c0bd0d4b6\n', '', 0).status).toBe('unsupported');
  });
  test('impossible dates are rejected', () => {
    expect(platformStamp('20241340T004404Z')).toBeNull();
    expect(platformStamp('20240230T004404Z')).toBeNull();
    expect(platformStamp('20241128T250000Z')).toBeNull();
    expect(parseUnameV('joyent_20241340T004404Z\n', '', 0).status).toBe('unparsed');
  });
});

describe('/etc/release', () => {
  test('stamp from the centred first line, components from the JSON list', () => {
    const parsed = parseSmartosEtcRelease(fixture('smartos/etc-release.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toMatchObject({ stamp: '20241128T004404Z', builtAt: '2024-11-28T00:44:04.000Z', arch: 'x86_64', copyright: 'Copyright 2024 MNX Cloud, Inc.' });
    expect(parsed.value!.components.map((component) => component.repo)).toEqual(['smartos-live', 'illumos-joyent', 'illumos-extra', 'kvm', 'kvm-cmd', 'mdata-client']);
  });
  test('a zone image release file names no platform stamp', () => {
    expect(parseSmartosEtcRelease('                  SmartOS x86_64\n   base-64-lts 23.4.0\n', '', 0).status).toBe('unsupported');
  });
});

describe('piadm list', () => {
  test('three images: running 20241128, a newer one staged to boot next', () => {
    const parsed = parsePiadmList(fixture('smartos/piadm-list.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.running).toBe('20241128T004404Z');
    expect(parsed.value!.next).toBe('20241212T000541Z');
    expect(parsed.value!.images.find((image) => image.next)).toMatchObject({ bootImage: 'none', filesystem: 'zones/boot', builtAt: '2024-12-12T00:05:41.000Z' });
    expectMatchesExpected('piadm-list', parsed.value);
  });
  test('USB-key / PXE host: only the header — no bootable pool, a distinct state', () => {
    const parsed = parsePiadmList(fixture('smartos/piadm-list-not-bootable.txt'), '', 0);
    expect(parsed.status).toBe('unsupported');
    expect(parsed.value).toEqual({ images: [], running: null, next: null });
    expect(parsed.message).toMatch(/USB key or PXE/);
  });
  test('narrow spacing (as in the man page) parses the same; an ipxe pseudo-stamp has no date', () => {
    const parsed = parsePiadmList('PI STAMP BOOTABLE FILESYSTEM BOOT IMAGE NOW NEXT\nipxe zones/boot next no yes\n20241128T004404Z zones/boot none yes no\n', '', 0);
    expect(parsed.value!.images).toEqual([
      { stamp: 'ipxe', builtAt: null, filesystem: 'zones/boot', bootImage: 'next', running: false, next: true, line: 'ipxe zones/boot next no yes' },
      { stamp: '20241128T004404Z', builtAt: '2024-11-28T00:44:04.000Z', filesystem: 'zones/boot', bootImage: 'none', running: true, next: false, line: '20241128T004404Z zones/boot none yes no' },
    ]);
  });
  test('piadm absent on old platform images', () => {
    expect(parsePiadmList('', 'sh: piadm: not found\n', 127).status).toBe('tool-missing');
  });
});

describe('pkg_admin audit', () => {
  test('one line per (package, advisory): name split at the last hyphen, "has a" before vowels', () => {
    const parsed = parsePkgAdminAudit(fixture('smartos/pkg_admin-audit.txt'), '', 1);
    expect(parsed.status).toBe('ok');
    const entries = parsed.value!.vulnerabilities;
    expect(entries).toHaveLength(5);
    expect(entries[0]).toEqual({
      package: 'curl',
      version: '8.9.1',
      fullName: 'curl-8.9.1',
      classification: 'information-disclosure',
      advisory: 'https://nvd.nist.gov/vuln/detail/CVE-2024-9681',
      endOfLife: false,
    });
    expect(entries.filter((entry) => entry.package === 'openssl').map((entry) => entry.classification)).toEqual(['denial-of-service', 'memory-corruption']);
    expect(entries.find((entry) => entry.package === 'python311')!.version).toBe('3.11.9');
    expectMatchesExpected('pkg_admin-audit', parsed.value);
  });

  test('the failure and edge cases of pkg_admin-audit-errors', () => {
    const [missingList, staleList, eol] = fixtureSections('smartos/pkg_admin-audit-errors.txt');
    const missing = parsePkgAdminAudit('', missingList!.text, missingList!.exitCode);
    expect(missing.status).toBe('unsupported');
    expect(missing.message).toMatch(/\/opt\/local\/pkg\/pkg-vulnerabilities is missing.*nothing was audited/);
    const stale = parsePkgAdminAudit('', staleList!.text, staleList!.exitCode);
    expect(stale).toMatchObject({ status: 'ok', value: { vulnerabilities: [], listAgeDays: 23 } });
    expect(stale.warnings).toEqual(['pkg_admin: the vulnerability list is 23 days old']);
    const endOfLife = parsePkgAdminAudit(eol!.text, '', 1);
    expect(endOfLife.value!.vulnerabilities).toEqual([
      { package: 'python39', version: '3.9.20', fullName: 'python39-3.9.20', classification: 'end-of-life', advisory: 'https://www.NetBSD.org/support/security/eol-packages', endOfLife: true },
    ]);
  });

  test('exit 1 without a readable vulnerability line is not "clean"', () => {
    expect(parsePkgAdminAudit('something else\n', '', 1).status).toBe('unparsed');
    expect(parsePkgAdminAudit('', '', 0)).toMatchObject({ status: 'ok', value: { vulnerabilities: [] } });
  });

  test('names agree with pkg_info -X and pkgin list', () => {
    const pkgname = /^PKGNAME=(.*)$/m.exec(fixture('smartos/pkg_info-X.txt'))![1]!;
    expect(splitPkgName(pkgname)).toEqual({ name: 'openssl', version: '3.0.14', full: 'openssl-3.0.14' });
    const installed = fixture('smartos/pkgin-list.txt')
      .split('\n')
      .filter(Boolean)
      .map((line) => splitPkgName(line.split(' ')[0]!));
    expect(installed.find((entry) => entry.name === 'py311-cryptography')!.version).toBe('42.0.8');
    const audited = parsePkgAdminAudit(fixture('smartos/pkg_admin-audit.txt'), '', 1).value!.vulnerabilities;
    for (const entry of audited) expect(installed.map((each) => each.full)).toContain(entry.fullName);
  });
});

describe('pkgin -n upgrade', () => {
  test('refreshes (same version rebuilt) are kept apart from upgrades', () => {
    const parsed = parsePkginUpgrade(fixture('smartos/pkgin-n-upgrade.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value!.upgrades.map((entry) => entry.full)).toEqual(['curl-8.11.0', 'libxml2-2.12.9', 'openssl-3.0.15', 'sudo-1.9.16p2']);
    expect(parsed.value!.refreshes.map((entry) => [entry.name, entry.version])).toEqual([
      ['nghttp2', '1.64.0'],
      ['py311-cryptography', '43.0.3'],
    ]);
  });
  test('nothing to do', () => {
    expect(parsePkginUpgrade(fixture('smartos/pkgin-n-upgrade-nothing.txt'), '', 0).value).toMatchObject({ upgrades: [], nothingToDo: true });
  });
  test('pkgin list output is not upgrade output; a cut-off list is not complete', () => {
    expect(parsePkginUpgrade(fixture('smartos/pkgin-list.txt'), '', 0).status).toBe('unparsed');
    const cut = fixture('smartos/pkgin-n-upgrade.txt').split('\n').slice(0, 8).join('\n');
    const parsed = parsePkginUpgrade(cut, '', 0);
    expect(parsed.status).toBe('unparsed');
    expect(parsed.message).toMatch(/totals line/);
  });
  test('older pkgin wording and a remote-summary refresh first', () => {
    const text =
      'processing remote summary (https://pkgsrc.smartos.org/packages/SmartOS/2024Q4/x86_64/All)...\ncalculating dependencies...done.\n\n2 packages to be upgraded:\ncurl-8.11.0 openssl-3.0.15\n\n0 to remove, 0 to refresh, 2 to upgrade, 0 to install\n';
    expect(parsePkginUpgrade(text, '', 0).value!.upgrades.map((entry) => entry.name)).toEqual(['curl', 'openssl']);
  });
  test('not root, or pkgin absent', () => {
    expect(parsePkginUpgrade('', "You don't have enough rights for this operation.\n", 1).status).toBe('needs-privilege');
    expect(parsePkginUpgrade('', 'sh: pkgin: not found\n', 127).status).toBe('tool-missing');
  });
});
