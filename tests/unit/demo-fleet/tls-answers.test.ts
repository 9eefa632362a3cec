// The demo's certificates are renewed on a day, not at the moment of each
// probe: hosts probed a few seconds apart, in either order, present the same
// validity, so a site comparison never sees one primary/secondary pair differ
// by the seconds between their probes.
import { afterEach, expect, test, vi } from 'vitest';
import { demoFleetSpec, PLANTED_PROBLEMS } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoTlsAnswer } from '../../../main/engine/demo-fleet/profiles/transport/tls-answers';

afterEach(() => {
  vi.useRealTimers();
});

test('two web hosts probed seconds apart present the same NotAfter', () => {
  const hosts = demoFleetSpec({ hosts: 14 }).hosts;
  const byAddress = new Map(hosts.map((host) => [host.address, host]));
  const webHosts = hosts.filter((host) => host.role === 'web');
  expect(webHosts.map((host) => host.dc).sort()).toEqual(['nj', 'sea']);
  const notAfter = (address: string) => {
    const answer = demoTlsAnswer(`env LC_ALL=C timeout 15 openssl s_client -connect '${address}:443' -servername 'x' </dev/null`, byAddress);
    return /NotAfter: (.+)$/m.exec(answer!.stdout.toString())![1];
  };
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-05T09:59:58.400Z'));
  const secondaryFirst = notAfter(webHosts.find((host) => host.dc === 'sea')!.address);
  vi.setSystemTime(new Date('2026-12-05T10:00:01.700Z'));
  const primaryLater = notAfter(webHosts.find((host) => host.dc === 'nj')!.address);
  expect(secondaryFirst).toBe(primaryLater);
  expect(primaryLater).toBe('Feb 14 00:00:00 2027 GMT');
});

test('the planted transport problems sit where PLANTED_PROBLEMS says, and their counterparts are healthy', () => {
  const hosts = demoFleetSpec({ hosts: 24 }).hosts;
  const byAddress = new Map(hosts.map((host) => [host.address, host]));
  const addressOf = (name: string) => hosts.find((host) => host.name === name)!.address;
  const probe = (name: string, port: number, extra = '') =>
    demoTlsAnswer(`env LC_ALL=C timeout 15 openssl s_client -connect '${addressOf(name)}:${port}' -servername '${name}'${extra} </dev/null`, byAddress)!;
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-05T10:00:00.000Z'));
  const notAfter = (name: string) => /NotAfter: (.+)$/m.exec(probe(name, 465).stdout.toString())![1];
  expect(PLANTED_PROBLEMS.filter((problem) => problem.area === 'transport').map((problem) => [problem.host, problem.id])).toEqual([
    ['mx1.sea', 'certificate-expiring'],
    ['imap1.nj', 'old-tls-protocol'],
  ]);
  expect(notAfter('mx1.sea')).toBe('Dec 17 00:00:00 2026 GMT');
  expect(notAfter('mx1.nj')).toBe('Feb 14 00:00:00 2027 GMT');
  expect(probe('imap1.nj', 995, ' -tls1').exitCode).toBe(0);
  expect(probe('imap1.sea', 995, ' -tls1').exitCode).toBe(1);
  expect(probe('imap1.nj', 993, ' -tls1').exitCode).toBe(1);
});
