// Where one job's integrity cycle stands, from the checks OpsDeck ran: a
// cycle is complete when every part 1…N has been read without error; the
// next check reads the lowest part not yet read in the cycle under way, so a
// part whose check failed is read again until it passes (the failure stays
// visible) and no part is skipped. A change of N starts a new cycle.
import type { IntegrityCheckRun, IntegrityCycleView } from '../../../preload/contract';
import type { BackupJob } from '../inventory/backup-policy-schema';

const DAY_MS = 86_400_000;

export interface IntegrityCycleState {
  subsets: number;
  coveredInCycle: number[];
  nextSubset: number;
  cycleStartedAt: string | null;
  lastFullCycleAt: string | null;
}

/** `runs` of one job, any order. */
export function integrityCycleState(runs: IntegrityCheckRun[], subsets: number): IntegrityCycleState {
  let covered = new Set<number>();
  let cycleStartedAt: string | null = null;
  let lastFullCycleAt: string | null = null;
  for (const run of oldestFirst(runs)) {
    if (run.subsets !== subsets) {
      covered = new Set();
      cycleStartedAt = null;
      continue;
    }
    if (run.outcome !== 'passed' || run.subset < 1 || run.subset > subsets) continue;
    if (covered.size === 0) cycleStartedAt = run.startedAt;
    covered.add(run.subset);
    if (covered.size === subsets) {
      lastFullCycleAt = run.finishedAt;
      covered = new Set();
      cycleStartedAt = null;
    }
  }
  const coveredInCycle = [...covered].sort((a, b) => a - b);
  let nextSubset = 1;
  while (covered.has(nextSubset)) nextSubset++;
  return { subsets, coveredInCycle, nextSubset, cycleStartedAt, lastFullCycleAt };
}

/** Share of the repository read without error within the window: distinct parts of the current N passed since `now - windowDays`. */
export function verifiedShare(runs: IntegrityCheckRun[], subsets: number, now: Date, windowDays: number): number {
  const since = now.getTime() - windowDays * DAY_MS;
  const parts = new Set(runs.filter((run) => run.outcome === 'passed' && run.subsets === subsets && Date.parse(run.finishedAt) >= since).map((run) => run.subset));
  return parts.size / subsets;
}

export interface IntegrityJob {
  host: string;
  dc: string;
  jobIndex: number;
  tool: 'restic' | 'borg';
  subsets: number;
  windowDays: number;
}

/** `runs` of any hosts and jobs. */
export function integrityCycleViews(jobs: IntegrityJob[], runs: IntegrityCheckRun[], now: Date): IntegrityCycleView[] {
  return jobs.map((job) => {
    const own = runs.filter((run) => run.host === job.host && run.jobIndex === job.jobIndex);
    const finished = oldestFirst(own.filter((run) => run.outcome !== 'cancelled'));
    return {
      ...job,
      ...integrityCycleState(own, job.subsets),
      verifiedShare: verifiedShare(own, job.subsets, now, job.windowDays),
      lastRun: finished[finished.length - 1] ?? null,
    };
  });
}

function oldestFirst(runs: IntegrityCheckRun[]): IntegrityCheckRun[] {
  return [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Every restic/borg job of the given hosts, with the number of parts its cycle has. */
export function integrityJobs(hosts: { name: string; dc: string; jobs: BackupJob[] }[]): IntegrityJob[] {
  return hosts.flatMap((host) =>
    host.jobs.flatMap((job, jobIndex) =>
      job.tool === 'zfs-send' ? [] : [{ host: host.name, dc: host.dc, jobIndex, tool: job.tool, subsets: cycleSubsets(job), windowDays: job.integrityMaxAgeDays }],
    ),
  );
}

/** Parts a job's cycle has: restic's policy value; borg reads its repository whole. */
export function cycleSubsets(job: BackupJob): number {
  return job.tool === 'restic' ? job.integritySubsets : 1;
}
