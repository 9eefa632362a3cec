import { describe, expect, test } from 'vitest';
import { parseSmartosNetstat } from '../../../main/engine/collectors/firewall/smartos-netstat';
import { localAddress, parseSsListeners } from '../../../main/engine/collectors/firewall/ss-listeners';
import { expectMatchesExpected, fixture } from './support/firewall-fixtures';
import { NETSTAT_INET, NETSTAT_INET6 } from './support/smartos-outputs';

const summary = (listeners: Array<{ proto: string; family: string; address: string; port: number; interface: string | null; processes: Array<{ name: string }> | null }>) =>
  listeners.map(
    (each) =>
      `${each.proto} ${each.family} ${each.address}${each.interface ? `%${each.interface}` : ''}:${each.port} ${each.processes ? each.processes.map((process) => process.name).join(',') : '?'}`,
  );

describe('ss -H -tulpn', () => {
  test('the Debian 12 capture: every socket with family, address, interface and processes', () => {
    const parsed = parseSsListeners(fixture('debian/ss-H-tulpn.txt'), '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    expect(parsed.value!.processesShown).toBe(true);
    expect(summary(parsed.value!.listeners)).toEqual([
      'udp ipv4 127.0.0.54:53 systemd-resolve',
      'udp ipv4 127.0.0.53:53 systemd-resolve',
      'udp ipv4 0.0.0.0%eth0:68 dhclient',
      'udp ipv4 127.0.0.1:323 chronyd',
      'udp ipv6 ::1:323 chronyd',
      'tcp ipv4 127.0.0.53:53 systemd-resolve',
      'tcp ipv4 192.0.2.10:3306 mariadbd',
      'tcp ipv4 127.0.0.1:5432 postgres',
      'tcp ipv4 0.0.0.0:80 nginx,nginx',
      'tcp ipv4 0.0.0.0:22 sshd',
      'tcp ipv4 0.0.0.0:443 nginx,nginx',
      'tcp ipv4 127.0.0.54:53 systemd-resolve',
      'tcp dual *:9100 prometheus-node',
      'tcp ipv6 :::80 nginx,nginx',
      'tcp ipv6 :::22 sshd',
      'tcp ipv6 :::443 nginx,nginx',
      'tcp ipv6 ::1:5432 postgres',
    ]);
    const nginx = parsed.value!.listeners.find((each) => each.port === 80)!;
    expect(nginx.processes).toEqual([
      { name: 'nginx', pid: 14674, fd: 3 },
      { name: 'nginx', pid: 14667, fd: 3 },
    ]);
    expect(nginx.line).toBe('tcp LISTEN 0      511         0.0.0.0:80   0.0.0.0:* users:(("nginx",pid=14674,fd=3),("nginx",pid=14667,fd=3))');
    expectMatchesExpected('ss-H-tulpn', parsed.value);
  });

  test('without root the Process column is missing: processes unknown (null), not "none", with a warning', () => {
    const parsed = parseSsListeners(fixture('debian/ss-H-tulpn-nonroot.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.processesShown).toBe(false);
    expect(parsed.value!.listeners).toHaveLength(17);
    expect(parsed.value!.listeners.every((each) => each.processes === null)).toBe(true);
    expect(parsed.warnings).toEqual(['ss printed no Process column: processes are only shown to root']);
  });

  test('the header of ss without -H is skipped; the sockets are the same', () => {
    const withHeader = parseSsListeners(fixture('debian/ss-tulpn.txt'), '', 0);
    expect(withHeader.warnings).toEqual([]);
    expect(summary(withHeader.value!.listeners)).toEqual(summary(parseSsListeners(fixture('debian/ss-H-tulpn.txt'), '', 0).value!.listeners));
  });

  test('address forms: brackets, scopes, bound devices, v4-mapped, old unbracketed IPv6', () => {
    expect(localAddress('[2001:db8::5]:8006')).toEqual({ family: 'ipv6', address: '2001:db8::5', port: 8006, interface: null });
    expect(localAddress('[fe80::5]%d0:8005')).toEqual({ family: 'ipv6', address: 'fe80::5', port: 8005, interface: 'd0' });
    expect(localAddress('*%d0:8011')).toEqual({ family: 'dual', address: '*', port: 8011, interface: 'd0' });
    expect(localAddress('0.0.0.0%lo:8010')).toEqual({ family: 'ipv4', address: '0.0.0.0', port: 8010, interface: 'lo' });
    expect(localAddress('[::ffff:127.0.0.1]:8004')).toEqual({ family: 'ipv4', address: '127.0.0.1', port: 8004, interface: null });
    expect(localAddress(':::22')).toEqual({ family: 'ipv6', address: '::', port: 22, interface: null });
    expect(localAddress('0.0.0.0:99999')).toBeNull();
    expect(localAddress('nonsense')).toBeNull();
  });

  test('connected sockets and other netids are not listeners; empty output is no listener; sudo failure needs privilege', () => {
    const text = 'tcp ESTAB 0 0 192.0.2.10:22 198.51.100.7:51234 users:(("sshd",pid=1,fd=4))\nu_str LISTEN 0 4096 /run/x.sock 123 * 0\n';
    expect(parseSsListeners(text, '', 0).value!.listeners).toEqual([]);
    expect(parseSsListeners(text, '', 0).skipped).toEqual([{ at: 'line 2', text: 'u_str LISTEN 0 4096 /run/x.sock 123 * 0', reason: 'not a tcp or udp socket line of ss' }]);
    expect(parseSsListeners('', '', 0)).toMatchObject({ status: 'ok', value: { listeners: [], processesShown: false } });
    expect(parseSsListeners('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
  });
});

describe('illumos netstat -an', () => {
  test('IPv4: TCP LISTEN and bound-but-unconnected UDP (Idle) sockets, the last dot before the port', () => {
    const parsed = parseSmartosNetstat(NETSTAT_INET, '', 0);
    expect(parsed).toMatchObject({ status: 'ok', warnings: [] });
    expect(summary(parsed.value!.listeners)).toEqual([
      'udp ipv4 0.0.0.0:123 ?',
      'udp ipv4 10.10.16.16:123 ?',
      'udp ipv4 0.0.0.0:111 ?',
      'tcp ipv4 0.0.0.0:111 ?',
      'tcp ipv4 0.0.0.0:22 ?',
      'tcp ipv4 127.0.0.1:5432 ?',
    ]);
  });

  test('IPv6: the If column does not disturb the address; v6 wildcard is ::', () => {
    const parsed = parseSmartosNetstat(NETSTAT_INET6, '', 0);
    expect(summary(parsed.value!.listeners)).toEqual(['udp ipv6 :::111 ?', 'tcp ipv6 :::22 ?', 'tcp ipv6 ::1:5432 ?', 'tcp ipv6 2001:db8::10:443 ?']);
  });

  test('output with no section heading is said, not guessed', () => {
    const parsed = parseSmartosNetstat('Proto Recv-Q Send-Q Local Address Foreign Address State\ntcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN\n', '', 0);
    expect(parsed).toMatchObject({ status: 'unparsed', value: null, message: 'not netstat output: no `TCP: IPv4`-style section heading' });
  });
});
