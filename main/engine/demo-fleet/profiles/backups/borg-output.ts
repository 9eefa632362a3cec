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
      return Object.fromEntries(Object.keys(item).sort().map((key) => [key, sortKeys((item as Record<string, unknown>)[key])]));
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
    const name = `${host.name}-${borgArchiveStamp(run.at)}`;
    const start = borgTime(new Date(Math.floor(run.at.getTime() / 1000) * 1000));
    return { archive: name, barchive: name, id: hashHex(64, host.name, plan.repository, 'archive', index), name, start, time: start };
  });
  return sortedJson({ archives, encryption: { mode: 'repokey-blake2' }, repository: repository(host, plan) });
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
    encryption: { mode: 'repokey-blake2' },
    repository: repo,
    security_dir: `${home}/.config/borg/security/${repo.id}`,
  });
}
