// restic outputs for a demo repository: `snapshots --json` (one compact
// line, oldest first; 0.18 adds program_version and summary), the snapshot
// objects themselves (which `ls --json` prints first) and `check`.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashHex, hashInt } from '../../seeded-hash';
import { rfc3339Nano } from '../time-format';
import type { ResticPlan } from './backup-plan';

export function resticSnapshotsJson(host: DemoHostSpec, plan: ResticPlan): string {
  return `${JSON.stringify(resticSnapshotObjects(host, plan))}\n`;
}

/** Each run's snapshot object as restic prints it, oldest first (`ls --json` prints the same object first, with struct_type). */
export function resticSnapshotObjects(host: DemoHostSpec, plan: ResticPlan): Record<string, unknown>[] {
  const parents = new Map<string, string>();
  return plan.runs.map((run, index) => {
    const id = hashHex(64, host.name, plan.repository, 'snapshot', index);
    const key = run.paths.join('\u0000');
    const parent = parents.get(key);
    parents.set(key, id);
    const nanos = hashInt(0, 999_999, host.name, 'nanos', index);
    const snapshot: Record<string, unknown> = { time: rfc3339Nano(run.at, nanos) };
    if (parent) snapshot.parent = parent;
    snapshot.tree = hashHex(64, host.name, plan.repository, 'tree', index);
    snapshot.paths = [...run.paths].sort();
    snapshot.hostname = host.name;
    snapshot.username = 'root';
    if (run.tags.length) snapshot.tags = run.tags;
    if (plan.version === '0.18') {
      const files = hashInt(20_000, 90_000, host.name, 'files');
      const changed = hashInt(50, 900, host.name, 'changed', index);
      const durationMs = hashInt(40_000, 900_000, host.name, 'duration', index);
      const end = new Date(run.at.getTime() + durationMs);
      snapshot.program_version = 'restic 0.18.0';
      snapshot.summary = {
        backup_start: rfc3339Nano(run.at, nanos),
        backup_end: rfc3339Nano(end, hashInt(0, 999_999, host.name, 'end', index)),
        files_new: parent ? hashInt(0, 40, host.name, 'new', index) : files,
        files_changed: parent ? changed : 0,
        files_unmodified: parent ? files - changed : 0,
        dirs_new: parent ? 0 : hashInt(500, 2000, host.name, 'dirs'),
        dirs_changed: parent ? hashInt(5, 60, host.name, 'dirs', index) : 0,
        dirs_unmodified: parent ? hashInt(500, 2000, host.name, 'dirs') : 0,
        data_blobs: changed * 3,
        tree_blobs: hashInt(20, 80, host.name, 'trees', index),
        data_added: changed * 48_211,
        data_added_packed: changed * 31_907,
        total_files_processed: files,
        total_bytes_processed: files * 187_331,
      };
    }
    snapshot.id = id;
    snapshot.short_id = id.slice(0, 8);
    return snapshot;
  });
}

/** `restic check`, or with `subset` (`K/N`) `restic check --read-data-subset=K/N`, which also reads that part of the packs. */
export function resticCheckText(host: DemoHostSpec, plan: ResticPlan, subset?: string): string {
  const count = plan.runs.length;
  const packs = hashInt(20, 60, host.name, 'packs', subset ?? '');
  const lines = [
    `using temporary cache in /tmp/restic-check-cache-${hashInt(100_000_000, 4_000_000_000, host.name, 'cache')}`,
    'create exclusive lock for repository',
    'load indexes',
    'check all packs',
    'check snapshots, trees and blobs',
    `[0:0${hashInt(0, 3, host.name, 'check')}] 100.00%  ${count} / ${count} snapshots`,
  ];
  if (plan.version === '0.14') lines.push('');
  if (subset)
    lines.push(
      `read group #${subset.split('/')[0]} of ${packs} data packs (out of total ${packs * Number(subset.split('/')[1])} packs in ${subset.split('/')[1]} groups)`,
      `[0:0${hashInt(1, 9, host.name, subset)}] 100.00%  ${packs} / ${packs} packs`,
    );
  lines.push('no errors were found');
  return `${lines.join('\n')}\n`;
}
