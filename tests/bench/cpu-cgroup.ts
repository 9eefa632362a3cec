// CPU spent by an external tool and everything it starts — including the
// ControlPersist masters that ssh daemonises, which /usr/bin/time and
// getrusage(RUSAGE_CHILDREN) never see because they are reparented. A
// process stays in its cgroup across fork and reparenting, so the cgroup's
// CPU counter covers all of it. cgroup v2 (cpu.stat) or v1 (cpuacct).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Hierarchy {
  root: string;
  version: 1 | 2;
}

function findHierarchy(): Hierarchy {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '));
  const v2 = mounts.find((fields) => fields[2] === 'cgroup2');
  if (v2?.[1]) return { root: v2[1], version: 2 };
  const v1 = mounts.find((fields) => fields[2] === 'cgroup' && (fields[3] ?? '').split(',').includes('cpuacct'));
  if (v1?.[1]) return { root: v1[1], version: 1 };
  throw new Error("no cgroup hierarchy with CPU accounting is mounted (cgroup2, or cgroup v1 cpuacct); the benchmark cannot measure the tools' CPU");
}

export class CpuCgroup {
  private constructor(
    readonly dir: string,
    private readonly version: 1 | 2,
  ) {}

  static create(name: string): CpuCgroup {
    const hierarchy = findHierarchy();
    const dir = join(hierarchy.root, name);
    mkdirSync(dir);
    return new CpuCgroup(dir, hierarchy.version);
  }

  /** argv that first moves itself into this cgroup, then execs the command. */
  wrap(argv: string[]): string[] {
    return ['sh', '-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', this.dir, ...argv];
  }

  /** CPU seconds (user + system) used by every process that has been in the cgroup. */
  cpuSeconds(): number {
    if (this.version === 2) {
      const usec = /^usage_usec (\d+)$/m.exec(readFileSync(join(this.dir, 'cpu.stat'), 'utf8'))?.[1];
      return Number(usec) / 1e6;
    }
    return Number(readFileSync(join(this.dir, 'cpuacct.usage'), 'utf8').trim()) / 1e9;
  }

  pids(): number[] {
    return readFileSync(join(this.dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  }

  /** Ends whatever is still in the cgroup (persisting ssh masters), then removes it. */
  async dispose(): Promise<void> {
    for (let attempt = 0; attempt < 100 && existsSync(this.dir); attempt++) {
      const pids = this.pids();
      if (pids.length === 0) {
        rmdirSync(this.dir);
        return;
      }
      if (this.version === 2 && existsSync(join(this.dir, 'cgroup.kill'))) writeFileSync(join(this.dir, 'cgroup.kill'), '1');
      else for (const pid of pids) spawnSync('kill', ['-KILL', String(pid)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`could not empty and remove ${this.dir}`);
  }
}
