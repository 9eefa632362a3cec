// Patch facts of a SmartOS global zone from the outputs of PATCH_COMMANDS.smartos.
// pkgin names no security origin: an upgrade counts as a security update
// when pkg_admin audit lists the installed package as vulnerable.
import type { CommandOutput } from '../host-command';
import type { Parsed } from '../parse-result';
import { parseSmartosEtcRelease } from './etc-release';
import { parseStatMtimes } from './file-mtimes';
import { packageIndexAge, wholeDaysBetween } from './package-index-age';
import { PATCH_COMMAND_IDS as ids, PKG_VULNERABILITIES_FILE } from './patch-commands';
import { OutputReader, okValue } from '../output-reader';
import type { PackageIndexAge, PatchFacts, PendingUpdate, PlatformImageFacts, RebootReason, VulnerablePackage } from './patch-facts';
import { parsePiadmList, type PiadmList } from './piadm-list';
import { parsePkgAdminAudit, type PkgAudit } from './pkg-audit';
import { parsePkginUpgrade, type PkginUpgrade } from './pkgin-upgrade';
import { parseUnameV, platformStamp } from './platform-image';

export function smartosPatchFacts(outputs: CommandOutput[], now: Date): PatchFacts {
  const log = new OutputReader(outputs);
  const uname = okValue(log.read(ids.platformStamp, parseUnameV));
  const piadmParsed = log.read(ids.piadmList, parsePiadmList);
  const release = okValue(log.read(ids.etcRelease, parseSmartosEtcRelease));
  const audit = okValue(log.read(ids.pkgAudit, parsePkgAdminAudit));
  const vulnList = okValue(log.read(ids.pkgVulnerabilitiesMtime, (stdout, stderr, exitCode) => parseStatMtimes(stdout, stderr, exitCode, PKG_VULNERABILITIES_FILE)));
  const pkgin = okValue(log.read(ids.pkginUpgrade, parsePkginUpgrade));

  const runningStamp = uname?.stamp ?? release?.stamp ?? null;
  const platformImage = runningStamp ? platformFacts(runningStamp, piadmParsed, now) : null;
  const vulnerable = audit ? audit.vulnerabilities : [];
  const pendingUpdates = pkgin ? pkgin.upgrades.map((upgrade) => pendingUpgrade(upgrade, audit)) : [];
  const packageIndex = packageIndexAge('pkg-vulnerabilities', vulnList?.newest ?? null, now);
  const upToDate = smartosUpToDate(pkgin, audit, pendingUpdates, packageIndex, log);
  return {
    os: 'smartos',
    collectedAt: now.toISOString(),
    release: { name: 'SmartOS', version: release?.stamp ?? runningStamp, codename: null, pointRelease: null },
    kernel: null,
    platformImage,
    kernelOrPlatform: runningStamp,
    kernelOrPlatformAgeDays: platformImage?.ageDays ?? null,
    packageIndex,
    pendingUpdatesKnown: pkgin !== null,
    pendingUpdates,
    keptBack: [],
    vulnerabilitiesKnown: audit !== null,
    vulnerablePackages: vulnerable.map((entry): VulnerablePackage => ({
      name: entry.package,
      version: entry.version,
      vulnerability: entry.classification,
      advisory: entry.advisory,
      source: 'pkg_admin audit',
      fixAvailable: pkgin ? pkgin.upgrades.some((upgrade) => upgrade.name === entry.package) : null,
      endOfLife: entry.endOfLife,
    })),
    upToDate: upToDate.value,
    upToDateReason: upToDate.reason,
    reboot: smartosReboot(platformImage, piadmParsed),
    servicesNeedingRestart: [],
    unattendedUpgrades: null,
    checks: log.checks,
  };
}

function platformFacts(running: string, piadm: Parsed<PiadmList> | null, now: Date): PlatformImageFacts | null {
  const built = platformStamp(running);
  if (!built) return null;
  const list = piadm?.value ?? null;
  const next = list?.next ?? null;
  return {
    running,
    builtAt: built.builtAt,
    ageDays: wholeDaysBetween(built.builtAt, now),
    next,
    nextBuiltAt: next ? (platformStamp(next)?.builtAt ?? null) : null,
    images: list?.images ?? [],
    bootable: piadm === null || (piadm.status !== 'ok' && piadm.status !== 'unsupported') ? null : piadm.status === 'ok',
  };
}

function pendingUpgrade(upgrade: PkginUpgrade['upgrades'][number], audit: PkgAudit | null): PendingUpdate {
  const advisories = (audit?.vulnerabilities ?? []).filter((entry) => entry.package === upgrade.name && !entry.endOfLife);
  return {
    name: upgrade.name,
    from: advisories[0]?.version ?? null,
    to: upgrade.version ?? upgrade.full,
    security: advisories.length > 0,
    origins: [],
    suites: [...new Set(advisories.map((entry) => entry.classification))],
    evidence: upgrade.full,
  };
}

function smartosUpToDate(pkgin: PkginUpgrade | null, audit: PkgAudit | null, pending: PendingUpdate[], index: PackageIndexAge, log: OutputReader): { value: PatchFacts['upToDate']; reason: string } {
  const vulnerable = audit?.vulnerabilities.length ?? 0;
  if (pending.length > 0 || vulnerable > 0) {
    return { value: false, reason: `${pending.length} pkgsrc upgrade(s) pending, ${vulnerable} vulnerability report(s) from pkg_admin audit` };
  }
  const unread = [
    !pkgin ? `pkgin: ${log.checks.find((check) => check.commandId === ids.pkginUpgrade)?.message ?? 'not run'}` : null,
    !audit ? `pkg_admin audit: ${log.checks.find((check) => check.commandId === ids.pkgAudit)?.message ?? 'not run'}` : null,
  ].filter((text): text is string => text !== null);
  if (unread.length > 0) return { value: 'unknown', reason: `could not be read — ${unread.join('; ')}` };
  if (pkgin?.toolsFirst) return { value: false, reason: 'pkgin upgraded its own tools first: the rest of the upgrade is still pending' };
  if (index.ageHours === null) return { value: 'unknown', reason: 'nothing pending, but the age of the vulnerability list is unknown, so a clean audit cannot be trusted' };
  if (index.stale === true) return { value: 'unknown', reason: `nothing pending, but the vulnerability list is ${Math.floor(index.ageHours)} h old, so a clean audit cannot be trusted` };
  return { value: true, reason: `nothing pending, no vulnerable package; vulnerability list ${Math.floor(index.ageHours)} h old` };
}

/** A platform image set to boot next that is not the running one means a reboot is pending. */
function smartosReboot(platform: PlatformImageFacts | null, piadm: Parsed<PiadmList> | null): PatchFacts['reboot'] {
  if (!platform || !piadm || piadm.status !== 'ok' || !piadm.value) return { needed: 'unknown', reasons: [] };
  const { next, running } = platform;
  if (!next || next === running) return { needed: next ? false : 'unknown', reasons: [] };
  const newer = platform.nextBuiltAt !== null && platform.nextBuiltAt > platform.builtAt;
  const rows = piadm.value.images.filter((image) => image.running || image.next).map((image) => image.line);
  const reason: RebootReason = {
    kind: 'platform-image-staged',
    detail: newer ? `platform image ${next} is staged to boot next; running ${running}` : `platform image ${next} (not newer than the running ${running}) is set to boot next`,
    commandIds: [ids.piadmList, ids.platformStamp],
    evidence: rows,
  };
  return { needed: true, reasons: [reason] };
}
