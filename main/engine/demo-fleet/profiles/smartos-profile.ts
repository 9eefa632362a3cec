// Every command answer of a SmartOS demo compute node (global zone). The
// answers do not depend on `sudo`: the demo's ops user is an administrator
// there (RBAC "Primary Administrator"), as on most SmartOS installs.
import type { DemoDatacentreSpec, DemoHostSpec } from '../demo-fleet-spec';
import { accessAnswers } from './access/access-answers';
import { zfsReplicationAnswers } from './backups/zfs-replication';
import { answer, failure, type CommandAnswer } from './command-answer';
import { lazy, profileFromTable, type AnswerProducer, type HostProfile, type ToolFallback } from './host-profile';
import { computeNode } from './smartos/compute-node';
import { fwadmListJson, ipfstatV4, ipfstatV6, netstatInet, netstatInet6, svcsIpfilter, vmadmList } from './smartos/smartos-firewall';
import { pkgAdminAudit, pkginDryUpgrade, VULNERABILITIES_FILE, vulnerabilitiesMtime } from './smartos/smartos-packages';
import { etcRelease, kstatBootTime, piadmList, sysinfoJson, unameV } from './smartos/smartos-platform';
import { zfsGetEncryption, zpoolStatus } from './smartos/smartos-storage';

const ZFS_GET = 'zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume';

export function smartosProfile(host: DemoHostSpec, dc: DemoDatacentreSpec, now: Date): HostProfile {
  const node = lazy(() => computeNode(host, now));
  const text =
    (make: () => string): AnswerProducer =>
    () =>
      answer(make());
  const exact = new Map<string, AnswerProducer>([
    ['hostname', text(() => `${host.name}\n`)],
    ['uname -s', text(() => 'SunOS\n')],
    ['uname -v', text(() => unameV(node()))],
    ['cat /etc/release', text(() => etcRelease(node()))],
    ['kstat -p unix:0:system_misc:boot_time', text(() => kstatBootTime(node()))],
    ['svcs -H ipfilter', text(() => svcsIpfilter(node(), now))],
    ['ipfstat -io', text(() => ipfstatV4(dc))],
    ['ipfstat -6io', text(() => ipfstatV6())],
    ['fwadm list -j', text(() => fwadmListJson(host, dc, node(), now))],
    ['vmadm list -p -o uuid,alias,firewall_enabled', text(() => vmadmList(node()))],
    ['netstat -an -f inet', text(() => netstatInet(host, dc))],
    ['netstat -an -f inet6', text(() => netstatInet6())],
    [ZFS_GET, text(() => zfsGetEncryption(node()))],
    ['zpool status', text(() => zpoolStatus(host.name, node(), now))],
    ['sysinfo', text(() => sysinfoJson(host, node()))],
    ['piadm list', text(() => piadmList(node()))],
    [
      'pkg_admin audit',
      () => {
        const audit = pkgAdminAudit(host);
        return answer(audit.stdout, '', audit.exitCode);
      },
    ],
    ['pkgin -n upgrade', text(() => pkginDryUpgrade(host))],
    [`stat -c %Y ${VULNERABILITIES_FILE}`, text(() => vulnerabilitiesMtime(host, now))],
  ]);
  // The ops user is an administrator here: privileged reads answer as root either way.
  for (const [invocation, producer] of accessAnswers(host, now)) exact.set(invocation, () => producer(true));
  for (const [invocation, producer] of zfsReplicationAnswers(host, now)) exact.set(invocation, producer);
  const missing =
    (tool: string): ToolFallback =>
    (args) =>
      statOrCatMissing(tool, args);
  const tools = new Map<string, ToolFallback | null>(
    ['hostname', 'uname', 'kstat', 'svcs', 'ipfstat', 'fwadm', 'vmadm', 'netstat', 'zfs', 'zpool', 'sysinfo', 'piadm', 'pkg_admin', 'pkgin'].map((tool) => [tool, null]),
  );
  tools.set('cat', missing('cat'));
  tools.set('stat', missing('stat'));
  return profileFromTable({ os: 'smartos', hostName: host.name, exact, tools, sudoNeedsPassword: host.problems.includes('sudo-needs-password') });
}

function statOrCatMissing(tool: string, args: string[]): CommandAnswer {
  const path = args[args.length - 1] ?? '';
  // illumos cat; the GNU stat shipped in the platform image.
  return tool === 'cat' ? failure(`cat: cannot open ${path}: No such file or directory\n`, 2) : failure(`stat: cannot stat '${path}': No such file or directory\n`, 1);
}
