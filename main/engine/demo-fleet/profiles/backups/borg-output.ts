// borg 1.2/1.4 `list --json` and `info --json`: pretty-printed with 4-space
// indent and sorted keys (Python json.dumps), times local (UTC here) with
// microseconds and no zone.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashHex, hashInt } from '../../seeded-hash';
import { borgArchiveStamp, borgTime } from '../time-format';
import type { BorgPlan } from './backup-plan';

function sortedJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sortKeys((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`;
}

function repository(host: DemoHostSpec, plan: BorgPlan) {
  const newest = plan.runs[plan.runs.length - 1];
  const lastModified = newest ? new Date(newest.at.getTime() + hashInt(30_000, 600_000, host.name, 'borg-end')) : new Date(0);
  return { id: hashHex(64, host.name, plan.repository, 'repo'), last_modified: borgTime(lastModified), location: plan.repository };
}

export function borgListJson(host: DemoHostSpec, plan: BorgPlan): string {
  const archives = plan.runs.map((run, index) => {
    const name = archiveName(host, run);
    const start = borgTime(new Date(Math.floor(run.at.getTime() / 1000) * 1000));
    return { archive: name, barchive: name, id: hashHex(64, host.name, plan.repository, 'archive', index), name, start, time: start };
  });
  return sortedJson({ archives, encryption: { mode: plan.encryption }, repository: repository(host, plan) });
}

export function archiveName(host: DemoHostSpec, run: BorgPlan['runs'][number]): string {
  return run.tags.includes('restore-test') ? `${host.name}-restore-test-${borgArchiveStamp(run.at)}` : `${host.name}-${borgArchiveStamp(run.at)}`;
}

/** `borg info --json --last 1`: the repository plus the newest archive with its create command line (borg-info-json-archive.txt). */
export function borgInfoLastJson(host: DemoHostSpec, plan: BorgPlan, asRoot: boolean): string {
  const base = JSON.parse(borgInfoJson(host, plan, asRoot)) as Record<string, unknown>;
  const index = plan.runs.length - 1;
  const run = plan.runs[index];
  if (!run) return sortedJson({ ...base, archives: [] });
  const start = new Date(Math.floor(run.at.getTime() / 1000) * 1000);
  const duration = hashInt(20, 900, host.name, 'borg-duration', index);
  const archive = {
    chunker_params: ['buzhash', 19, 23, 21, 4095],
    command_line: ['/usr/bin/borg', 'create', '--stats', '::{hostname}-{now:%Y-%m-%dT%H:%M:%S}', ...run.paths],
    comment: '',
    duration: duration + 0.25,
    end: borgTime(new Date(start.getTime() + duration * 1000)),
    hostname: host.name,
    id: hashHex(64, host.name, plan.repository, 'archive', index),
    limits: { max_archive_size: 0.0013 },
    name: archiveName(host, run),
    start: borgTime(start),
    stats: {
      compressed_size: hashInt(1e8, 9e8, host.name, 'csize', index),
      deduplicated_size: hashInt(1e5, 9e6, host.name, 'dsize', index),
      nfiles: hashInt(300, 9000, host.name, 'nfiles'),
      original_size: hashInt(1e9, 9e9, host.name, 'osize'),
    },
    username: 'root',
  };
  return sortedJson({ ...base, archives: [archive] });
}

export function borgInfoJson(host: DemoHostSpec, plan: BorgPlan, asRoot: boolean): string {
  const repo = repository(host, plan);
  const home = asRoot ? '/root' : '/home/ops';
  const uniqueSize = hashInt(2_000_000_000, 40_000_000_000, host.name, 'borg-size');
  const archives = plan.runs.length;
  return sortedJson({
    cache: {
      path: `${home}/.cache/borg/${repo.id}`,
      stats: {
        total_chunks: archives * hashInt(40_000, 90_000, host.name, 'chunks'),
        total_csize: Math.round(uniqueSize * archives * 0.58),
        total_size: uniqueSize * archives,
        total_unique_chunks: hashInt(60_000, 140_000, host.name, 'unique-chunks'),
        unique_csize: Math.round(uniqueSize * 0.61),
        unique_size: Math.round(uniqueSize * 1.07),
      },
    },
    encryption: { mode: plan.encryption },
    repository: repo,
    security_dir: `${home}/.config/borg/security/${repo.id}`,
  });
}
