import { describe, expect, test } from 'vitest';
import { isSecurityOrigin, parseAptOrigin } from '../../../main/engine/collectors/patches/apt-origin';
import { parseAptSimulation, parseInstLine } from '../../../main/engine/collectors/patches/apt-simulation';
import { expectMatchesExpected, fixture } from './support/fixture-sections';

const bookworm = fixture('debian/apt-get-s-dist-upgrade.txt');

/** `apt list --upgradable` (same capture host): name/suites version arch [upgradable from: old]. */
function aptListUpgradable(text: string) {
  return text
    .split('\n')
    .filter((line) => line && line !== 'Listing...')
    .map((line) => {
      const match = /^([^/]+)\/(\S+) (\S+) (\S+) \[upgradable from: ([^\]]+)\]$/.exec(line);
      if (!match) throw new Error(`not an apt list line: ${line}`);
      return { name: match[1]!, suites: match[2]!.split(','), candidate: match[3]!, installed: match[5]! };
    });
}

describe('apt-get -s dist-upgrade on the captured bookworm (oldstable) host', () => {
  const parsed = parseAptSimulation(bookworm, '', 0);

  test('reads every Inst line, with installed and candidate versions, as root', () => {
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    const value = parsed.value!;
    expect(value.asRoot).toBe(true);
    expect(value.installs).toHaveLength(bookworm.split('\n').filter((line) => line.startsWith('Inst ')).length);
    expect(value.installs).toHaveLength(119);
    expect(value.summary).toEqual({ upgraded: 119, newlyInstalled: 0, downgraded: 0, reinstalled: 0, toRemove: 0, notUpgraded: 0 });
    expect(value.configured).toBe(bookworm.split('\n').filter((line) => line.startsWith('Conf ')).length);
    expect(value.installs.find((install) => install.name === 'login')).toMatchObject({ installed: '1:4.13+dfsg1-1+deb12u1', candidate: '1:4.13+dfsg1-1+deb12u2', security: false, arch: 'amd64' });
  });

  test('Debian-Security:12/oldstable-security is security, Debian:12.15/oldstable alone is not, both together is', () => {
    const byName = new Map(parsed.value!.installs.map((install) => [install.name, install]));
    expect(byName.get('libapt-pkg6.0')).toMatchObject({ security: true, origins: [{ label: 'Debian-Security', version: '12', suite: 'oldstable-security' }] });
    expect(byName.get('base-files')).toMatchObject({ security: false, origins: [{ label: 'Debian', version: '12.15', suite: 'oldstable' }] });
    expect(byName.get('libgcrypt20')!.security).toBe(true);
    expect(byName.get('libgcrypt20')!.origins.map((origin) => origin.text)).toEqual(['Debian:12.15/oldstable', 'Debian-Security:12/oldstable-security']);
    expect(byName.get('tzdata')).toMatchObject({ security: true, arch: 'all' });
  });

  test('trailing dependency notes ([] and [x on y] [z ]) do not leak into versions', () => {
    const pam = parsed.value!.installs.find((install) => install.name === 'libpam-modules-bin')!;
    expect(pam).toMatchObject({ installed: '1.5.2-6+deb12u1', candidate: '1.5.2-6+deb12u3', arch: 'amd64', security: true });
    const dev = parsed.value!.installs.find((install) => install.name === 'libgcrypt20-dev')!;
    expect(dev.origins).toHaveLength(2);
  });

  test('agrees with apt list --upgradable of the same host: versions and security flag', () => {
    const listed = aptListUpgradable(fixture('debian/apt-list-upgradable.txt'));
    const byName = new Map(parsed.value!.installs.map((install) => [install.name, install]));
    expect(listed.length).toBe(parsed.value!.installs.length);
    for (const entry of listed) {
      const install = byName.get(entry.name);
      expect(install, entry.name).toBeDefined();
      expect(install!.candidate).toBe(entry.candidate);
      expect(install!.installed).toBe(entry.installed);
      expect(install!.security, entry.name).toBe(entry.suites.some((suite) => suite.endsWith('-security')));
    }
  });

  test('installed versions are those dpkg-query reports on the same host', () => {
    const dpkg = new Map(
      fixture('debian/dpkg-query-W.txt')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t') as [string, string]),
    );
    // The dpkg-query capture is a little later: openssh-client had been upgraded to its candidate by then.
    const upgradedBetween = parsed.value!.installs.filter((install) => dpkg.get(install.name) === install.candidate).map((install) => install.name);
    expect(upgradedBetween).toEqual(['openssh-client']);
    for (const install of parsed.value!.installs) {
      if (!upgradedBetween.includes(install.name)) expect(install.installed, install.name).toBe(dpkg.get(install.name));
    }
  });

  test('matches its expectation file (security subset)', () => {
    const security = parsed
      .value!.installs.filter((install) => install.security)
      .map(({ name, installed, candidate, origins }) => ({ name, installed, candidate, suites: origins.map((origin) => origin.suite) }));
    expectMatchesExpected('apt-get-s-dist-upgrade.security', { count: security.length, security });
  });

  test('apt-get -s upgrade prints the same thing on this host', () => {
    expect(parseAptSimulation(fixture('debian/apt-get-s-upgrade.txt'), '', 0).value).toEqual(parsed.value);
  });

  test('apt list\'s "no stable CLI" stderr warning is not an error', () => {
    const withWarning = parseAptSimulation(bookworm, fixture('debian/apt-list-upgradable.stderr.txt'), 0);
    expect(withWarning.status).toBe('ok');
    expect(withWarning.value!.installs).toHaveLength(119);
  });
});

describe('apt-get -s as a non-root user', () => {
  test('skips the NOTE preamble on stdout and says it ran without root', () => {
    const preamble = fixture('debian/apt-get-s-upgrade-nonroot-preamble.txt');
    const parsed = parseAptSimulation(preamble + fixture('debian/apt-get-s-upgrade.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.asRoot).toBe(false);
    expect(parsed.value!.installs).toHaveLength(119);
  });
  test('the preamble alone (output cut short) is not "nothing pending"', () => {
    const parsed = parseAptSimulation(fixture('debian/apt-get-s-upgrade-nonroot-preamble.txt'), '', 0);
    expect(parsed.status).toBe('unparsed');
    expect(parsed.message).toMatch(/no summary line/);
  });
});

describe('other shapes of apt-get -s output', () => {
  test('trixie (stable) and codename-named security suites are security; -updates and backports are not', () => {
    expect(isSecurityOrigin('Debian-Security', 'stable-security')).toBe(true);
    expect(parseAptOrigin('Debian-Security:13/stable-security').security).toBe(true);
    expect(parseAptOrigin('Debian:13.8/stable').security).toBe(false);
    expect(parseAptOrigin('Debian:bookworm-security').security).toBe(true);
    expect(parseAptOrigin('Debian:12.15/oldstable-updates').security).toBe(false);
    expect(parseAptOrigin('Debian Backports:bookworm-backports')).toMatchObject({ label: 'Debian Backports', version: null, suite: 'bookworm-backports', security: false });
    expect(parseAptOrigin('Ubuntu:22.04/jammy-security').security).toBe(true);
    expect(parseAptOrigin('localhost')).toMatchObject({ label: null, suite: 'localhost', security: false });
  });

  test('NEW packages, removals and kept-back packages (dist-upgrade)', () => {
    const text = [
      'Reading package lists...',
      'Building dependency tree...',
      'Reading state information...',
      'Calculating upgrade...',
      'The following packages will be REMOVED:',
      '  libfoo1',
      'The following NEW packages will be installed:',
      '  linux-image-6.12.120+deb13-amd64',
      'The following packages have been kept back:',
      '  postgresql-17 postgresql-client-17',
      'The following packages will be upgraded:',
      '  linux-image-amd64 openssl',
      '2 upgraded, 1 newly installed, 1 to remove and 2 not upgraded.',
      'Remv libfoo1 [1.0-1]',
      'Inst linux-image-6.12.120+deb13-amd64 (6.12.120-1 Debian-Security:13/stable-security [amd64])',
      'Inst linux-image-amd64 [6.12.118-1] (6.12.120-1 Debian-Security:13/stable-security [amd64])',
      'Inst openssl [3.5.1-1] (3.5.1-1+deb13u1 Debian:13.8/stable, Debian-Security:13/stable-security [amd64])',
      'Conf linux-image-6.12.120+deb13-amd64 (6.12.120-1 Debian-Security:13/stable-security [amd64])',
      '',
    ].join('\n');
    const parsed = parseAptSimulation(text, '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value!.installs.map((install) => [install.name, install.installed, install.candidate, install.security])).toEqual([
      ['linux-image-6.12.120+deb13-amd64', null, '6.12.120-1', true],
      ['linux-image-amd64', '6.12.118-1', '6.12.120-1', true],
      ['openssl', '3.5.1-1', '3.5.1-1+deb13u1', true],
    ]);
    expect(parsed.value!.removals).toEqual([{ name: 'libfoo1', version: '1.0-1', line: 'Remv libfoo1 [1.0-1]' }]);
    expect(parsed.value!.keptBack).toEqual(['postgresql-17', 'postgresql-client-17']);
  });

  test('apt 3 "Summary:" block', () => {
    const text =
      'Upgrading:\n  openssl\n\nSummary:\n  Upgrading: 1, Installing: 0, Removing: 0, Not Upgrading: 0\nInst openssl [3.5.1-1] (3.5.1-1+deb13u1 Debian-Security:13/stable-security [amd64])\n';
    const parsed = parseAptSimulation(text, '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.summary).toMatchObject({ upgraded: 1, newlyInstalled: 0, toRemove: 0, notUpgraded: 0 });
  });

  test('nothing to do is ok with no updates', () => {
    const parsed = parseAptSimulation(
      'Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n',
      '',
      0,
    );
    expect(parsed).toMatchObject({ status: 'ok', value: { installs: [] } });
  });

  test('a foreign-architecture package keeps its :arch name', () => {
    expect(parseInstLine('Inst libc6:i386 [2.36-9+deb12u9] (2.36-9+deb12u10 Debian:12.15/oldstable [i386])')).toMatchObject({ name: 'libc6:i386', arch: 'i386', candidate: '2.36-9+deb12u10' });
  });

  test('output cut short after the summary is not a complete list', () => {
    const lines = bookworm.split('\n');
    const cut = lines
      .slice(
        0,
        lines.findIndex((line) => line.startsWith('Inst libpq5 ')),
      )
      .join('\n');
    const parsed = parseAptSimulation(cut, '', 0);
    expect(parsed.status).toBe('unparsed');
    expect(parsed.message).toMatch(/announces 119 installs but only \d+ Inst line\(s\) were read/);
    expect(parsed.value!.installs.length).toBeLessThan(119);
  });

  test("apt refusing to run (E:) is a distinct state naming apt's reason; W: lines are warnings", () => {
    const refused = parseAptSimulation('', "E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.\n", 100);
    expect(refused.status).toBe('unsupported');
    expect(refused.message).toMatch(/dpkg was interrupted/);
    const warned = parseAptSimulation('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', 'W: Target Packages (main/binary-amd64/Packages) is configured multiple times\n', 0);
    expect(warned.status).toBe('ok');
    expect(warned.warnings[0]).toMatch(/configured multiple times/);
  });

  test('missing apt-get and sudo wanting a password are their own states', () => {
    expect(parseAptSimulation('', 'sh: 1: apt-get: not found\n', 127).status).toBe('tool-missing');
    expect(parseAptSimulation('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
    expect(parseAptSimulation('', '', null).status).toBe('unparsed');
  });
});
