import { describe, expect, test } from 'vitest';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import { PATCH_COMMAND_IDS as ids, PATCH_COMMANDS } from '../../../main/engine/collectors/patches/patch-commands';
import { patchFacts } from '../../../main/engine/collectors/patches/patch-facts';
import { demoPatchOutputs, NOW } from './support/demo-patch-outputs';
import { expectMatchesExpected, fixture, fixtureSections, output } from './support/fixture-sections';

const CAPTURE = new Date('2026-11-28T20:00:00Z');
const epoch = (iso: string) => `${Math.floor(Date.parse(iso) / 1000)}\n`;
const missing = (path: string) => ({ stderr: `cat: ${path}: No such file or directory\n`, exitCode: 1 });

function bookwormOutputs(overrides: Partial<Record<string, CommandOutput>> = {}): CommandOutput[] {
  const base: CommandOutput[] = [
    output(ids.osRelease, fixture('debian/os-release.txt')),
    output(ids.debianVersion, fixture('debian/debian_version.txt')),
    output(ids.kernel, fixture('debian/uname-r.txt')),
    output(ids.aptListsMtime, `${epoch('2026-07-11T10:16:00Z')}${epoch('2026-11-28T19:29:00Z')}${epoch('2026-11-28T19:29:00Z')}`),
    output(ids.aptSimulation, fixture('debian/apt-get-s-dist-upgrade.txt')),
    output(ids.needrestart, fixture('debian/needrestart-b-baremetal-clean.txt'), { command: 'sudo -n env LC_ALL=C needrestart -b' }),
    output(ids.rebootRequired, '', missing('/var/run/reboot-required')),
    output(ids.rebootRequiredPkgs, '', missing('/var/run/reboot-required.pkgs')),
    output(ids.unattendedUpgradesLog, fixture('debian/unattended-upgrades-log.txt')),
    output(ids.debsecan, fixture('debian/debsecan-detail.txt')),
  ];
  return base.map((each) => overrides[each.id] ?? each);
}

describe('patch facts of a Debian host (captured bookworm outputs)', () => {
  const facts = patchFacts('debian', bookwormOutputs(), CAPTURE);

  test('release, kernel, pending updates with their security flag', () => {
    expect(facts.release).toEqual({ name: 'Debian GNU/Linux', version: '12', codename: 'bookworm', pointRelease: '12.11' });
    expect(facts.kernel).toMatchObject({ running: '6.1.0-56-amd64', newestInstalled: '6.1.0-56-amd64', parsed: { scheme: 'debian-abi', abi: '56' } });
    expect(facts.kernelOrPlatform).toBe('6.1.0-56-amd64');
    expect(facts.pendingUpdatesKnown).toBe(true);
    expect(facts.pendingUpdates).toHaveLength(119);
    expect(facts.pendingUpdates.filter((update) => update.security)).toHaveLength(79);
    expect(facts.pendingUpdates.find((update) => update.name === 'apt')).toEqual({
      name: 'apt',
      from: '2.6.1',
      to: '2.6.2',
      security: true,
      origins: ['Debian-Security:12/oldstable-security'],
      suites: ['oldstable-security'],
      evidence: 'Inst apt [2.6.1] (2.6.2 Debian-Security:12/oldstable-security [amd64])',
    });
    expect(facts.upToDate).toBe(false);
  });

  test('package index age is the NEWEST InRelease mtime', () => {
    expect(facts.packageIndex).toEqual({ kind: 'apt-lists', newestAt: '2026-11-28T19:29:00.000Z', ageHours: 0.5, stale: false });
  });

  test('reboot: needrestart says the kernel is current and no flag exists → not needed', () => {
    expect(facts.reboot).toEqual({ needed: false, reasons: [] });
    expect(facts.servicesNeedingRestart).toEqual([]);
  });

  test('unattended-upgrades last run and debsecan fixes are facts too', () => {
    expect(facts.unattendedUpgrades!.lastRun).toMatchObject({ result: 'lock-failed', startedAt: '2026-11-28T06:05:19.627' });
    expect(facts.vulnerabilitiesKnown).toBe(true);
    expect(facts.vulnerablePackages.map((entry) => `${entry.vulnerability} ${entry.name}`)).toContain('CVE-2024-6387 openssh-server');
  });

  test('every check is recorded with its status', () => {
    expect(facts.checks.map((check) => [check.commandId, check.status])).toEqual(PATCH_COMMANDS.debian.map((command) => [command.id, 'ok']));
  });

  test('matches its expectation file (everything but the long lists)', () => {
    expectMatchesExpected('patch-facts-bookworm', { ...facts, pendingUpdates: facts.pendingUpdates.slice(0, 3), vulnerablePackages: facts.vulnerablePackages.slice(0, 2) });
  });
});

describe('"up to date" is never claimed on a stale or unknown index', () => {
  const nothingPending = output(ids.aptSimulation, 'Reading package lists...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
  test('fresh index and nothing pending → up to date', () => {
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: nothingPending }), CAPTURE);
    expect(facts.upToDate).toBe(true);
  });
  test('index 5 days old and nothing pending → unknown', () => {
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: nothingPending, [ids.aptListsMtime]: output(ids.aptListsMtime, epoch('2026-11-23T12:00:00Z')) }), CAPTURE);
    expect(facts.packageIndex.stale).toBe(true);
    expect(facts.upToDate).toBe('unknown');
    expect(facts.upToDateReason).toMatch(/cannot be trusted/);
  });
  test('no InRelease file at all → index age unknown → unknown', () => {
    const statFailed = output(ids.aptListsMtime, '', { stderr: "stat: cannot statx '/var/lib/apt/lists/*_InRelease': No such file or directory\n", exitCode: 1 });
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: nothingPending, [ids.aptListsMtime]: statFailed }), CAPTURE);
    expect(facts.packageIndex).toMatchObject({ ageHours: null, stale: 'unknown' });
    expect(facts.upToDate).toBe('unknown');
  });
  test('an mtime far in the future proves nothing', () => {
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: nothingPending, [ids.aptListsMtime]: output(ids.aptListsMtime, epoch('2027-06-01T00:00:00Z')) }), CAPTURE);
    expect(facts.upToDate).toBe('unknown');
  });
  test('apt-get that did not answer → pending list unknown, not empty', () => {
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: output(ids.aptSimulation, '', { exitCode: null, error: 'command timed out' }) }), CAPTURE);
    expect(facts.pendingUpdatesKnown).toBe(false);
    expect(facts.upToDate).toBe('unknown');
    expect(facts.checks.find((check) => check.commandId === ids.aptSimulation)).toMatchObject({ status: 'no-answer', message: 'command timed out' });
  });
  test('an apt list cut short: not "known", but it proves something is pending', () => {
    const lines = fixture('debian/apt-get-s-dist-upgrade.txt').split('\n');
    const cut = lines
      .slice(
        0,
        lines.findIndex((line) => line.startsWith('Inst libpq5 ')),
      )
      .join('\n');
    const facts = patchFacts('debian', bookwormOutputs({ [ids.aptSimulation]: output(ids.aptSimulation, cut) }), CAPTURE);
    expect(facts.pendingUpdatesKnown).toBe(false);
    expect(facts.pendingUpdates).toEqual([]);
    expect(facts.upToDate).toBe(false);
    expect(facts.upToDateReason).toMatch(/^at least \d+ update\(s\) pending/);
  });
  test('outputs missing altogether → every check "not-run", nothing claimed', () => {
    const facts = patchFacts('debian', [], CAPTURE);
    expect(facts.upToDate).toBe('unknown');
    expect(facts.reboot.needed).toBe('unknown');
    expect(new Set(facts.checks.map((check) => check.status))).toEqual(new Set(['not-run']));
  });
});

describe('reboot needed, and why', () => {
  test('kernel newer than running (needrestart KSTA 3) plus the flag file naming it', () => {
    const facts = patchFacts(
      'debian',
      bookwormOutputs({
        [ids.kernel]: output(ids.kernel, '6.1.0-52-amd64\n'),
        [ids.needrestart]: output(ids.needrestart, fixture('debian/needrestart-b.txt'), { command: 'sudo -n env LC_ALL=C needrestart -b' }),
        [ids.rebootRequired]: output(ids.rebootRequired, fixture('debian/reboot-required.txt')),
        [ids.rebootRequiredPkgs]: output(ids.rebootRequiredPkgs, fixture('debian/reboot-required.pkgs.txt')),
      }),
      CAPTURE,
    );
    expect(facts.reboot.needed).toBe(true);
    expect(facts.reboot.reasons.map((reason) => reason.kind)).toEqual(['kernel-newer-than-running', 'reboot-required-file']);
    expect(facts.reboot.reasons[0]!.detail).toBe('running kernel 6.1.0-52-amd64, newest installed 6.1.0-56-amd64');
    expect(facts.servicesNeedingRestart).toHaveLength(6);
    expect(facts.kernel).toMatchObject({ running: '6.1.0-52-amd64', newestInstalled: '6.1.0-56-amd64' });
  });
  test('without needrestart, reboot-required.pkgs naming another kernel is enough', () => {
    const facts = patchFacts(
      'debian',
      bookwormOutputs({
        [ids.kernel]: output(ids.kernel, '6.1.0-52-amd64\n'),
        [ids.needrestart]: output(ids.needrestart, '', { stderr: 'sudo: needrestart: command not found\n', exitCode: 1 }),
        [ids.rebootRequired]: output(ids.rebootRequired, ''),
        [ids.rebootRequiredPkgs]: output(ids.rebootRequiredPkgs, 'linux-image-6.1.0-56-amd64\n'),
      }),
      CAPTURE,
    );
    expect(facts.reboot.reasons.map((reason) => reason.kind)).toEqual(['kernel-newer-than-running', 'reboot-required-file']);
  });
  test('no flag file and no needrestart on a host without unattended-upgrades: unknown, not "no"', () => {
    const facts = patchFacts(
      'debian',
      bookwormOutputs({
        [ids.needrestart]: output(ids.needrestart, '', { stderr: 'sh: 1: needrestart: not found\n', exitCode: 127 }),
        [ids.unattendedUpgradesLog]: output(ids.unattendedUpgradesLog, '', {
          stderr: "tail: cannot open '/var/log/unattended-upgrades/unattended-upgrades.log' for reading: No such file or directory\n",
          exitCode: 1,
        }),
      }),
      CAPTURE,
    );
    expect(facts.reboot.needed).toBe('unknown');
    expect(facts.unattendedUpgrades).toBeNull();
    expect(facts.checks.find((check) => check.commandId === ids.needrestart)!.status).toBe('tool-missing');
  });
  test('container: needrestart lists services but no kernel', () => {
    const facts = patchFacts(
      'debian',
      bookwormOutputs({ [ids.needrestart]: output(ids.needrestart, fixture('debian/needrestart-b-container.txt'), { command: 'sudo -n env LC_ALL=C needrestart -b' }) }),
      CAPTURE,
    );
    expect(facts.servicesNeedingRestart).toEqual(['cron.service', 'ssh.service']);
    expect(facts.kernel).toMatchObject({ running: '6.1.0-56-amd64', newestInstalled: null });
    expect(facts.reboot.needed).toBe(false);
  });
});

describe('patch facts of a SmartOS global zone (fixture outputs)', () => {
  const smartos = (overrides: Partial<Record<string, CommandOutput>> = {}) =>
    [
      output(ids.platformStamp, fixture('smartos/uname-v.txt')),
      output(ids.piadmList, fixture('smartos/piadm-list.txt')),
      output(ids.etcRelease, fixture('smartos/etc-release.txt')),
      output(ids.pkgAudit, fixture('smartos/pkg_admin-audit.txt'), { exitCode: 1 }),
      output(ids.pkgVulnerabilitiesMtime, epoch('2026-11-28T08:00:00Z')),
      output(ids.pkginUpgrade, fixture('smartos/pkgin-n-upgrade.txt')),
    ].map((each) => overrides[each.id] ?? each);

  test('platform image, its age, and the newer image staged to boot next', () => {
    const facts = patchFacts('smartos', smartos(), CAPTURE);
    expect(facts.platformImage).toMatchObject({ running: '20241128T004404Z', builtAt: '2024-11-28T00:44:04.000Z', ageDays: 730, next: '20241212T000541Z', bootable: true });
    expect(facts.kernelOrPlatform).toBe('20241128T004404Z');
    expect(facts.kernelOrPlatformAgeDays).toBe(730);
    expect(facts.reboot.needed).toBe(true);
    expect(facts.reboot.reasons[0]).toMatchObject({ kind: 'platform-image-staged', detail: 'platform image 20241212T000541Z is staged to boot next; running 20241128T004404Z' });
  });

  test('pkgin upgrades of audited packages are security updates; vulnerable packages know if a fix is pending', () => {
    const facts = patchFacts('smartos', smartos(), CAPTURE);
    expect(facts.pendingUpdates.map((update) => [update.name, update.from, update.to, update.security])).toEqual([
      ['curl', '8.9.1', '8.11.0', true],
      ['libxml2', '2.12.7', '2.12.9', true],
      ['openssl', '3.0.14', '3.0.15', true],
      ['sudo', null, '1.9.16p2', false],
    ]);
    expect(facts.pendingUpdates.find((update) => update.name === 'openssl')!.suites).toEqual(['denial-of-service', 'memory-corruption']);
    expect(facts.vulnerablePackages.find((entry) => entry.name === 'python311')).toMatchObject({ fixAvailable: false, advisory: 'https://nvd.nist.gov/vuln/detail/CVE-2024-6232' });
    expect(facts.packageIndex).toMatchObject({ kind: 'pkg-vulnerabilities', ageHours: 12, stale: false });
    expect(facts.upToDate).toBe(false);
  });

  test('USB-key host: reboot state unknown, not "no"', () => {
    const facts = patchFacts('smartos', smartos({ [ids.piadmList]: output(ids.piadmList, fixture('smartos/piadm-list-not-bootable.txt')) }), CAPTURE);
    expect(facts.platformImage).toMatchObject({ bootable: false, next: null });
    expect(facts.reboot.needed).toBe('unknown');
  });

  test('clean audit with a vulnerability list that was never fetched is not "up to date"', () => {
    const [missingList] = fixtureSections('smartos/pkg_admin-audit-errors.txt');
    const facts = patchFacts(
      'smartos',
      smartos({
        [ids.pkgAudit]: output(ids.pkgAudit, '', { stderr: missingList!.text, exitCode: 1 }),
        [ids.pkgVulnerabilitiesMtime]: output(ids.pkgVulnerabilitiesMtime, '', { stderr: "stat: cannot stat '/opt/tools/pkg/pkg-vulnerabilities': No such file or directory\n", exitCode: 1 }),
        [ids.pkginUpgrade]: output(ids.pkginUpgrade, fixture('smartos/pkgin-n-upgrade-nothing.txt')),
      }),
      CAPTURE,
    );
    expect(facts.vulnerabilitiesKnown).toBe(false);
    expect(facts.upToDate).toBe('unknown');
  });
});

describe('patch facts of the demo fleet (its simulated outputs, as a scan sends the commands)', () => {
  test('the simulator answers every patch command on every kind of host', () => {
    for (const host of ['imap1.nj', 'web1.nj', 'cn1.nj', 'backup1.nj', 'cn2.sea', 'web1.sea']) {
      const { os, outputs } = demoPatchOutputs(host);
      const facts = patchFacts(os, outputs, NOW);
      const failing = facts.checks.filter((check) => check.status !== 'ok' && !(check.commandId === ids.debsecan && check.status === 'tool-missing'));
      expect(failing, host).toEqual([]);
    }
  });
  test('imap1.nj: bookworm security updates from oldstable-security, u-u stuck on the lock', () => {
    const { os, outputs } = demoPatchOutputs('imap1.nj');
    const facts = patchFacts(os, outputs, NOW);
    const security = facts.pendingUpdates.filter((update) => update.security).map((update) => update.name);
    expect(security).toEqual(expect.arrayContaining(['openssl', 'libssl3', 'openssh-server', 'libgnutls30', 'linux-image-6.1.0-57-amd64']));
    expect(facts.pendingUpdates.find((update) => update.name === 'linux-image-6.1.0-57-amd64')!.from).toBeNull();
    expect(facts.unattendedUpgrades!.lastRun!.result).toBe('lock-failed');
    expect(facts.upToDate).toBe(false);
  });
  test('web1.nj: trixie kernel newer than running, flag file, services', () => {
    const { os, outputs } = demoPatchOutputs('web1.nj');
    const facts = patchFacts(os, outputs, NOW);
    expect(facts.kernel!.running).toBe('6.12.115+deb13-amd64');
    expect(facts.reboot.needed).toBe(true);
    expect(facts.reboot.reasons.map((reason) => reason.kind)).toEqual(['kernel-newer-than-running', 'reboot-required-file']);
  });
  test('web1.sea: stale index (5 days) with security updates pending', () => {
    const { os, outputs } = demoPatchOutputs('web1.sea');
    const facts = patchFacts(os, outputs, NOW);
    expect(facts.packageIndex.stale).toBe(true);
    expect(facts.packageIndex.ageHours!).toBeGreaterThan(5 * 24);
    expect(facts.pendingUpdates.filter((update) => update.security).length).toBe(6);
    expect(facts.pendingUpdates.find((update) => update.name === 'openssl')!.origins).toEqual(['Debian-Security:13/stable-security']);
  });
  test('cn2.sea: a year-old platform image, vulnerable packages with pending fixes', () => {
    const { os, outputs } = demoPatchOutputs('cn2.sea');
    const facts = patchFacts(os, outputs, NOW);
    expect(facts.platformImage!.ageDays).toBeGreaterThanOrEqual(364);
    expect(facts.platformImage!.images).toHaveLength(1);
    expect(facts.vulnerablePackages.length).toBe(5);
    expect(facts.pendingUpdates.filter((update) => update.security).map((update) => update.name)).toEqual(['curl', 'libxml2', 'openssl', 'sudo']);
    expect(facts.reboot.needed).toBe(false);
  });
  test('mx1.sea (sudo wants a password): needrestart needs privilege, the rest still works', () => {
    const { os, outputs } = demoPatchOutputs('mx1.sea');
    const facts = patchFacts(os, outputs, NOW);
    expect(facts.checks.find((check) => check.commandId === ids.needrestart)!.status).toBe('needs-privilege');
    expect(facts.pendingUpdatesKnown).toBe(true);
  });
});
