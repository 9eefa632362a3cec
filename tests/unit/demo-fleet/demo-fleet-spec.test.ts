import { describe, expect, it } from 'vitest';
import { demoFleetSpec, PLANTED_PROBLEMS, type DemoRole } from '../../../main/engine/demo-fleet/demo-fleet-spec';

const ROLES: DemoRole[] = ['imap', 'mx', 'web', 'db', 'backup', 'cn'];

describe('demoFleetSpec', () => {
  it('builds the default fleet: two sites of 12 hosts, addresses by site', () => {
    const spec = demoFleetSpec();
    expect(spec.datacentres.map((dc) => [dc.id, dc.name, dc.role])).toEqual([
      ['nj', 'Bridgewater, NJ', 'primary'],
      ['sea', 'Seattle, WA', 'secondary'],
    ]);
    expect(spec.hosts.filter((host) => host.dc === 'nj')).toHaveLength(12);
    expect(spec.hosts.filter((host) => host.dc === 'sea')).toHaveLength(12);
    const byName = new Map(spec.hosts.map((host) => [host.name, host]));
    expect(byName.get('imap1.nj')).toMatchObject({ address: '127.10.1.11', os: 'debian', release: 'bookworm', role: 'imap' });
    expect(byName.get('db1.sea')).toMatchObject({ address: '127.10.2.14', os: 'debian', role: 'db' });
    expect(byName.get('cn1.nj')).toMatchObject({ os: 'smartos', release: 'smartos' });
    for (const host of spec.hosts) expect(host.address).toMatch(host.dc === 'nj' ? /^127\.10\.1\.\d+$/ : /^127\.10\.2\.\d+$/);
  });

  it('mixes every role and Debian 12, Debian 13 and SmartOS in each site', () => {
    const spec = demoFleetSpec();
    for (const dc of ['nj', 'sea']) {
      const site = spec.hosts.filter((host) => host.dc === dc);
      expect(new Set(site.map((host) => host.role))).toEqual(new Set(ROLES));
      expect(new Set(site.map((host) => host.release))).toEqual(new Set(['bookworm', 'trixie', 'smartos']));
    }
  });

  it('is deterministic', () => {
    expect(demoFleetSpec({ hosts: 300 })).toEqual(demoFleetSpec({ hosts: 300 }));
  });

  it.each([14, 15, 24, 100, 333, 1000, 2000])('scales to %i hosts with unique names and addresses, same role mix, every planted problem', (count) => {
    const spec = demoFleetSpec({ hosts: count });
    expect(spec.hosts).toHaveLength(count);
    expect(new Set(spec.hosts.map((host) => host.name)).size).toBe(count);
    expect(new Set(spec.hosts.map((host) => host.address)).size).toBe(count);
    expect(new Set(spec.hosts.map((host) => host.internalAddress)).size).toBe(count);
    const nj = spec.hosts.filter((host) => host.dc === 'nj').length;
    expect(nj - (count - nj)).toBeLessThanOrEqual(1);
    for (const address of spec.hosts.map((host) => host.address)) {
      const octets = address.split('.').map(Number);
      expect(octets[0]).toBe(127);
      expect(octets.every((octet) => octet >= 0 && octet <= 254)).toBe(true);
    }
    if (count >= 24) {
      const share = (role: DemoRole) => spec.hosts.filter((host) => host.role === role).length / count;
      expect(share('cn')).toBeCloseTo(3 / 12, 1);
      expect(share('imap')).toBeCloseTo(2 / 12, 1);
      expect(share('backup')).toBeCloseTo(1 / 12, 1);
    }
    for (const problem of PLANTED_PROBLEMS) {
      const host = spec.hosts.find((candidate) => candidate.name === problem.host);
      expect(host?.problems, `${problem.host} carries ${problem.id}`).toContain(problem.id);
    }
  });

  it('keeps planted problems on the first hosts only', () => {
    const spec = demoFleetSpec({ hosts: 1000 });
    const withProblems = spec.hosts.filter((host) => host.problems.length > 0);
    expect(withProblems.every((host) => host.siteIndex < 7)).toBe(true);
    expect(new Set(withProblems.map((host) => host.name))).toEqual(new Set(PLANTED_PROBLEMS.map((problem) => problem.host)));
  });

  it('refuses sizes that cannot hold every role and planted problem', () => {
    expect(() => demoFleetSpec({ hosts: 12 })).toThrow(/at least|from 14/);
    expect(() => demoFleetSpec({ hosts: 10.5 })).toThrow(RangeError);
    expect(() => demoFleetSpec({ hosts: 100_000 })).toThrow(RangeError);
  });
});
