// What the patches area knows about one host after a scan: plain,
// JSON-serialisable facts, built by pure functions from the raw outputs of
// PATCH_COMMANDS. Findings and the SLA clock are computed from these
// (main/engine/posture/patch-*.ts).
import type { CommandOutput, TargetOs } from '../host-command';
import { debianPatchFacts } from './debian-patch-facts';
import type { KernelRelease } from './kernel-release';
import type { CommandCheck } from '../output-reader';
import type { PlatformImageEntry } from './piadm-list';
import { smartosPatchFacts } from './smartos-patch-facts';
import type { UnattendedRun } from './unattended-upgrades-log';

export { PACKAGE_INDEX_MAX_AGE_HOURS } from './package-index-age';

export interface PendingUpdate {
  /** Package name as the tool prints it (`libc6:i386` for a foreign architecture). */
  name: string;
  /** Installed version; null for a new package, or when the tool does not say (pkgin). */
  from: string | null;
  to: string;
  security: boolean;
  /** apt origins as printed (`Debian-Security:12/oldstable-security`); pkgsrc: the repository is not named. */
  origins: string[];
  /** Archive names (`oldstable-security`); on SmartOS, the advisory classifications that make it a security update. */
  suites: string[];
  /** The output line it came from. */
  evidence: string;
}

export interface VulnerablePackage {
  name: string;
  version: string | null;
  /** pkgsrc classification ("memory-corruption") or the CVE id (debsecan). */
  vulnerability: string;
  /** Advisory URL (pkg_admin) or the CVE id (debsecan). */
  advisory: string | null;
  source: 'pkg_admin audit' | 'debsecan';
  /** pkgsrc: an upgrade is pending for it; debsecan: fixed in the host's suite. */
  fixAvailable: boolean | null;
  endOfLife: boolean;
}

export type RebootReasonKind = 'kernel-newer-than-running' | 'kernel-rebuilt-same-abi' | 'reboot-required-file' | 'platform-image-staged';

export interface RebootReason {
  kind: RebootReasonKind;
  detail: string;
  commandIds: string[];
  evidence: string[];
}

export interface PackageIndexAge {
  /** Debian: apt's InRelease files; SmartOS: the pkg-vulnerabilities list pkg_admin audit relies on. */
  kind: 'apt-lists' | 'pkg-vulnerabilities';
  /** Newest modification time, ISO 8601 UTC. */
  newestAt: string | null;
  /** Hours between newestAt and the scan; null when unknown. */
  ageHours: number | null;
  stale: boolean | 'unknown';
}

export interface PlatformImageFacts {
  /** Running stamp (uname -v): "20241128T004404Z". */
  running: string;
  builtAt: string;
  ageDays: number;
  /** Stamp piadm will boot next; null when piadm shows none. */
  next: string | null;
  nextBuiltAt: string | null;
  images: PlatformImageEntry[];
  /** False when the host boots from USB key/PXE (no bootable pool); null when piadm did not answer. */
  bootable: boolean | null;
}

export interface PatchFacts {
  os: TargetOs;
  /** When the outputs were collected (the scan's clock), ISO 8601. */
  collectedAt: string;
  release: { name: string | null; version: string | null; codename: string | null; pointRelease: string | null };
  /** Debian: the running kernel and the newest installed one (needrestart KEXP). */
  kernel: { running: string; parsed: KernelRelease | null; newestInstalled: string | null } | null;
  /** SmartOS: the running platform image and what piadm will boot next. */
  platformImage: PlatformImageFacts | null;
  /** uname -r (Debian) or the platform stamp (SmartOS): compared between the two sites. */
  kernelOrPlatform: string | null;
  /** Age of the platform image in days; null on Debian (uname -r carries no date). */
  kernelOrPlatformAgeDays: number | null;
  packageIndex: PackageIndexAge;
  /** False when the pending list could not be read: then pendingUpdates is empty but NOT "nothing pending". */
  pendingUpdatesKnown: boolean;
  pendingUpdates: PendingUpdate[];
  /** Packages with a newer version that the upgrade would not install (held back). */
  keptBack: string[];
  vulnerabilitiesKnown: boolean;
  vulnerablePackages: VulnerablePackage[];
  /**
   * true only when the pending list was read, is empty, and the index it
   * comes from is fresh; false when something is pending; otherwise unknown.
   */
  upToDate: true | false | 'unknown';
  upToDateReason: string;
  reboot: { needed: boolean | 'unknown'; reasons: RebootReason[] };
  servicesNeedingRestart: string[];
  /** null when there is no unattended-upgrades log (not installed, or unreadable). */
  unattendedUpgrades: { lastRun: UnattendedRun | null } | null;
  checks: CommandCheck[];
}

export function patchFacts(os: TargetOs, outputs: CommandOutput[], now: Date): PatchFacts {
  return os === 'debian' ? debianPatchFacts(outputs, now) : smartosPatchFacts(outputs, now);
}
