import { describe, expect, test } from 'vitest';
import { osFromUname } from '../../../main/engine/collectors/identity/identity-commands';
import { identityFromOutputs, parseKstatBootTime, parseOsRelease, parseProcUptime, parseSmartosRelease } from '../../../main/engine/collectors/identity/parse-identity';
import { remoteCommandLine, needsPrivilege } from '../../../main/engine/collectors/host-command';
import { fixture } from '../../support/fixtures';

describe('identity parsers on captured outputs', () => {
  test('reads name and version from Debian 12 and 13 os-release', () => {
    expect(parseOsRelease(fixture('debian/os-release.txt'))).toEqual({ name: 'Debian GNU/Linux', version: '12 (bookworm)' });
    expect(parseOsRelease(fixture('debian/os-release-trixie.txt')).version).toMatch(/^13/);
  });
  test('reads the platform stamp from the centred first line of SmartOS /etc/release', () => {
    expect(parseSmartosRelease(fixture('smartos/etc-release.txt'))).toEqual({ name: 'SmartOS', version: '20241128T004404Z' });
  });
  test('uptime from /proc/uptime and from kstat boot_time', () => {
    expect(parseProcUptime('354721.37 698001.20\n')).toBe(354721);
    expect(parseKstatBootTime('unix:0:system_misc:boot_time\t1700000000\n', new Date(1700000100 * 1000))).toBe(100);
  });
  test('garbage gives nulls, never a throw', () => {
    for (const junk of ['', '\u0000\u0001', 'NAME', '='.repeat(10000), '{"a":']) {
      expect(() => parseOsRelease(junk)).not.toThrow();
      expect(parseSmartosRelease(junk).version).toBeNull();
      expect(parseProcUptime(junk)).toBeNull();
      expect(parseKstatBootTime(junk, new Date())).toBeNull();
    }
  });
  test('uname -s decides which checks apply', () => {
    expect(osFromUname('Linux\n')).toBe('debian');
    expect(osFromUname('SunOS\n')).toBe('smartos');
    expect(osFromUname('Darwin\n')).toBeNull();
  });
  test('identity combines outputs, ignoring failed commands', () => {
    const out = (id: string, stdout: string, exitCode = 0) => ({ id, command: id, stdout, stderr: '', exitCode, durationMs: 1, error: null });
    const identity = identityFromOutputs(
      'smartos',
      [out('identity.hostname', 'cn1.sea\n'), out('identity.release', fixture('smartos/etc-release.txt')), out('identity.kernel', fixture('smartos/uname-v.txt')), out('identity.uptime', 'boom', 1)],
      new Date(),
    );
    expect(identity).toEqual({ hostname: 'cn1.sea', osName: 'SmartOS', osVersion: '20241128T004404Z', kernel: 'joyent_20241128T004404Z', uptimeSeconds: null });
  });
  test("a host name is one RFC 1123 word: random bytes, several lines or another command's output are no host name", () => {
    const out = (stdout: string) => [{ id: 'identity.hostname', command: 'hostname', stdout, stderr: '', exitCode: 0, durationMs: 1, error: null }];
    for (const junk of ['\u0000\u00ff\ufffdx', 'db1\nsecond line', 'Linux 6.1.0 x86_64', '', '-rf']) {
      expect(identityFromOutputs('debian', out(junk), new Date()).hostname, junk).toBeNull();
    }
    expect(identityFromOutputs('debian', out('imap1.nj.example.net\n'), new Date()).hostname).toBe('imap1.nj.example.net');
  });
});

describe('remote command lines', () => {
  test('always force the C locale, and add sudo -n only for privileged commands on sudo hosts', () => {
    const plain = { id: 'x', command: 'uname -r', privileged: false };
    const privileged = { id: 'y', command: 'nft -j list ruleset', privileged: true };
    expect(remoteCommandLine(plain, true)).toBe('env LC_ALL=C uname -r');
    expect(remoteCommandLine(privileged, true)).toBe('sudo -n env LC_ALL=C nft -j list ruleset');
    expect(remoteCommandLine(privileged, false)).toBe('env LC_ALL=C nft -j list ruleset');
  });
  test('a sudo password prompt is "needs privilege", not a parse error', () => {
    expect(needsPrivilege({ exitCode: 1, stderr: 'sudo: a password is required\n' })).toBe(true);
    expect(needsPrivilege({ exitCode: 1, stderr: 'nft: command not found\n' })).toBe(false);
  });
});
