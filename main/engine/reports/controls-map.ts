// The controls map: every finding kind and every other check OpsDeck makes,
// with the Annex 2 control it serves (CONTROLS in posture/finding.ts names
// each control's section and title). One table; a new area adds one entry per
// finding kind (tests/unit/reports/controls-map.test.ts finds every
// *_FINDING_KINDS table on its own and fails on a kind missing here).
import type { PostureArea } from '../../../preload/contract';
import { ACCESS_FINDING_CONTROLS } from '../posture/access-finding-kinds';
import { CONTROLS, type ControlId } from '../posture/finding';
import { RETENTION_FINDING_KINDS } from '../posture/retention-finding-kinds';
import { TRANSPORT_FINDING_KINDS } from '../posture/transport-finding-kinds';

/** `<area>.<kind>` (the head of a finding id) → the control it serves. */
export const FINDING_KIND_CONTROLS: Readonly<Record<string, ControlId>> = {
  'firewall.port-beyond-baseline': 'necessaryCommunications',
  'firewall.ssh-open-to-any': 'necessaryCommunications',
  'firewall.input-accept': 'necessaryCommunications',
  'firewall.ipv6-unfiltered': 'necessaryCommunications',
  'firewall.inactive': 'necessaryCommunications',
  'firewall.rules-unreadable': 'necessaryCommunications',
  'firewall.exposure-undetermined': 'necessaryCommunications',
  'firewall.unlisted-services': 'necessaryCommunications',
  'firewall.zone-firewall-disabled': 'necessaryCommunications',
  'firewall.zone-rule-open': 'necessaryCommunications',
  'firewall.role-drift': 'necessaryCommunications',
  'firewall.site-drift': 'necessaryCommunications',
  'firewall.listeners-unknown': 'necessaryCommunications',
  'encryption.data-unencrypted': 'onDiskEncryption',
  'encryption.logs-unencrypted': 'onDiskEncryption',
  'encryption.swap-unencrypted': 'onDiskEncryption',
  'encryption.luks1': 'onDiskEncryption',
  'encryption.weak-cipher': 'onDiskEncryption',
  'encryption.zfs-key-unavailable': 'onDiskEncryption',
  'encryption.zfs-unencrypted-child': 'onDiskEncryption',
  'encryption.crypttab-not-open': 'onDiskEncryption',
  'encryption.encryption-unknown': 'onDiskEncryption',
  'encryption.crypt-details-unknown': 'onDiskEncryption',
  'patches.security-updates': 'vendorSecurityUpdates',
  'patches.updates-unknown': 'softwareUpdates',
  'patches.package-index': 'softwareUpdates',
  'patches.reboot-needed': 'softwareUpdates',
  'patches.platform-image-age': 'softwareUpdates',
  'patches.vulnerable-packages': 'vendorSecurityUpdates',
  'patches.security-fix-not-offered': 'vendorSecurityUpdates',
  'patches.services-restart': 'softwareUpdates',
  'patches.unattended-upgrades': 'softwareUpdates',
  'patches.site-parity': 'softwareUpdates',
  'backups.unreadable': 'backupVerification',
  'backups.stale': 'backupVerification',
  'backups.path-not-covered': 'backupVerification',
  'backups.on-site': 'backupVerification',
  'backups.unencrypted': 'onDiskEncryption',
  'backups.restore-test-stale': 'backupVerification',
  'backups.job-failed': 'backupVerification',
  'backups.check-failed': 'backupVerification',
  'backups.check-stale': 'backupVerification',
  'backups.replication-lag': 'backupVerification',
  'backups.restore-test-failed': 'backupVerification',
  'backups.leftover-scratch': 'backupVerification',
  'backups.integrity-check-failed': 'backupVerification',
  'backups.integrity-cycle-incomplete': 'backupVerification',
  // Access findings carry their control where they are made (§7 logins, §8 logging).
  ...Object.fromEntries(Object.entries(ACCESS_FINDING_CONTROLS).map(([kind, control]) => [`access.${kind}`, control])),
  // Every transport finding is §5 (TLS with forward secrecy, HSTS).
  ...Object.fromEntries(Object.values(TRANSPORT_FINDING_KINDS).map((kind) => [`transport.${kind}`, 'encryptedTransport' as const])),
  // Every retention finding is §15 (logs kept 180 days, then deleted).
  ...Object.fromEntries(Object.values(RETENTION_FINDING_KINDS).map((kind) => [`retention.${kind}`, 'limitedRetention' as const])),
};

/** Checks that are not scan findings: what OpsDeck itself records. */
export const CHECK_CONTROLS = {
  /** The audit log's hash chain and keyed MACs verify. */
  'audit.chain': 'staffAccessLogging',
  /** The newest site-failover drill run met its RTO target. */
  'drills.site-failover': 'disasterRecoveryTesting',
} as const satisfies Record<string, ControlId>;

/** Controls in the order a report lists them: by Annex section, then as CONTROLS names them. */
export const CONTROL_ORDER: ControlId[] = (Object.keys(CONTROLS) as ControlId[]).sort((a, b) => Number(CONTROLS[a].section) - Number(CONTROLS[b].section));

/** `firewall.port-beyond-baseline:db1.nj:tcp/5432` → `firewall.port-beyond-baseline`. */
export function findingKindOf(findingId: string): string {
  const colon = findingId.indexOf(':');
  return colon < 0 ? findingId : findingId.slice(0, colon);
}

export function controlOfFinding(finding: { id: string; control: string }): ControlId | null {
  return FINDING_KIND_CONTROLS[findingKindOf(finding.id)] ?? (finding.control in CONTROLS ? (finding.control as ControlId) : null);
}

/** The scan areas whose facts feed a control (a host with none of them fresh has not been checked for it). */
export function areasOfControl(control: ControlId): PostureArea[] {
  const areas = new Set<PostureArea>();
  for (const [kind, mapped] of Object.entries(FINDING_KIND_CONTROLS)) if (mapped === control) areas.add(kind.slice(0, kind.indexOf('.')) as PostureArea);
  return [...areas];
}
