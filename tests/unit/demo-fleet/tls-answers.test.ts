// The demo's certificates are renewed on a day, not at the moment of each
// probe: hosts probed a few seconds apart, in either order, present the same
// validity, so a site comparison never sees one primary/secondary pair differ
// by the seconds between their probes.
import { afterEach, expect, test, vi } from 'vitest';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
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
