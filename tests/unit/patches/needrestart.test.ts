import { describe, expect, test } from 'vitest';
import { parseNeedrestartBatch } from '../../../main/engine/collectors/patches/needrestart';
import { expectMatchesExpected, fixture } from './support/fixture-sections';

describe('needrestart -b', () => {
  test('bookworm VM: version upgrade pending, services and sessions listed', () => {
    const parsed = parseNeedrestartBatch(fixture('debian/needrestart-b.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.kernel).toEqual({ current: '6.1.0-52-amd64', expected: '6.1.0-56-amd64', status: 'version-upgrade', ksta: 3 });
    expect(parsed.value!.microcode).toBeNull();
    expect(parsed.value!.services).toEqual(['cron.service', 'dbus.service', 'nginx.service', 'ssh.service', 'systemd-journald.service', 'systemd-logind.service']);
    expect(parsed.value!.sessions).toEqual(['alice @ session #4', 'alice @ user manager service']);
    expectMatchesExpected('needrestart-b', parsed);
  });

  test('bare metal, nothing pending: kernel current, microcode current', () => {
    const parsed = parseNeedrestartBatch(fixture('debian/needrestart-b-baremetal-clean.txt'), '', 0);
    expect(parsed.value).toMatchObject({
      version: '3.6',
      mode: 'full',
      kernel: { current: '6.1.0-56-amd64', expected: '6.1.0-56-amd64', status: 'current', ksta: 1 },
      microcode: { status: 'current', current: '0x000000f8', expected: '0x000000f8' },
      services: [],
    });
  });

  test('trixie (3.11): the new kernel string format', () => {
    const parsed = parseNeedrestartBatch(fixture('debian/needrestart-b-trixie.txt'), '', 0);
    expect(parsed.value).toMatchObject({
      version: '3.11',
      kernel: { current: '6.12.115+deb13-amd64', expected: '6.12.118+deb13-amd64', status: 'version-upgrade' },
      services: ['ssh.service', 'systemd-journald.service'],
    });
  });

  test('container: no kernel lines means "not applicable", not "current"', () => {
    const parsed = parseNeedrestartBatch(fixture('debian/needrestart-b-container.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toMatchObject({ mode: 'no-kernel-check', kernel: null, services: ['cron.service', 'ssh.service'] });
  });

  test('run without root (only PID lines) is needs-privilege, with what it did list', () => {
    const parsed = parseNeedrestartBatch('NEEDRESTART-VER: 3.6\nNEEDRESTART-PID: bash=1234,5678\n', '', 0);
    expect(parsed.status).toBe('needs-privilege');
    expect(parsed.value!.processes).toEqual([{ command: 'bash', pids: [1234, 5678] }]);
  });

  test('ABI-compatible upgrade (KSTA 2) is its own status', () => {
    const parsed = parseNeedrestartBatch('NEEDRESTART-VER: 3.6\nNEEDRESTART-KCUR: 6.1.0-56-amd64\nNEEDRESTART-KEXP: 6.1.0-56-amd64\nNEEDRESTART-KSTA: 2\n', '', 0);
    expect(parsed.value!.kernel!.status).toBe('abi-compatible-upgrade');
  });

  test('not installed, sudo password, garbage', () => {
    expect(parseNeedrestartBatch('', "env: 'needrestart': No such file or directory\n", 127).status).toBe('tool-missing');
    expect(parseNeedrestartBatch('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
    expect(parseNeedrestartBatch('hello\n', '', 0).status).toBe('unparsed');
  });
});
