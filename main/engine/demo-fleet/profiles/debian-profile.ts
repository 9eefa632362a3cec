// Every command answer of a Debian demo host (bookworm or trixie).
import type { DemoHostSpec } from '../demo-fleet-spec';
import { hashInt } from '../seeded-hash';
import { backupShellAnswer, systemctlShowAnswer } from './backups/backup-command-answers';
import { backupPlan } from './backups/backup-plan';
import { borgInfoJson, borgListJson } from './backups/borg-output';
import { resticCheckText, resticSnapshotsJson } from './backups/restic-output';
import { accessAnswers } from './access/access-answers';
import { answer, failure, noSuchFile, type CommandAnswer } from './command-answer';
import { aptSimulationText } from './debian/apt-simulation';
import { crypttabText, cryptsetupStatus, hostDisks, lsblkJson, procSwaps } from './debian/block-devices';
import { blkidAnswer, DMSETUP_NOT_ROOT, dmsetupCryptTable } from './debian/block-probes';
import { debianRelease, debianVersionText, OS_RELEASE, runningKernel } from './debian/debian-releases';
import { inReleaseMtimes, needrestartBatch, rebootRequiredPackages, UNATTENDED_UPGRADES_LOG, unattendedUpgradesLog } from './debian/debian-patch-state';
import { debianListeningSockets } from './debian/listening-sockets';
import { retentionAnswers } from './debian/log-retention';
import { findmntJson } from './debian/mount-table';
import { pendingPackages } from './debian/pending-packages';
import { renderSsTable } from './debian/ss-table';
import { capturedFirewallFor, iptablesSaveNotRoot, iptablesSaveText, NFT_NOT_ROOT, nftJsonForRelease } from './firewall/debian-firewall';
import { lazy, profileFromTable, textAnswer, type AnswerProducer, type HostProfile, type ToolFallback } from './host-profile';
import { DAY_MS } from './time-format';

const LSBLK = 'lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID';
const APT_SIMULATION = 'apt-get -s -o Debug::NoLocking=1 dist-upgrade';

export function debianProfile(host: DemoHostSpec, now: Date): HostProfile {
  const release = debianRelease(host);
  const disks = lazy(() => hostDisks(host));
  const plan = lazy(() => backupPlan(host, now));
  const firewall = lazy(() => capturedFirewallFor(host));
  const exact = new Map<string, AnswerProducer>([
    ['hostname', textAnswer(() => `${host.name}\n`)],
    ['uname -s', textAnswer(() => 'Linux\n')],
    ['uname -r', textAnswer(() => `${runningKernel(host)}\n`)],
    ['cat /etc/os-release', textAnswer(() => OS_RELEASE[release.codename])],
    ['cat /etc/debian_version', textAnswer(() => `${debianVersionText(host)}\n`)],
    ['cat /proc/uptime', textAnswer(() => procUptime(host, now))],
    ['nft -j list ruleset', (root) => (root ? answer(nftJsonForRelease(firewall().nftJson, host.release)) : failure(NFT_NOT_ROOT, 1))],
    ['iptables-save', (root) => (root ? answer(iptablesSaveText(firewall().iptablesSave, host.release, now)) : failure(iptablesSaveNotRoot('iptables-save', host.release), 4))],
    ['ip6tables-save', (root) => (root ? answer(iptablesSaveText(firewall().ip6tablesSave, host.release, now)) : failure(iptablesSaveNotRoot('ip6tables-save', host.release), 4))],
    ['ss -H -tulpn', (root) => answer(renderSsTable(debianListeningSockets(host), root))],
    [LSBLK, textAnswer(() => lsblkJson(disks()))],
    ['cat /etc/crypttab', textAnswer(() => crypttabText(disks()))],
    ['cat /proc/swaps', textAnswer(() => procSwaps(disks()))],
    ['findmnt -J', textAnswer(() => findmntJson(host, disks()))],
    ['dmsetup table --target crypt', (root) => (root ? answer(dmsetupCryptTable(disks())) : DMSETUP_NOT_ROOT)],
    // Without root blkid prints only its cache, empty on a fresh /run.
    ['blkid', (root) => (root ? blkidAnswer(host, disks()) : answer('', '', 2))],
    [APT_SIMULATION, (root) => answer(aptSimulationText(pendingPackages(host), release, root))],
    ['apt-get -s dist-upgrade', (root) => answer(aptSimulationText(pendingPackages(host), release, root))],
    ['needrestart -b', (root) => answer(needrestartBatch(host, root))],
    ['stat -c %Y /var/lib/apt/lists/*_InRelease', textAnswer(() => inReleaseMtimes(host, now))],
  ]);
  for (const [invocation, producer] of [...accessAnswers(host, now), ...retentionAnswers(host, now)]) exact.set(invocation, producer);
  for (const dir of ['/var/run', '/run']) {
    exact.set(`cat ${dir}/reboot-required`, () => (rebootRequiredPackages(host) === null ? noSuchFile('cat', `${dir}/reboot-required`) : answer('')));
    exact.set(`cat ${dir}/reboot-required.pkgs`, () => {
      const packages = rebootRequiredPackages(host);
      return packages === null ? noSuchFile('cat', `${dir}/reboot-required.pkgs`) : answer(packages);
    });
  }

  const tools = new Map<string, ToolFallback | null>([
    ['hostname', null],
    ['uname', null],
    ['cat', (args) => (args.length === 1 ? noSuchFile('cat', args[0]!) : failure('cat: invalid arguments\n', 1))],
    ['nft', null],
    ['iptables-save', null],
    ['ip6tables-save', null],
    ['ss', null],
    ['lsblk', null],
    ['findmnt', null],
    ['dmsetup', null],
    ['blkid', null],
    ['apt-get', null],
    ['needrestart', null],
    ['cryptsetup', (args, root) => cryptsetup(args, root, disks)],
    ['stat', (args) => failure(`stat: cannot statx '${args[args.length - 1] ?? ''}': No such file or directory\n`, 1)],
    ['tail', (args) => tail(args, host, now)],
  ]);
  const backups = plan();
  if (backups.restic || backups.borg) {
    tools.set('sh', (args, root) => backupShellAnswer(args, root, host, backups, now));
    tools.set('systemctl', (args) => systemctlShowAnswer(args, host, backups, now));
  }
  if (backups.restic) {
    const restic = backups.restic;
    tools.set('restic', null);
    exact.set(
      'restic snapshots --json',
      textAnswer(() => resticSnapshotsJson(host, restic)),
    );
    exact.set(
      'restic check',
      textAnswer(() => resticCheckText(host, restic)),
    );
  }
  if (backups.borg) {
    const borg = backups.borg;
    tools.set('borg', null);
    exact.set(
      'borg list --json',
      textAnswer(() => borgListJson(host, borg)),
    );
    exact.set('borg info --json', (root) => answer(borgInfoJson(host, borg, root)));
  }
  return profileFromTable({ os: 'debian', hostName: host.name, exact, tools, sudoNeedsPassword: host.problems.includes('sudo-needs-password') });
}

/** /proc/uptime: seconds up and idle seconds summed over all CPUs (32 here). */
function procUptime(host: DemoHostSpec, now: Date): string {
  const days = host.problems.includes('reboot-required') ? 63 : hashInt(3, 40, host.name, 'uptime');
  const up = days * (DAY_MS / 1000) + hashInt(0, 86_399, host.name, 'uptime-s') + (now.getTime() % 1000) / 1000;
  const idle = up * 32 * 0.93;
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

function cryptsetup(args: string[], root: boolean, disks: () => ReturnType<typeof hostDisks>): CommandAnswer {
  if (args[0] !== 'status' || args.length !== 2) return failure('Usage: cryptsetup [OPTION...] <action> <action-specific>\n', 1);
  if (!root) return failure('Cannot initialize device-mapper, running as non-root user.\n', 1);
  const status = cryptsetupStatus(disks(), args[1]!);
  return answer(status.stdout, '', status.exitCode);
}

function tail(args: string[], host: DemoHostSpec, now: Date): CommandAnswer {
  const match = args.length === 3 && args[0] === '-n' && /^\d+$/.test(args[1]!) ? args : null;
  if (!match) return failure(`tail: cannot open '${args[args.length - 1] ?? ''}' for reading: No such file or directory\n`, 1);
  const path = match[2]!;
  if (path !== UNATTENDED_UPGRADES_LOG) return noSuchFile('tail', path);
  const log = unattendedUpgradesLog(host, now, Number(match[1]));
  return log === null ? noSuchFile('tail', path) : answer(log);
}
