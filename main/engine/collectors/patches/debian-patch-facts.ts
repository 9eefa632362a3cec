// Patch facts of a Debian host from the outputs of PATCH_COMMANDS.debian.
import type { CommandOutput } from '../host-command';
import { parseAptSimulation, type AptInstall, type AptSimulation } from './apt-simulation';
import { parseDebianVersion } from './debian-version';
import { parseDebsecanDetail } from './debsecan';
import { parseStatMtimes } from './file-mtimes';
import { kernelRelease, parseKernelRelease } from './kernel-release';
import { parseNeedrestartBatch, type NeedrestartBatch } from './needrestart';
import { parseOsRelease } from './os-release';
import { packageIndexAge } from './package-index-age';
import { PATCH_COMMAND_IDS as ids } from './patch-commands';
import { OutputReader, okValue } from '../output-reader';
import type { PackageIndexAge, PatchFacts, PendingUpdate, RebootReason, VulnerablePackage } from './patch-facts';
import { parseRebootRequired, parseRebootRequiredPkgs, type RebootRequiredPackages } from './reboot-required';
import { parseUnattendedUpgradesLog } from './unattended-upgrades-log';

export function debianPatchFacts(outputs: CommandOutput[], now: Date): PatchFacts {
  const log = new OutputReader(outputs);
  const osRelease = okValue(log.read(ids.osRelease, parseOsRelease));
  const debianVersion = okValue(log.read(ids.debianVersion, parseDebianVersion));
  const kernel = okValue(log.read(ids.kernel, parseKernelRelease));
  const lists = okValue(log.read(ids.aptListsMtime, (stdout, stderr, exitCode) => parseStatMtimes(stdout, stderr, exitCode, 'apt lists (*_InRelease)')));
  const aptParsed = log.read(ids.aptSimulation, parseAptSimulation);
  const apt = okValue(aptParsed);
  const needrestart = okValue(log.read(ids.needrestart, parseNeedrestartBatch));
  const rebootFlag = log.read(ids.rebootRequired, parseRebootRequired);
  const rebootPkgs = okValue(log.read(ids.rebootRequiredPkgs, parseRebootRequiredPkgs));
  const unattended = log.read(ids.unattendedUpgradesLog, parseUnattendedUpgradesLog);
  const debsecan = okValue(log.read(ids.debsecan, parseDebsecanDetail));
  if (needrestart && needrestart.mode === 'no-kernel-check' && !log.output(ids.needrestart)?.command.startsWith('sudo ')) {
    log.note(ids.needrestart, 'needrestart ran without sudo: unless OpsDeck logs in as root, its kernel and service checks were skipped');
  }

  const pendingUpdates = apt ? apt.installs.map(pendingUpdate) : [];
  const packageIndex = packageIndexAge('apt-lists', lists?.newest ?? null, now);
  const running = needrestart?.kernel?.current ?? kernel?.release ?? null;
  const upToDate = debianUpToDate(apt, aptParsed?.value?.installs.length ?? 0, pendingUpdates, packageIndex, log);
  const unattendedLog = okValue(unattended);
  return {
    os: 'debian',
    collectedAt: now.toISOString(),
    release: {
      name: osRelease?.name ?? null,
      version: osRelease?.versionId ?? null,
      codename: osRelease?.codename ?? null,
      pointRelease: osRelease?.versionFull ?? debianVersion?.pointRelease ?? null,
    },
    kernel: running ? { running, parsed: kernel ?? kernelRelease(running), newestInstalled: needrestart?.kernel?.expected ?? null } : null,
    platformImage: null,
    kernelOrPlatform: running,
    kernelOrPlatformAgeDays: null,
    packageIndex,
    pendingUpdatesKnown: apt !== null,
    pendingUpdates,
    keptBack: apt?.keptBack ?? [],
    vulnerabilitiesKnown: debsecan !== null,
    vulnerablePackages: (debsecan?.entries ?? [])
      .filter((entry) => entry.fixAvailable)
      .map((entry): VulnerablePackage => ({
        name: entry.package,
        version: entry.installed,
        vulnerability: entry.id,
        advisory: entry.id,
        source: 'debsecan',
        fixAvailable: true,
        endOfLife: false,
      })),
    upToDate: upToDate.value,
    upToDateReason: upToDate.reason,
    reboot: debianReboot(needrestart, rebootFlag?.status === 'ok' ? (rebootFlag.value?.present ?? null) : null, rebootPkgs, running, unattendedLog !== null),
    servicesNeedingRestart: needrestart?.services ?? [],
    unattendedUpgrades: unattendedLog ? { lastRun: unattendedLog.lastRun } : null,
    checks: log.checks,
  };
}

function pendingUpdate(install: AptInstall): PendingUpdate {
  return {
    name: install.name,
    from: install.installed,
    to: install.candidate,
    security: install.security,
    origins: install.origins.map((origin) => origin.text),
    suites: [...new Set(install.origins.map((origin) => origin.suite))],
    evidence: install.line,
  };
}

function debianUpToDate(apt: AptSimulation | null, partialInstalls: number, pending: PendingUpdate[], index: PackageIndexAge, log: OutputReader): { value: PatchFacts['upToDate']; reason: string } {
  if (!apt) {
    const check = log.checks.find((each) => each.commandId === ids.aptSimulation);
    // A list cut short still proves that something is pending.
    if (partialInstalls > 0) return { value: false, reason: `at least ${partialInstalls} update(s) pending (the list could not be read completely: ${check?.message ?? ''})` };
    return { value: 'unknown', reason: `the pending updates could not be read: ${check?.message ?? 'apt-get -s did not run'}` };
  }
  const security = pending.filter((update) => update.security).length;
  if (pending.length > 0) return { value: false, reason: `${pending.length} update(s) pending, ${security} of them security` };
  if (apt.keptBack.length > 0) return { value: false, reason: `${apt.keptBack.length} package(s) kept back: ${apt.keptBack.slice(0, 5).join(', ')}` };
  if (index.ageHours === null) return { value: 'unknown', reason: 'nothing pending, but the age of the package index is unknown, so that cannot be trusted' };
  if (index.stale === true) return { value: 'unknown', reason: `nothing pending, but the package index is ${Math.floor(index.ageHours)} h old, so that cannot be trusted` };
  return { value: true, reason: `nothing pending; package index ${Math.floor(index.ageHours)} h old` };
}

/**
 * Reboot needed when any signal says so. "Not needed" requires a signal
 * that can say no: needrestart's KSTA 1 (kernel current) with no
 * reboot-required flag, or — without needrestart — an absent flag on a host
 * where unattended-upgrades (whose kernel hook creates it) is installed.
 */
function debianReboot(
  needrestart: NeedrestartBatch | null,
  flagPresent: boolean | null,
  pkgs: RebootRequiredPackages | null,
  running: string | null,
  unattendedInstalled: boolean,
): PatchFacts['reboot'] {
  const reasons: RebootReason[] = [];
  const kernel = needrestart?.kernel ?? null;
  const ksta = (k: NonNullable<typeof kernel>) => `NEEDRESTART-KCUR: ${k.current ?? '?'} / NEEDRESTART-KEXP: ${k.expected ?? '?'} / NEEDRESTART-KSTA: ${k.ksta ?? '?'}`;
  if (kernel?.status === 'version-upgrade' || (kernel && kernel.status !== 'current' && kernel.current && kernel.expected && kernel.current !== kernel.expected)) {
    reasons.push({
      kind: 'kernel-newer-than-running',
      detail: `running kernel ${kernel.current ?? running ?? '?'}, newest installed ${kernel.expected ?? '?'}`,
      commandIds: [ids.needrestart],
      evidence: [ksta(kernel)],
    });
  } else if (kernel?.status === 'abi-compatible-upgrade') {
    reasons.push({
      kind: 'kernel-rebuilt-same-abi',
      detail: `kernel ${kernel.current ?? running ?? '?'} was upgraded in place (same ABI): the running image is the old build`,
      commandIds: [ids.needrestart],
      evidence: [ksta(kernel)],
    });
  }
  // linux-image-<ABI> (signed) or linux-image-<ABI>-unsigned: the ABI is what uname -r prints.
  const imageAbi = (name: string) => name.slice('linux-image-'.length).replace(/-unsigned$/, '');
  const newerKernels = (pkgs?.packages ?? []).filter((name) => name.startsWith('linux-image-') && running !== null && imageAbi(name) !== running);
  if (newerKernels.length > 0 && !reasons.some((reason) => reason.kind === 'kernel-newer-than-running')) {
    reasons.push({
      kind: 'kernel-newer-than-running',
      detail: `running kernel ${running}, installed since boot: ${newerKernels.join(', ')}`,
      commandIds: [ids.rebootRequiredPkgs],
      evidence: newerKernels.slice(0, 20),
    });
  }
  if (flagPresent) {
    const names = pkgs?.packages ?? [];
    reasons.push({
      kind: 'reboot-required-file',
      detail: `/var/run/reboot-required exists${names.length ? ` (requested by ${names.join(', ')})` : ''}`,
      commandIds: [ids.rebootRequired, ids.rebootRequiredPkgs],
      evidence: ['/var/run/reboot-required', ...names.slice(0, 20)],
    });
  }
  if (reasons.length > 0) return { needed: true, reasons };
  // KSTA 0: needrestart could not tell — that stays unknown, whatever else is absent.
  if (flagPresent === false && kernel?.status !== 'unknown' && (kernel?.status === 'current' || unattendedInstalled)) return { needed: false, reasons };
  return { needed: 'unknown', reasons };
}
