// Every command answer of a SmartOS demo compute node (global zone). The
// answers do not depend on `sudo`: the demo's ops user is an administrator
// there (RBAC "Primary Administrator"), as on most SmartOS installs.
import type { DemoDatacentreSpec, DemoHostSpec } from '../demo-fleet-spec';
import { accessAnswers } from './access/access-answers';
import { zfsReplicationAnswers } from './backups/zfs-replication';
import { answer, failure, type CommandAnswer } from './command-answer';
import { lazy, profileFromTable, textAnswer, type AnswerProducer, type HostProfile, type ToolFallback } from './host-profile';
import { computeNode } from './smartos/compute-node';
import { fwadmListJson, ipfstatV4, ipfstatV6, netstatInet, netstatInet6, svcsIpfilter, vmadmList } from './smartos/smartos-firewall';
import { pkgAdminAudit, pkginDryUpgrade, VULNERABILITIES_FILE, vulnerabilitiesMtime } from './smartos/smartos-packages';
import { etcRelease, kstatBootTime, piadmList, sysinfoJson, unameV } from './smartos/smartos-platform';
import { smartosRetentionAnswers } from './smartos/smartos-log-retention';
import { zfsGetEncryption, zpoolStatus } from './smartos/smartos-storage';

const ZFS_GET = 'zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume';

export function smartosProfile(host: DemoHostSpec, dc: DemoDatacentreSpec, now: Date): HostProfile {
  const node = lazy(() => computeNode(host, now));
  const exact = new Map<string, AnswerProducer>([
    ['hostname', textAnswer(() => `${host.name}\n`)],
    ['uname -s', textAnswer(() => 'SunOS\n')],
    ['uname -v', textAnswer(() => unameV(node()))],
    ['cat /etc/release', textAnswer(() => etcRelease(node()))],
    ['kstat -p unix:0:system_misc:boot_time', textAnswer(() => kstatBootTime(node()))],
    ['svcs -H ipfilter', textAnswer(() => svcsIpfilter(node(), now))],
    ['ipfstat -io', textAnswer(() => ipfstatV4(dc))],
    ['ipfstat -6io', textAnswer(() => ipfstatV6())],
    ['fwadm list -j', textAnswer(() => fwadmListJson(host, dc, node(), now))],
    ['vmadm list -p -o uuid,alias,firewall_enabled', textAnswer(() => vmadmList(node()))],
    ['netstat -an -f inet', textAnswer(() => netstatInet(host, dc))],
    ['netstat -an -f inet6', textAnswer(() => netstatInet6())],
    [ZFS_GET, textAnswer(() => zfsGetEncryption(node()))],
    ['zpool status', textAnswer(() => zpoolStatus(host.name, node(), now))],
    ['sysinfo', textAnswer(() => sysinfoJson(host, node()))],
    ['piadm list', textAnswer(() => piadmList(node()))],
    [
      'pkg_admin audit',
      () => {
        const audit = pkgAdminAudit(host);
        return answer(audit.stdout, '', audit.exitCode);
      },
    ],
    ['pkgin -n upgrade', textAnswer(() => pkginDryUpgrade(host))],
    [`stat -c %Y ${VULNERABILITIES_FILE}`, textAnswer(() => vulnerabilitiesMtime(host, now))],
  ]);
  // The ops user is an administrator here: privileged reads answer as root either way.
  for (const [invocation, producer] of accessAnswers(host, now)) exact.set(invocation, () => producer(true));
  for (const [invocation, producer] of zfsReplicationAnswers(host, now)) exact.set(invocation, producer);
  for (const [invocation, producer] of smartosRetentionAnswers(host, now)) exact.set(invocation, producer);
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
