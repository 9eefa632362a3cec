// zfs-send replication lag, across hosts: the source's snapshots (its own
// scan) against what its replica host holds of them (the replica's scan,
// read-only). The newest source snapshot whose name the replica also holds
// is the last one replicated; the lag runs from its creation to the moment
// the replica was read. Beyond the job's RPO it is a finding on the source
// (annex §2): a failover to the replica would lose that much.
import type { BackupFacts, ReplicaFacts } from '../collectors/backups/backup-facts';
import type { BackupSnapshot } from '../collectors/backups/backup-snapshot';
import type { BackupJob } from '../inventory/backup-policy-schema';
import { BACKUP_FINDING_KINDS as KIND, backupFinding } from './backup-finding-kinds';
import { jobLabel } from './backup-findings';
import type { Finding } from './finding';
import type { FleetHostFacts } from './fleet-host-facts';

const HOUR_MS = 3_600_000;

export interface ReplicationLag {
  /** The newest source snapshot the replica holds; null when it holds none of them. */
  replicated: BackupSnapshot | null;
  /** Hours from that snapshot's creation to the replica's reading; null when nothing was replicated. */
  lagHours: number | null;
  /** Source snapshots newer than the replicated one. */
  behind: number;
}

const snapName = (snapshot: BackupSnapshot) => snapshot.id.slice(snapshot.id.indexOf('@') + 1);

/** `source` oldest first, as the facts keep them. */
export function replicationLag(source: BackupSnapshot[], replica: ReplicaFacts): ReplicationLag {
  const held = new Set(replica.snapshots.map(snapName));
  const index = source.map(snapName).findLastIndex((name) => held.has(name));
  if (index < 0) return { replicated: null, lagHours: null, behind: source.length };
  const replicated = source[index]!;
  return { replicated, lagHours: Math.max(0, (Date.parse(replica.readAt) - Date.parse(replicated.time)) / HOUR_MS), behind: source.length - index - 1 };
}

export function replicationLagFindings(hosts: FleetHostFacts<BackupFacts>[]): Finding[] {
  const replicaOf = new Map<string, ReplicaFacts>();
  for (const host of hosts) {
    for (const replica of host.facts.replicas ?? []) replicaOf.set(`${replica.sourceHost}\0${replica.sourceDataset}`, replica);
  }
  const replicaHostOf = new Map(hosts.map((host) => [host.host, host]));
  const findings: Finding[] = [];
  for (const host of hosts) {
    const jobs = host.policy?.backups ?? [];
    for (const jobFacts of host.facts.jobs) {
      const job = jobs[jobFacts.index];
      if (!job || job.tool !== 'zfs-send' || !job.dataset || !job.replicaHost || jobFacts.state !== 'ok') continue;
      const replica = replicaOf.get(`${host.host}\0${job.dataset}`);
      // A replica host that did not answer this scan says nothing about the lag (its own scan shows why).
      if (!replica || !replicaHostOf.has(job.replicaHost)) continue;
      const finding = lagFinding(host, job, jobFacts.index, jobFacts.snapshots, replica);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function lagFinding(host: FleetHostFacts<BackupFacts>, job: BackupJob, index: number, source: BackupSnapshot[], replica: ReplicaFacts): Finding | null {
  const rpoHours = job.rpoHours ?? host.policy?.backupRpoHours ?? 24;
  const where = `${replica.dataset} on ${job.replicaHost}`;
  const make = (severity: Finding['severity'], title: string, detail: string, excerpt: string[]) =>
    backupFinding({
      kind: KIND.replicationLag,
      host: host.host,
      dc: host.dc,
      control: 'backupVerification',
      severity,
      title,
      detail,
      commandIds: [`backups.${index}.snapshots`, `${job.replicaHost}:${replica.commandId}`],
      excerpt,
      qualifier: String(index),
    });
  if (replica.state !== 'ok') {
    return make('high', `${jobLabel(job)}: replica ${where} cannot be read — ${replica.state}`, `The replica host answered: ${replica.message ?? '(nothing)'}`, [replica.message ?? replica.state]);
  }
  if (source.length === 0) return null;
  const lag = replicationLag(source, replica);
  const newestReplica = replica.snapshots.at(-1);
  const excerpt = [`source newest   ${source.at(-1)!.time}  ${source.at(-1)!.id}`, `replica newest  ${newestReplica ? `${newestReplica.time}  ${newestReplica.id}` : '(no snapshot)'}`];
  if (lag.lagHours === null) {
    return make(
      'high',
      `${jobLabel(job)}: replica ${where} holds none of the source's ${source.length} snapshots`,
      `Replication to ${job.replicaHost} has not delivered any snapshot the source still keeps; RPO ${rpoHours} h.`,
      excerpt,
    );
  }
  if (lag.lagHours <= rpoHours) return null;
  return make(
    lag.lagHours > 3 * rpoHours ? 'critical' : 'high',
    `${jobLabel(job)}: replica ${where} lags ${lagText(lag.lagHours)} behind (RPO ${rpoHours} h)`,
    `The newest snapshot on the replica is ${lag.replicated!.id} from ${lag.replicated!.time}; ${lag.behind} newer source snapshots have not arrived.`,
    excerpt,
  );
}

function lagText(hours: number): string {
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${Math.floor(hours)} h`;
}
