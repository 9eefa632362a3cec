// The replica side of zfs-send replication: a job names the inventory host
// that receives its snapshots, and that host's scan lists the receiving
// dataset (read-only) so the fleet step can measure the lag. A source's
// jobs are its own or, like every backup policy, its roles'.
import type { Inventory } from '../inventory/inventory-schema';
import type { ReplicaRead } from '../posture/host-context';

// One pass over the inventory per inventory, not per host: the policy of each of thousands of hosts asks.
const byInventory = new WeakMap<Inventory, Map<string, ReplicaRead[]>>();

function replicaIndex(inventory: Inventory): Map<string, ReplicaRead[]> {
  const known = byInventory.get(inventory);
  if (known) return known;
  const index = new Map<string, ReplicaRead[]>();
  for (const source of inventory.hosts) {
    const jobs = source.backups ?? source.roles.flatMap((role) => inventory.roles[role]?.backups ?? []);
    for (const job of jobs) {
      if (job.tool !== 'zfs-send' || !job.replicaHost || !job.dataset || !job.replicaDataset) continue;
      index.set(job.replicaHost, [...(index.get(job.replicaHost) ?? []), { sourceHost: source.name, sourceDataset: job.dataset, dataset: job.replicaDataset }]);
    }
  }
  byInventory.set(inventory, index);
  return index;
}

export function replicaReads(inventory: Inventory, hostName: string): { replicaOf?: ReplicaRead[] } {
  const reads = replicaIndex(inventory).get(hostName);
  return reads ? { replicaOf: reads.map((read) => ({ ...read })) } : {};
}
