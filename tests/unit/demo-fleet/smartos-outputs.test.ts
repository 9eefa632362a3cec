// SmartOS answers follow the fixtures' formats (../shared/fixtures/smartos).
import { describe, expect, it } from 'vitest';
import { fixture } from '../../support/fixtures';
import { NOW, SPEC, nowSeconds, runRoot, runUser } from './support/demo-answers';

const NODES = SPEC.hosts.filter((host) => host.os === 'smartos').map((host) => host.name);
const ZFS_GET = 'zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume';

describe.each(NODES)('%s', (name) => {
  it('identity: uname, /etc/release, kstat boot_time agree on the platform image', () => {
    expect(runUser(name, 'uname -s').stdout).toBe('SunOS\n');
    const stamp = runUser(name, 'uname -v').stdout.match(/^joyent_(\d{8}T\d{6}Z)\n$/)![1];
    const release = runUser(name, 'cat /etc/release').stdout;
    expect(release.split('\n')[0]).toBe(`                     SmartOS ${stamp} x86_64`);
    expect(release).toMatch(/x86_64\n {23}Copyright \d{4} .+\n\n {2}Built with the following components:\n\n\[/);
    const components = JSON.parse(release.slice(release.indexOf('['))) as Array<Record<string, string>>;
    expect(Object.keys(components[0]!)).toEqual(Object.keys((JSON.parse(fixture('smartos/etc-release.txt').slice(fixture('smartos/etc-release.txt').indexOf('['))) as object[])[0]!));
    const boot = Number(runUser(name, 'kstat -p unix:0:system_misc:boot_time').stdout.match(/^unix:0:system_misc:boot_time\t(\d+)\n$/)![1]);
    expect(boot).toBeLessThan(nowSeconds);
    const sysinfo = JSON.parse(runRoot(name, 'sysinfo').stdout) as Record<string, unknown>;
    expect(sysinfo['Live Image']).toBe(stamp);
    expect(sysinfo['Boot Time']).toBe(String(boot));
    expect(sysinfo.Hostname).toBe(name);
    expect(Object.keys(sysinfo)).toEqual(Object.keys(JSON.parse(fixture('smartos/sysinfo.txt')) as object));
  });

  it('firewall: svcs, ipfstat, fwadm, vmadm and netstat in their formats', () => {
    expect(runRoot(name, 'svcs -H ipfilter').stdout).toMatch(/^online {9}\S{6,8} +svc:\/network\/ipfilter:default\n$/);
    for (const invocation of ['ipfstat -io', 'ipfstat -6io']) {
      const lines = runRoot(name, invocation).stdout.trimEnd().split('\n');
      const firstIn = lines.findIndex((line) => / in /.test(line));
      expect(lines.slice(0, firstIn).every((line) => line.startsWith('pass out '))).toBe(true);
      expect(lines.at(-1)).toBe('block in all');
    }
    const rules = JSON.parse(runRoot(name, 'fwadm list -j').stdout) as Array<Record<string, unknown>>;
    const order = ['created_by', 'description', 'enabled', 'global', 'log', 'owner_uuid', 'rule', 'uuid', 'version'];
    for (const rule of rules) {
      const keys = Object.keys(rule);
      expect(keys).toEqual([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      expect(rule.version).toMatch(/^\d{13}\.\d{6}$/);
    }
    expect(rules.map((rule) => rule.uuid)).toEqual(rules.map((rule) => rule.uuid).sort());
    for (const line of runRoot(name, 'vmadm list -p -o uuid,alias,firewall_enabled').stdout.trimEnd().split('\n')) expect(line).toMatch(/^[0-9a-f-]{36}:[\w-]+:(true|false|)$/);
    const inet = runRoot(name, 'netstat -an -f inet').stdout;
    expect(inet).toMatch(/^\nUDP: IPv4\n {3}Local Address {8}Remote Address {6}State\n-{20} -{20} -{10}\n/);
    expect(inet).toMatch(/\nTCP: IPv4\n {3}Local Address {8}Remote Address {4}Swind Send-Q Rwind Recv-Q {4}State\n/);
    expect(inet).toContain('      *.22                 *.*                0      0 128000      0 LISTEN\n');
    expect(runRoot(name, 'netstat -an -f inet6').stdout).toContain('      *.22                              *.*                             0      0 128000      0 LISTEN      \n');
  });

  it('encryption: zfs get prints seven TAB-separated properties per dataset; zpool status has the illumos layout', () => {
    const lines = runRoot(name, ZFS_GET).stdout.trimEnd().split('\n');
    const properties = ['encryption', 'keystatus', 'keyformat', 'keylocation', 'encryptionroot', 'mountpoint', 'usedbydataset'];
    expect(lines.length % 7).toBe(0);
    lines.forEach((line, index) => {
      const fields = line.split('\t');
      expect(fields).toHaveLength(3);
      expect(fields[1]).toBe(properties[index % 7]);
      if (fields[1] === 'usedbydataset') expect(fields[2]).toMatch(/^\d+$/);
    });
    const values = (dataset: string) => Object.fromEntries(lines.filter((line) => line.startsWith(`${dataset}\t`)).map((line) => line.split('\t').slice(1)));
    expect(values('zones')).toMatchObject({ encryption: 'aes-256-gcm', keystatus: 'available', keyformat: 'passphrase', keylocation: 'prompt', encryptionroot: 'zones', mountpoint: '/zones' });
    expect(values('zones/boot')).toMatchObject({ encryption: 'off', keystatus: '-', keyformat: 'none', encryptionroot: '-' });
    expect(values('zones/swap').mountpoint).toBe('-');
    const status = runRoot(name, 'zpool status').stdout;
    const shape = (text: string) =>
      text
        .split('\n')
        .map((line) =>
          line
            .replace(/c\dt\dd\d/g, 'DISK')
            .replace(/raidz\d-0/, 'RAIDZ')
            .replace(/ on .*$/, '')
            .replace(/\d\d:\d\d:\d\d/, 'T'),
        )
        .filter((line) => !line.includes('DISK'));
    expect(shape(status)).toEqual(shape(fixture('smartos/zpool-status.txt')));
  });

  it('patches: piadm, pkg_admin audit, pkgin and the vulnerability list mtime', () => {
    const piadm = runRoot(name, 'piadm list').stdout.split('\n');
    expect(piadm[0]).toBe(fixture('smartos/piadm-list.txt').split('\n')[0]);
    const stamp = runUser(name, 'uname -v').stdout.trim().replace('joyent_', '');
    expect(piadm.find((line) => line.startsWith(stamp))).toMatch(/^\d{8}T\d{6}Z {7}zones\/boot {21}next {7}yes {2}yes $/);
    const audit = runRoot(name, 'pkg_admin audit');
    for (const line of audit.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^Package \S+-\d\S* has a [\w-]+ vulnerability, see https:\/\/\S+$/);
    expect(audit.exitCode).toBe(audit.stdout ? 1 : 0);
    expect(runRoot(name, 'pkgin -n upgrade').stdout).toMatch(/^calculating dependencies\.\.\.done\.\n/);
    const mtime = Number(runUser(name, 'stat -c %Y /opt/tools/pkg/pkg-vulnerabilities').stdout);
    expect(mtime).toBeLessThan(NOW.getTime() / 1000);
  });
});
