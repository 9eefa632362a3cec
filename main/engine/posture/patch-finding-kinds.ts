// The kinds of patch finding, their stable ids (`patches.<kind>:<host>`, the
// same across scans so history can follow one problem) and how one is built.
import type { ControlId, Finding, Severity } from './finding';

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
  return `patches.${kind}:${host}`;
}

const MAX_EXCERPT_LINES = 12;

export interface PatchFindingInput {
  kind: PatchFindingKind;
  host: string;
  dc: string;
  control: ControlId;
  severity: Severity;
  title: string;
  detail: string;
  commandIds: string[];
  excerpt: string[];
}

export function patchFinding(input: PatchFindingInput): Finding {
  const excerpt = input.excerpt.length > MAX_EXCERPT_LINES ? [...input.excerpt.slice(0, MAX_EXCERPT_LINES - 1), `… ${input.excerpt.length - MAX_EXCERPT_LINES + 1} more`] : input.excerpt;
  return {
    id: patchFindingId(input.kind, input.host),
    host: input.host,
    dc: input.dc,
    area: 'patches',
    control: input.control,
    severity: input.severity,
    title: input.title,
    detail: input.detail,
    evidence: { commandIds: [...new Set(input.commandIds)], excerpt },
  };
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
