// zfs-send replication on the demo compute nodes: each one snapshots
// zones/data every 4 hours and sends it to its counterpart in the other site
// (cn1.nj → cn1.sea, and back), where it lands in zones/replica/<source>.
// The replica normally holds everything up to the newest snapshot or the one
// before; the planted lagging replica stopped receiving 3 days ago.
import type { DemoFleetSpec, DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { plantedProblemIds } from '../../planted-problems';
import { hashInt } from '../../seeded-hash';
import { answer, type CommandAnswer } from '../command-answer';
import { DAY_MS, HOUR_MS } from '../time-format';

export const ZFS_SOURCE_DATASET = 'zones/data';
const INTERVAL_MS = 4 * HOUR_MS;
const KEPT = 42;
const PLANTED_LAG_MS = 3 * DAY_MS;

export interface DemoZfsJob {
  dataset: string;
  replicaHost: string;
  replicaDataset: string;
  repositoryDc: string;
}

export function replicaDatasetOf(source: string): string {
  return `zones/replica/${source}`;
}

export function counterpartName(host: DemoHostSpec): string {
  return host.name.replace(/\.(nj|sea)$/, (_match, dc: string) => (dc === 'nj' ? '.sea' : '.nj'));
}

/** The compute node's replication job, when its counterpart exists in the fleet. */
export function demoZfsJob(host: DemoHostSpec, spec: DemoFleetSpec): DemoZfsJob | null {
  if (host.role !== 'cn') return null;
  const replica = spec.hosts.find((candidate) => candidate.name === counterpartName(host));
  if (!replica) return null;
  return { dataset: ZFS_SOURCE_DATASET, replicaHost: replica.name, replicaDataset: replicaDatasetOf(host.name), repositoryDc: replica.dc };
}

interface DemoZfsSnapshot {
  name: string;
  created: Date;
}

/** The source's snapshots, oldest first. */
function sourceSnapshots(sourceName: string, now: Date): DemoZfsSnapshot[] {
  const offset = hashInt(0, 30, sourceName, 'zfs-offset') * 60_000;
  const newest = Math.floor((now.getTime() - offset) / INTERVAL_MS) * INTERVAL_MS + offset;
  return Array.from({ length: KEPT }, (_, n) => {
    const created = new Date(newest - (KEPT - 1 - n) * INTERVAL_MS + hashInt(0, 40, sourceName, 'zfs', n) * 1000);
    const stamp = created.toISOString().replace(/[-:]/g, '').slice(0, 13);
    return { name: `repl-${stamp}`, created };
  });
}

function lines(dataset: string, snapshots: DemoZfsSnapshot[]): string {
  return snapshots.map((snapshot) => `${dataset}@${snapshot.name}\t${Math.floor(snapshot.created.getTime() / 1000)}\n`).join('');
}

/** `zfs list -t snapshot … -d 1 'zones/data'` on the source. */
export function zfsSourceAnswer(host: DemoHostSpec, now: Date): CommandAnswer {
  return answer(lines(ZFS_SOURCE_DATASET, sourceSnapshots(host.name, now)));
}

/** `zfs list -t snapshot … -d 1 'zones/replica/<source>'` on the replica: what arrived of the source's snapshots (received snapshots keep their creation time). */
export function zfsReplicaAnswer(source: DemoHostSpec, now: Date): CommandAnswer {
  const lagging = hasProblem(source, 'replication-lag');
  const cutoff = now.getTime() - (lagging ? PLANTED_LAG_MS : hashInt(0, 1, source.name, 'zfs-inflight') * INTERVAL_MS);
  const held = sourceSnapshots(source.name, now).filter((snapshot) => snapshot.created.getTime() <= cutoff);
  return answer(lines(replicaDatasetOf(source.name), held));
}

/** The zfs answers of a compute node: its own dataset, and the replica of its counterpart's. */
export function zfsReplicationAnswers(host: DemoHostSpec, now: Date): [string, () => CommandAnswer][] {
  if (host.role !== 'cn') return [];
  const sourceName = counterpartName(host);
  const source: DemoHostSpec = { ...host, name: sourceName, problems: plantedProblemIds(sourceName) };
  const list = (dataset: string) => `zfs list -t snapshot -Hp -o name,creation -d 1 '${dataset}'`;
  return [
    [list(ZFS_SOURCE_DATASET), () => zfsSourceAnswer(host, now)],
    [list(replicaDatasetOf(sourceName)), () => zfsReplicaAnswer(source, now)],
  ];
}
