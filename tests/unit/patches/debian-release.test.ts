import { describe, expect, test } from 'vitest';
import { parseDebianVersion } from '../../../main/engine/collectors/patches/debian-version';
import { kernelRelease, parseKernelRelease } from '../../../main/engine/collectors/patches/kernel-release';
import { parseOsRelease } from '../../../main/engine/collectors/patches/os-release';
import { fixture } from './support/fixture-sections';

describe('Debian release', () => {
  test('os-release of bookworm and trixie (DEBIAN_VERSION_FULL only on trixie)', () => {
    expect(parseOsRelease(fixture('debian/os-release.txt'), '', 0).value).toMatchObject({ id: 'debian', name: 'Debian GNU/Linux', versionId: '12', codename: 'bookworm', versionFull: null });
    expect(parseOsRelease(fixture('debian/os-release-trixie.txt'), '', 0).value).toMatchObject({
      versionId: '13',
      codename: 'trixie',
      versionFull: '13.8',
      prettyName: 'Debian GNU/Linux 13 (trixie)',
    });
  });
  test('os-release quoting: single quotes, escapes, codename from VERSION when VERSION_CODENAME is absent', () => {
    const parsed = parseOsRelease('NAME=\'Debian GNU/Linux\'\nVERSION="11 (bullseye)"\nPRETTY_NAME="say \\"hi\\""\n', '', 0).value!;
    expect(parsed).toMatchObject({ name: 'Debian GNU/Linux', codename: 'bullseye', prettyName: 'say "hi"' });
    expect(parseOsRelease('', 'cat: /etc/os-release: No such file or directory\n', 1).status).toBe('unparsed');
  });
  test('debian_version: point release, or a testing codename', () => {
    expect(parseDebianVersion(fixture('debian/debian_version.txt'), '', 0).value).toEqual({ text: '12.11', pointRelease: '12.11', major: 12, codename: null });
    expect(parseDebianVersion(fixture('debian/debian_version-trixie.txt'), '', 0).value).toMatchObject({ pointRelease: '13.8', major: 13 });
    expect(parseDebianVersion('trixie/sid\n', '', 0).value).toMatchObject({ pointRelease: null, codename: 'trixie/sid' });
    expect(parseDebianVersion('<html>\n', '', 0).status).toBe('unparsed');
  });
});

describe('uname -r', () => {
  test('bookworm ABI string: the ABI number is not the upstream patch level', () => {
    expect(parseKernelRelease(fixture('debian/uname-r.txt'), '', 0).value).toEqual({
      release: '6.1.0-56-amd64',
      scheme: 'debian-abi',
      series: '6.1',
      upstreamVersion: null,
      abi: '56',
      flavour: 'amd64',
      builtFor: null,
      backport: false,
    });
  });
  test('trixie string carries the upstream version and the release tag', () => {
    expect(parseKernelRelease(fixture('debian/uname-r-trixie.txt'), '', 0).value).toMatchObject({
      scheme: 'debian-upstream',
      series: '6.12',
      upstreamVersion: '6.12.118',
      builtFor: 13,
      flavour: 'amd64',
      backport: false,
    });
  });
  test('backports kernels are not misread as ABI 0 or as the host release', () => {
    expect(kernelRelease('6.1.0-0.deb11.13-amd64')).toEqual({
      release: '6.1.0-0.deb11.13-amd64',
      scheme: 'debian-backport',
      series: '6.1',
      upstreamVersion: null,
      abi: '0.deb11.13',
      flavour: 'amd64',
      builtFor: 11,
      backport: true,
    });
    expect(kernelRelease('4.19.0-0.bpo.6-amd64')).toMatchObject({ scheme: 'debian-backport', abi: '0.bpo.6', builtFor: null, backport: true });
    expect(kernelRelease('6.12.12+bpo-amd64')).toMatchObject({ scheme: 'debian-backport', upstreamVersion: '6.12.12', backport: true });
    expect(kernelRelease('6.1.0-56-cloud-amd64')).toMatchObject({ abi: '56', flavour: 'cloud-amd64' });
  });
  test('a custom kernel is kept as it is; garbage is not a kernel', () => {
    expect(kernelRelease('6.18.44-fc-v509')).toMatchObject({ scheme: 'other', series: '6.18' });
    expect(parseKernelRelease('not a kernel\n', '', 0).status).toBe('unparsed');
  });
});
