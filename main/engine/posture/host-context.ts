// What the posture step knows about a host besides its facts: where it is,
// its role baseline and the time. Built from the inventory; plain data.
import type { TargetOs } from '../collectors/host-command';
import type { StaffMember } from '../inventory/access-policy-schema';
import type { BackupJob } from '../inventory/backup-policy-schema';
import type { TransportService } from '../inventory/transport-policy-schema';

export interface PortAllowance {
  proto: 'tcp' | 'udp';
  /** Inclusive port range; a single port has from === to. */
  from: number;
  to: number;
  /** CIDRs (IPv4 or IPv6) allowed to reach it, or 'any'. */
  sources: string[];
}

export interface HostPolicy {
  roles: string[];
  allowedPorts: PortAllowance[];
  patchSlaHours: number;
  backupRpoHours: number;
  restoreTestMaxAgeDays: number;
  platformImageMaxAgeDays: number;
  /** The host's backup jobs (its own, else its roles'); absent or empty = no backup policy. */
  backups?: BackupJob[];
  /** zfs-send jobs of other hosts that replicate into this one: their replica datasets are listed here (read-only) for the replication lag. */
  replicaOf?: ReplicaRead[];
  /** Who may log in and where logs go; absent when the inventory has no staff list and no log hosts. */
  access?: AccessPolicy;
  /** Mail-facing TLS services to probe from the site's bastion; absent when the host's roles list none. */
  transport?: TransportPolicy;
}

export interface TransportPolicy {
  services: TransportService[];
  /** The address the site's bastion connects to (the host's inventory address). */
  address: string;
  /** The name probed when a service names none (the host's address when it is a DNS name, else its inventory name). */
  hostName: string;
  certificateWarningDays: number;
}

export interface ReplicaRead {
  sourceHost: string;
  sourceDataset: string;
  /** The dataset on this host that receives the source's snapshots. */
  dataset: string;
}

export interface AccessPolicy {
  /** Everyone on the inventory's staff list, former staff included (to name whose key a key is). */
  staff: StaffMember[];
  /** Names allowed on this host (its roles' `staff`; every current member when no role says). */
  allowed: string[];
  require2fa: boolean;
  /** The site's log hosts; null when the inventory names none (forwarding is then not judged). */
  logHosts: string[] | null;
}

export interface HostContext {
  host: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  os: TargetOs;
  policy: HostPolicy;
  now: Date;
}
