// Every Debian answer is in the real tool's format: JSON outputs parse with
// the fixtures' top-level structure, text outputs match the fixtures' line
// formats (../shared/fixtures/debian/*.md).
import { describe, expect, it } from 'vitest';
import { fixture } from '../../support/fixtures';
import { renderSsTable, type SsSocket } from '../../../main/engine/demo-fleet/profiles/debian/ss-table';
import { wrapPackageList } from '../../../main/engine/demo-fleet/profiles/debian/apt-simulation';
import { janssonCompact } from '../../../main/engine/demo-fleet/profiles/firewall/jansson-json';
import { utilLinuxJson, type UtilLinuxObject } from '../../../main/engine/demo-fleet/profiles/debian/util-linux-json';
import { SPEC, nowSeconds, runRoot, runUser, DAY_S } from './support/demo-answers';

const DEBIAN_HOSTS = SPEC.hosts.filter((host) => host.os === 'debian').map((host) => host.name);
/** Hosts where `sudo -n` works (mx1.sea is the planted "needs a password" host). */
const ROOT_HOSTS = SPEC.hosts.filter((host) => host.os === 'debian' && !host.problems.includes('sudo-needs-password')).map((host) => host.name);
const LSBLK = 'lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID';

/** Inst line grammar of apt-get -s (apt-get-s-upgrade.md); every fixture Inst line matches it. */
const INST_LINE = /^Inst (\S+)(?: \[([^\]]+)\])? \((\S+) ([^\s,:[\]]+:[^\s,/]+\/\S+?(?:, [^\s,:[\]]+:[^\s,/]+\/\S+?)*) \[(amd64|all)\]\)(?: \[[^\]]*\])*$/;
const CONF_LINE = /^Conf (\S+) \((\S+) ([^\s,:[\]]+:[^\s,/]+\/\S+?(?:, [^\s,:[\]]+:[^\s,/]+\/\S+?)*) \[(amd64|all)\]\)(?: \[[^\]]*\])*$/;

describe('the format oracles themselves match the fixtures', () => {
  it('the Inst/Conf grammar matches every line of the captured apt-get -s dist-upgrade', () => {
    const lines = fixture('debian/apt-get-s-dist-upgrade.txt').split('\n');
    const inst = lines.filter((line) => line.startsWith('Inst '));
    expect(inst.length).toBeGreaterThan(100);
    for (const line of inst) expect(line).toMatch(INST_LINE);
    for (const line of lines.filter((each) => each.startsWith('Conf '))) expect(line).toMatch(CONF_LINE);
  });

  it('apt name-list wrapping reproduces the captured list byte for byte', () => {
    const lines = fixture('debian/apt-get-s-dist-upgrade.txt').split('\n');
    const start = lines.indexOf('The following packages will be upgraded:') + 1;
    const end = lines.findIndex((line) => / upgraded, /.test(line));
    const names = lines.slice(start, end).join(' ').trim().split(/\s+/);
    expect(wrapPackageList(names)).toBe(`${lines.slice(start, end).join('\n')}\n`);
  });

  it('the ss renderer reproduces the captured ss -H -tulpn (root and non-root) byte for byte', () => {
    const text = fixture('debian/ss-H-tulpn.txt');
    const sockets: SsSocket[] = text
      .trimEnd()
      .split('\n')
      .map((line) => {
        const [netid, state, recvQ, sendQ, local, peer, process] = line.trim().split(/\s+/);
        const split = (value: string) => [value.slice(0, value.lastIndexOf(':')), value.slice(value.lastIndexOf(':') + 1)] as const;
        return {
          netid: netid as 'tcp' | 'udp',
          state: state as 'LISTEN' | 'UNCONN',
          recvQ: Number(recvQ),
          sendQ: Number(sendQ),
          localAddress: split(local!)[0],
          localPort: Number(split(local!)[1]),
          peerAddress: split(peer!)[0],
          process: process!,
        };
      });
    expect(renderSsTable(sockets, true)).toBe(text);
    expect(renderSsTable(sockets, false)).toBe(fixture('debian/ss-H-tulpn-nonroot.txt'));
  });

  it('the jansson serializer reproduces the captured nft -j output', () => {
    const text = fixture('debian/nft-j-list-ruleset.txt');
    expect(`${janssonCompact(JSON.parse(text))}\n`).toBe(text);
  });

  it('the util-linux serializer reproduces the lsblk fixture framing', () => {
    const text = fixture('debian/lsblk-J-luks.txt');
    const parsed = JSON.parse(text) as { blockdevices: UtilLinuxObject[] };
    expect(utilLinuxJson('blockdevices', parsed.blockdevices)).toBe(text.endsWith('\n') ? text : `${text}\n`);
  });
});

describe('identity', () => {
  it('answers hostname, uname, os-release, debian_version and uptime', () => {
    expect(runUser('imap1.nj', 'uname -s').stdout).toBe('Linux\n');
    expect(runUser('imap1.nj', 'uname -r').stdout).toMatch(/^6\.1\.0-\d+-amd64\n$/);
    expect(runUser('web1.sea', 'uname -r').stdout).toMatch(/^6\.12\.\d+\+deb13-amd64\n$/);
    expect(runUser('imap1.nj', 'cat /etc/os-release').stdout).toBe(fixture('debian/os-release.txt'));
    expect(runUser('web1.sea', 'cat /etc/os-release').stdout).toBe(fixture('debian/os-release-trixie.txt'));
    expect(runUser('web1.sea', 'cat /etc/debian_version').stdout).toBe('13.8\n');
    expect(runUser('imap1.nj', 'cat /etc/debian_version').stdout).toMatch(/^12\.(11|15)\n$/);
    expect(runUser('imap1.nj', 'cat /proc/uptime').stdout).toMatch(/^\d+\.\d\d \d+\.\d\d\n$/);
  });
});

describe('firewall', () => {
  it.each(ROOT_HOSTS)('%s: nft -j list ruleset is one line of {"nftables": [{"metainfo": …}, …]}', (name) => {
    const { stdout, exitCode } = runRoot(name, 'nft -j list ruleset');
    expect(exitCode).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd()).not.toContain('\n');
    const document = JSON.parse(stdout) as { nftables: Array<Record<string, Record<string, unknown>>> };
    const meta = document.nftables[0]!.metainfo!;
    expect(meta.json_schema_version).toBe(1);
    expect(meta.version).toBe(SPEC.hosts.find((host) => host.name === name)!.release === 'trixie' ? '1.1.3' : '1.0.6');
    for (const element of document.nftables) expect(Object.keys(element)).toHaveLength(1);
    const kinds = document.nftables.map((element) => Object.keys(element)[0]);
    expect(kinds).toContain('table');
    expect(kinds).toContain('rule');
    expect(`${janssonCompact(document)}\n`).toBe(stdout);
  });

  it('trixie hosts print nft 1.1.3 metainfo and list chains before sets', () => {
    const bookworm = JSON.parse(runRoot('imap1.nj', 'nft -j list ruleset').stdout) as { nftables: object[] };
    const trixie = JSON.parse(runRoot('imap2.nj', 'nft -j list ruleset').stdout) as { nftables: object[] };
    expect(trixie.nftables[0]).toEqual({ metainfo: { version: '1.1.3', release_name: 'Commodore Bullmoose #4', json_schema_version: 1 } });
    expect(bookworm.nftables[0]).toEqual({ metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } });
    const kinds = (document: { nftables: object[] }) => document.nftables.map((element) => Object.keys(element)[0]);
    expect(kinds(bookworm).slice(1, 4)).toEqual(['table', 'set', 'chain']);
    expect(kinds(trixie).slice(1, 4)).toEqual(['table', 'chain', 'chain']);
    expect(kinds(trixie).indexOf('set')).toBeLessThan(kinds(trixie).indexOf('rule'));
  });

  it('web hosts use iptables-nft: iptables-save has the real header and nft shows xt expressions', () => {
    const save = runRoot('web2.nj', 'iptables-save').stdout;
    expect(save).toMatch(/^# Generated by iptables-save v1\.8\.9 \(nf_tables\) on Tue Dec {2}1 12:00:00 2026\n\*filter\n:INPUT DROP \[0:0\]\n/);
    expect(save).toContain('-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j ACCEPT\n');
    expect(save.trimEnd().endsWith('# Completed on Tue Dec  1 12:00:00 2026')).toBe(true);
    expect(runRoot('web1.nj', 'iptables-save').stdout).toMatch(/^# Generated by iptables-save v1\.8\.11 \(nf_tables\)/);
    expect(runRoot('web2.nj', 'ip6tables-save').stdout).toMatch(/^# Generated by ip6tables-save v1\.8\.9 \(nf_tables\)/);
    expect(runRoot('web2.nj', 'nft -j list ruleset').stdout).toContain('{"xt": {"type": "match", "name": "multiport"}}');
  });

  it('nft-managed hosts have no iptables tables: iptables-save prints nothing, exit 0', () => {
    expect(runRoot('db1.nj', 'iptables-save')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(runRoot('db1.nj', 'ip6tables-save')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('without root nft and iptables-save fail as they do for a normal user', () => {
    expect(runUser('db1.nj', 'nft -j list ruleset')).toEqual({ stdout: '', stderr: fixture('debian/nft-error-nonroot.txt'), exitCode: 1 });
    expect(runUser('db1.nj', 'iptables-save')).toEqual({ stdout: '', stderr: fixture('debian/iptables-save-nonroot.txt'), exitCode: 4 });
  });

  it.each(ROOT_HOSTS)('%s: ss -H -tulpn lines have the 7 columns (6 without root)', (name) => {
    const root = runRoot(name, 'ss -H -tulpn').stdout.replace(/\n$/, '').split('\n');
    for (const line of root) expect(line).toMatch(/^(tcp|udp) +(LISTEN|UNCONN) +\d+ +\d+ +\S+:\d+ +\S+:\* users:\(\(".+",pid=\d+,fd=\d+\)(,\(".+",pid=\d+,fd=\d+\))*\) *$/);
    expect(new Set(root.map((line) => line.length)).size).toBe(1);
    for (const line of runUser(name, 'ss -H -tulpn').stdout.trimEnd().split('\n')) expect(line).toMatch(/^(tcp|udp) +(LISTEN|UNCONN) +\d+ +\d+ +\S+:\d+ +\S+:\*$/);
  });
});

interface LsblkDevice {
  name: string;
  kname: string;
  pkname: string | null;
  type: string;
  fstype: string | null;
  size: number;
  mountpoints: (string | null)[];
  uuid: string | null;
  children?: LsblkDevice[];
}

const flatten = (devices: LsblkDevice[]): LsblkDevice[] => devices.flatMap((device) => [device, ...flatten(device.children ?? [])]);

describe('encryption', () => {
  it.each(DEBIAN_HOSTS)('%s: lsblk -J has the fixture shape (blockdevices, nested children, MOUNTPOINTS arrays)', (name) => {
    const { stdout } = runUser(name, LSBLK);
    expect(stdout).toMatch(/^\{\n {3}"blockdevices": \[\n {6}\{\n {9}"name": /);
    expect(stdout).toMatch(/"mountpoints": \[\n {13}null\n {9}\]/);
    const devices = flatten((JSON.parse(stdout) as { blockdevices: LsblkDevice[] }).blockdevices);
    for (const device of devices) {
      expect(Object.keys(device).slice(0, 8)).toEqual(['name', 'kname', 'pkname', 'type', 'fstype', 'size', 'mountpoints', 'uuid']);
      expect(typeof device.size).toBe('number');
      for (const child of device.children ?? []) expect(child.pkname).toBe(device.kname);
    }
    const crypts = devices.filter((device) => device.type === 'crypt');
    expect(crypts.map((device) => device.name)).toContain('nvme0n1p3_crypt');
    // The root filesystem sits on LVM inside the LUKS mapping.
    expect(devices.find((device) => device.mountpoints.includes('/'))).toMatchObject({ type: 'lvm', pkname: crypts.find((device) => device.name === 'nvme0n1p3_crypt')!.kname });
  });

  it.each(ROOT_HOSTS)('%s: crypttab names every crypt mapping and cryptsetup status reports each active', (name) => {
    const devices = flatten((JSON.parse(runUser(name, LSBLK).stdout) as { blockdevices: LsblkDevice[] }).blockdevices);
    const crypttab = runUser(name, 'cat /etc/crypttab').stdout;
    expect(crypttab.split('\n')[0]).toBe(fixture('debian/crypttab-default.txt').trimEnd());
    for (const mapping of devices.filter((device) => device.type === 'crypt')) {
      const container = devices.find((device) => device.kname === mapping.pkname)!;
      expect(crypttab).toMatch(new RegExp(`^${mapping.name} UUID=${container.uuid} \\S+ luks,discard$`, 'm'));
      const status = runRoot(name, `cryptsetup status ${mapping.name}`);
      expect(status.exitCode).toBe(0);
      const lines = status.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(`/dev/mapper/${mapping.name} is active and is in use.`);
      const fields = Object.fromEntries(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
      expect(fields).toMatchObject({ type: 'LUKS2', cipher: 'aes-xts-plain64', keysize: '512 bits', device: `/dev/${container.name}`, mode: 'read/write' });
      expect(Number(fields.size!.split(' ')[0]) * 512).toBe(mapping.size);
    }
    expect(runRoot(name, 'cryptsetup status nosuch')).toEqual({ stdout: '/dev/mapper/nosuch is inactive.\n', stderr: '', exitCode: 4 });
    expect(runUser(name, 'cryptsetup status nvme0n1p3_crypt')).toEqual({ stdout: '', stderr: 'Cannot initialize device-mapper, running as non-root user.\n', exitCode: 1 });
  });

  it('/proc/swaps lists the swap LV by its dm name in the kernel layout', () => {
    expect(runUser('db1.nj', 'cat /proc/swaps').stdout).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/dm-2                               partition\t8388604\t\t0\t\t-2\n');
  });

  it.each(DEBIAN_HOSTS)('%s: findmnt -J is a tree rooted at / whose block sources match lsblk', (name) => {
    const { stdout } = runUser(name, 'findmnt -J');
    expect(stdout).toMatch(/^\{\n {3}"filesystems": \[\n {6}\{\n {9}"target": "\/",/);
    interface Mount {
      target: string;
      source: string;
      fstype: string;
      options: string;
      children?: Mount[];
    }
    const root = (JSON.parse(stdout) as { filesystems: Mount[] }).filesystems;
    expect(root).toHaveLength(1);
    const all = (mounts: Mount[]): Mount[] => mounts.flatMap((mount) => [mount, ...all(mount.children ?? [])]);
    const mounts = all(root);
    for (const mount of mounts) for (const child of mount.children ?? []) expect(child.target.startsWith(mount.target === '/' ? '/' : `${mount.target}/`)).toBe(true);
    const lsblk = flatten((JSON.parse(runUser(name, LSBLK).stdout) as { blockdevices: LsblkDevice[] }).blockdevices);
    for (const mount of mounts.filter((each) => each.source.startsWith('/dev/'))) {
      const device = lsblk.find((each) => each.mountpoints.includes(mount.target));
      expect(device, mount.target).toBeDefined();
      expect(mount.source.endsWith(`/${device!.name}`)).toBe(true);
    }
  });
});

describe('patches', () => {
  it.each(ROOT_HOSTS)('%s: apt-get -s dist-upgrade has the preamble, a matching summary and valid Inst/Conf lines', (name) => {
    const { stdout, exitCode } = runRoot(name, 'apt-get -s -o Debug::NoLocking=1 dist-upgrade');
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['Reading package lists...', 'Building dependency tree...', 'Reading state information...', 'Calculating upgrade...']);
    const summary = lines.find((line) => /^\d+ upgraded, \d+ newly installed, 0 to remove and 0 not upgraded\.$/.test(line));
    expect(summary).toBeDefined();
    const [upgraded, fresh] = summary!.match(/\d+/g)!.map(Number);
    const inst = lines.filter((line) => line.startsWith('Inst '));
    expect(inst).toHaveLength(upgraded! + fresh!);
    for (const line of inst) expect(line).toMatch(INST_LINE);
    for (const line of lines.filter((line) => line.startsWith('Conf '))) expect(line).toMatch(CONF_LINE);
    for (const line of inst) {
      const origins = line.match(INST_LINE)![4]!;
      expect(origins).toMatch(
        SPEC.hosts.find((host) => host.name === name)!.release === 'trixie'
          ? /^(Debian:13\.8\/stable|Debian-Security:13\/stable-security)/
          : /^(Debian:12\.15\/oldstable|Debian-Security:12\/oldstable-security)/,
      );
    }
  });

  it('run without root, apt-get prints its simulation NOTE first (apt-get-s-upgrade-nonroot-preamble.txt)', () => {
    expect(runUser('imap1.nj', 'apt-get -s -o Debug::NoLocking=1 dist-upgrade').stdout.startsWith(fixture('debian/apt-get-s-upgrade-nonroot-preamble.txt'))).toBe(true);
  });

  it.each(ROOT_HOSTS)('%s: needrestart -b is KEY: value lines in needrestart order', (name) => {
    const lines = runRoot(name, 'needrestart -b').stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NEEDRESTART-VER: 3\.(6|11)$/);
    for (const line of lines) expect(line).toMatch(/^NEEDRESTART-(VER|KCUR|KEXP|KSTA|UCSTA|UCCUR|UCEXP|SVC|CONT|SESS|PID): \S.*$/);
    expect(lines[1]).toBe(`NEEDRESTART-KCUR: ${runUser(name, 'uname -r').stdout.trim()}`);
    expect(lines[3]).toMatch(/^NEEDRESTART-KSTA: [13]$/);
    expect(runUser(name, 'needrestart -b').stdout).toMatch(/^NEEDRESTART-VER: 3\.(6|11)\n$/);
  });

  it.each(ROOT_HOSTS)('%s: InRelease mtimes are epoch seconds in the past; unattended-upgrades log lines have asctime format', (name) => {
    const mtimes = runUser(name, 'stat -c %Y /var/lib/apt/lists/*_InRelease').stdout.trimEnd().split('\n').map(Number);
    expect(mtimes).toHaveLength(3);
    for (const mtime of mtimes) expect(mtime).toBeLessThan(nowSeconds);
    for (const mtime of mtimes) expect(mtime).toBeGreaterThan(nowSeconds - 60 * DAY_S);
    const log = runRoot(name, 'tail -n 200 /var/log/unattended-upgrades/unattended-upgrades.log');
    if (log.exitCode !== 0) {
      expect(log).toEqual({ stdout: '', stderr: "tail: cannot open '/var/log/unattended-upgrades/unattended-upgrades.log' for reading: No such file or directory\n", exitCode: 1 });
      return;
    }
    const lines = log.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(200);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (INFO|WARNING|ERROR) \S/);
    expect(runRoot(name, 'tail -n 5 /var/log/unattended-upgrades/unattended-upgrades.log').stdout.trimEnd().split('\n')).toEqual(lines.slice(-5));
  });
});
