import { describe, expect, test } from 'vitest';
import { parseRebootRequired, parseRebootRequiredPkgs } from '../../../main/engine/collectors/patches/reboot-required';
import { parseUnattendedUpgradesLog } from '../../../main/engine/collectors/patches/unattended-upgrades-log';
import { expectMatchesExpected, fixture } from './support/fixture-sections';

describe('/var/run/reboot-required and .pkgs', () => {
  test('the Debian flag file is empty: existence is the signal', () => {
    expect(parseRebootRequired(fixture('debian/reboot-required.txt'), '', 0)).toMatchObject({ status: 'ok', value: { present: true } });
    expect(parseRebootRequired('*** System restart required ***\n', '', 0).value).toEqual({ present: true });
  });
  test('absent file is an answer ("no flag"), not an error', () => {
    expect(parseRebootRequired('', 'cat: /var/run/reboot-required: No such file or directory\n', 1)).toMatchObject({ status: 'ok', value: { present: false } });
    expect(parseRebootRequiredPkgs('', 'cat: /var/run/reboot-required.pkgs: No such file or directory\n', 1).value).toEqual({ present: false, packages: [] });
  });
  test('the .pkgs file lists kernel packages, one per line', () => {
    expect(parseRebootRequiredPkgs(fixture('debian/reboot-required.pkgs.txt'), '', 0).value).toEqual({ present: true, packages: ['linux-image-6.1.0-56-amd64'] });
  });
  test('unreadable file needs privilege', () => {
    expect(parseRebootRequired('', 'cat: /var/run/reboot-required: Permission denied\n', 1).status).toBe('needs-privilege');
  });
});

describe('unattended-upgrades log', () => {
  const parsed = parseUnattendedUpgradesLog(fixture('debian/unattended-upgrades-log.txt'), '', 0);
  test('three daily runs; the last one could not get the dpkg lock', () => {
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.runs.map((run) => run.result)).toEqual(['nothing-to-upgrade', 'upgraded', 'lock-failed']);
    expect(parsed.value!.lastRun).toEqual({
      startedAt: '2026-11-28T06:05:19.627',
      finishedAt: '2026-11-28T06:05:19.628',
      result: 'lock-failed',
      packages: [],
      message: 'Lock could not be acquired (another package manager running?)',
    });
    expect(parsed.value!.runs[1]!.packages).toEqual(['libssl3', 'openssh-client', 'openssh-server', 'openssh-sftp-server', 'openssl']);
    expectMatchesExpected('unattended-upgrades-log', parsed.value);
  });
  test('no log: unattended-upgrades is not installed (distinct from tail missing)', () => {
    const missing = parseUnattendedUpgradesLog('', "tail: cannot open '/var/log/unattended-upgrades/unattended-upgrades.log' for reading: No such file or directory\n", 1);
    expect(missing.status).toBe('unsupported');
    expect(parseUnattendedUpgradesLog('', 'sh: 1: tail: not found\n', 127).status).toBe('tool-missing');
    expect(parseUnattendedUpgradesLog('', "tail: cannot open '/var/log/unattended-upgrades/unattended-upgrades.log' for reading: Permission denied\n", 1).status).toBe('needs-privilege');
  });
  test('a run cut off by the tail window or still running is incomplete; a translated log is not understood', () => {
    const cut = parseUnattendedUpgradesLog('2026-11-29 06:00:00,000 INFO Starting unattended upgrades script\n', '', 0);
    expect(cut.value!.lastRun!.result).toBe('incomplete');
    expect(parseUnattendedUpgradesLog('', '', 0).value).toEqual({ runs: [], lastRun: null });
    expect(parseUnattendedUpgradesLog('Startet unbeaufsichtigte Upgrades\n', '', 0).status).toBe('unparsed');
  });
  test('an ERROR during a run marks it failed', () => {
    const text = '2026-11-29 06:00:00,000 INFO Starting unattended upgrades script\n2026-11-29 06:00:05,000 ERROR Installing the upgrades failed!\n';
    expect(parseUnattendedUpgradesLog(text, '', 0).value!.lastRun).toMatchObject({ result: 'failed', message: 'Installing the upgrades failed!' });
  });
});
