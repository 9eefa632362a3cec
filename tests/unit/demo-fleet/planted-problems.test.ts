// Each planted problem is visible in the raw outputs OpsDeck collects, and
// the hosts without it look healthy in the same respect.
import { describe, expect, it } from 'vitest';
import { PLANTED_PROBLEMS } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { DAY_S, NOW, nowSeconds, runRoot, runUser } from './support/demo-answers';

type Rule = { rule: { expr: Array<Record<string, { left?: { payload?: { field: string } }; right?: unknown }>>; comment?: string } };

function inputRules(host: string): Rule['rule'][] {
  const document = JSON.parse(runRoot(host, 'nft -j list ruleset').stdout) as { nftables: Array<Partial<Rule>> };
  return document.nftables.filter((element): element is Rule => 'rule' in element).map((element) => element.rule);
}

function acceptsPort(host: string, port: number): { fromAny: boolean } | null {
  for (const rule of inputRules(host)) {
    const matches = rule.expr.filter((statement) => 'match' in statement).map((statement) => statement.match!);
    const dport = matches.find((match) => match.left?.payload?.field === 'dport');
    if (!dport) continue;
    const right = dport.right as number | { set: number[] };
    const ports = typeof right === 'number' ? [right] : right.set;
    if (!ports.includes(port)) continue;
    return { fromAny: !matches.some((match) => match.left?.payload?.field === 'saddr') };
  }
  return null;
}

const snapshotTimes = (host: string, tag: string) =>
  (JSON.parse(runRoot(host, 'restic snapshots --json').stdout) as Array<{ time: string; tags?: string[] }>)
    .filter((snapshot) => snapshot.tags?.includes(tag))
    .map((snapshot) => Date.parse(snapshot.time));
const ageDays = (time: number) => (NOW.getTime() - time) / 86_400_000;

describe('planted problems', () => {
  it('every entry names a host, an area and what to find', () => {
    expect(PLANTED_PROBLEMS.length).toBeGreaterThanOrEqual(10);
    for (const problem of PLANTED_PROBLEMS) expect(problem.finding.length).toBeGreaterThan(40);
  });

  it('db1.nj: PostgreSQL 5432 is accepted from any address; db1.sea only from its application network', () => {
    expect(acceptsPort('db1.nj', 5432)).toEqual({ fromAny: true });
    expect(acceptsPort('db1.sea', 5432)).toEqual({ fromAny: false });
    expect(acceptsPort('db2.nj', 5432)).toEqual({ fromAny: false });
    expect(runRoot('db1.nj', 'ss -H -tulpn').stdout).toMatch(/^tcp +LISTEN .* 0\.0\.0\.0:5432 /m);
  });

  it('imap1.sea accepts plain IMAP (143) which its primary counterpart imap1.nj does not', () => {
    expect(acceptsPort('imap1.sea', 143)).toEqual({ fromAny: true });
    expect(acceptsPort('imap1.nj', 143)).toBeNull();
    expect(acceptsPort('imap1.nj', 993)).toEqual({ fromAny: true });
  });

  it('mx1.nj mounts /var/log from a partition with no crypt layer; mx2.nj keeps it on the encrypted LVM', () => {
    interface Device {
      name: string;
      type: string;
      mountpoints: (string | null)[];
      children?: Device[];
    }
    const logDevicePath = (host: string) => {
      const tree = (JSON.parse(runUser(host, 'lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID').stdout) as { blockdevices: Device[] }).blockdevices;
      const find = (devices: Device[], path: string[]): string[] | null => {
        for (const device of devices) {
          const here = [...path, device.type];
          if (device.mountpoints.includes('/var/log') || (device.mountpoints.includes('/var') && !JSON.stringify(tree).includes('"/var/log"'))) return here;
          const below = find(device.children ?? [], here);
          if (below) return below;
        }
        return null;
      };
      return find(tree, []);
    };
    expect(logDevicePath('mx1.nj')).toEqual(['disk', 'part']);
    expect(logDevicePath('mx2.nj')).toContain('crypt');
    expect(runUser('mx1.nj', 'cat /etc/crypttab').stdout).not.toContain('sdb');
  });

  it('pending security updates on imap1.nj (bookworm), db1.sea (bookworm) and web1.sea (trixie)', () => {
    const security = (host: string) =>
      runRoot(host, 'apt-get -s -o Debug::NoLocking=1 dist-upgrade')
        .stdout.split('\n')
        .filter((line) => line.startsWith('Inst ') && line.includes('Debian-Security:'));
    expect(security('imap1.nj').join('\n')).toContain('Debian-Security:12/oldstable-security');
    expect(security('db1.sea').join('\n')).toMatch(/^Inst postgresql-15 \[15\.18-0\+deb12u1\] \(15\.20-0\+deb12u1 Debian-Security:12\/oldstable-security \[amd64\]\)$/m);
    expect(security('web1.sea').join('\n')).toContain('Debian-Security:13/stable-security');
    expect(security('imap1.sea')).toEqual([]);
    expect(runRoot('imap1.nj', 'tail -n 200 /var/log/unattended-upgrades/unattended-upgrades.log').stdout).toMatch(/ERROR Lock could not be acquired \(another package manager running\?\)\n$/);
  });

  it('web1.nj needs a reboot: newer kernel installed, needrestart KSTA 3, reboot-required present', () => {
    expect(runUser('web1.nj', 'uname -r').stdout).toBe('6.12.115+deb13-amd64\n');
    expect(runRoot('web1.nj', 'needrestart -b').stdout).toMatch(/^NEEDRESTART-KCUR: 6\.12\.115\+deb13-amd64\nNEEDRESTART-KEXP: 6\.12\.118\+deb13-amd64\nNEEDRESTART-KSTA: 3$/m);
    expect(runUser('web1.nj', 'cat /var/run/reboot-required')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(runUser('web1.nj', 'cat /var/run/reboot-required.pkgs').stdout).toBe('linux-image-6.12.118+deb13-amd64\n');
    expect(runUser('web2.nj', 'cat /var/run/reboot-required').exitCode).toBe(1);
    expect(runRoot('web2.nj', 'needrestart -b').stdout).toContain('NEEDRESTART-KSTA: 1\n');
  });

  it('web1.sea has a 5-day-old apt index; other hosts refreshed within a day', () => {
    const newest = (host: string) => Math.max(...runUser(host, 'stat -c %Y /var/lib/apt/lists/*_InRelease').stdout.trim().split('\n').map(Number));
    expect((nowSeconds - newest('web1.sea')) / DAY_S).toBeGreaterThanOrEqual(5);
    expect((nowSeconds - newest('web1.sea')) / DAY_S).toBeLessThan(6);
    expect((nowSeconds - newest('web1.nj')) / DAY_S).toBeLessThan(1);
  });

  it('backup1.sea: newest backup 4 days old and newest restore test 45 days old; backup1.nj is fresh', () => {
    expect(ageDays(Math.max(...snapshotTimes('backup1.sea', 'daily')))).toBeGreaterThanOrEqual(4);
    expect(ageDays(Math.max(...snapshotTimes('backup1.sea', 'daily')))).toBeLessThan(5);
    expect(Math.floor(ageDays(Math.max(...snapshotTimes('backup1.sea', 'restore-test'))))).toBe(45);
    expect(ageDays(Math.max(...snapshotTimes('backup1.nj', 'daily')))).toBeLessThan(1);
    expect(ageDays(Math.max(...snapshotTimes('backup1.nj', 'restore-test')))).toBeLessThan(30);
    const borg = JSON.parse(runRoot('backup1.sea', 'borg list --json').stdout) as { archives: Array<{ time: string }> };
    expect(ageDays(Date.parse(`${borg.archives.at(-1)!.time}Z`))).toBeGreaterThanOrEqual(4);
  });

  it('cn2.sea runs a platform image about a year old; cn1.sea a recent one', () => {
    const age = (host: string) => {
      const stamp = runUser(host, 'uname -v').stdout.match(/joyent_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/)!;
      return ageDays(Date.UTC(Number(stamp[1]), Number(stamp[2]) - 1, Number(stamp[3]), Number(stamp[4]), Number(stamp[5]), Number(stamp[6])));
    };
    expect(Math.round(age('cn2.sea'))).toBe(365);
    expect(age('cn1.sea')).toBeLessThan(60);
    expect(runRoot('cn2.sea', 'pkg_admin audit').exitCode).toBe(1);
    expect(runRoot('cn1.sea', 'pkg_admin audit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('mx1.sea answers every sudo -n with "a password is required"', () => {
    for (const invocation of ['nft -j list ruleset', 'cryptsetup status nvme0n1p3_crypt', 'apt-get -s -o Debug::NoLocking=1 dist-upgrade']) {
      expect(runRoot('mx1.sea', invocation)).toEqual({ stdout: '', stderr: 'sudo: a password is required\n', exitCode: 1 });
    }
    expect(runRoot('mx1.nj', 'nft -j list ruleset').exitCode).toBe(0);
  });
});
