// The kinds of patch finding, their stable ids (`patches.<kind>:<host>`, the
// same across scans so history can follow one problem) and how one is built.
import { areaFinding, areaFindingId, type AreaFindingInput } from './area-finding';
import type { Finding } from './finding';

export { plural } from './area-finding';

export const PATCH_FINDING_KINDS = {
  /** Security updates pending (info within the SLA, medium → critical beyond it). */
  securityUpdates: 'security-updates',
  /** The pending updates could not be read at all. */
  updatesUnknown: 'updates-unknown',
  /** Package index (or pkg-vulnerabilities) older than 24 h, or of unknown age. */
  packageIndex: 'package-index',
  rebootNeeded: 'reboot-needed',
  platformImageAge: 'platform-image-age',
  vulnerablePackages: 'vulnerable-packages',
  /** debsecan knows a fix in the host's suite that apt does not offer. */
  securityFixNotOffered: 'security-fix-not-offered',
  servicesRestart: 'services-restart',
  unattendedUpgrades: 'unattended-upgrades',
  /** Secondary-site host on a different kernel / platform image than its primary counterpart. */
  siteParity: 'site-parity',
} as const;

export type PatchFindingKind = (typeof PATCH_FINDING_KINDS)[keyof typeof PATCH_FINDING_KINDS];

export function patchFindingId(kind: PatchFindingKind, host: string): string {
  return areaFindingId('patches', kind, host);
}

export interface PatchFindingInput extends Omit<AreaFindingInput, 'area' | 'kind' | 'qualifier'> {
  kind: PatchFindingKind;
}

export function patchFinding(input: PatchFindingInput): Finding {
  return areaFinding({ ...input, area: 'patches' });
}
