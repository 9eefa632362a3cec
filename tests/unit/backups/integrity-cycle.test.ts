// The integrity cycle: which part of a repository the next check reads, when
// a cycle is complete, the share verified recently, the findings from
// stored checks, the check commands, and checks on the demo fleet through
// the same runner as on real hosts.
import { describe, expect, test } from 'vitest';
import type { IntegrityCheckRun } from '../../../preload/contract';
import { integrityCycleState, integrityCycleViews, integrityJobs, verifiedShare } from '../../../main/engine/backups/integrity-cycle';
import { runIntegrityCheck } from '../../../main/engine/backups/integrity-check-runner';
import { BORG_CHECK_ARGV, integrityCheckCommand, resticCheckArgv } from '../../../main/engine/collectors/backups/integrity-check-commands';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { demoHostProfile } from '../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { scanTargetFor } from '../../../main/engine/fleet/scan-targets';
import { integrityCycleFindings } from '../../../main/engine/posture/integrity-cycle-findings';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor } from '../../../main/engine/scan/command-executor';
import { demoInventory } from './support/demo-fleet-backups';
import { backupJob } from '../../support/backup-job';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

function check(subset: number, outcome: IntegrityCheckRun['outcome'], daysAgo: number, extra: Partial<IntegrityCheckRun> = {}): IntegrityCheckRun {
  const at = new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  return {
    checkId: `c-${subset}-${daysAgo}`,
    host: 'imap1.nj',
    dc: 'nj',
    tool: 'restic',
    jobIndex: 0,
    operator: 'ops',
    subset,
    subsets: 4,
    startedAt: at,
    finishedAt: at,
    outcome,
    reason: outcome === 'passed' ? null : 'restic check found errors: Pack ID does not match',
    toolOutput: outcome === 'passed' ? ['no errors were found'] : ['Pack ID does not match, want 1, got 2', 'Fatal: repository contains errors'],
    durationMs: 1000,
    commands: [{ id: 'integrity-check', command: 'sh -c …', exitCode: outcome === 'passed' ? 0 : 1, durationMs: 1000, stdoutSha256: '0'.repeat(64), stderrSha256: '0'.repeat(64), error: null }],
    ...extra,
  };
}

describe('the cycle state', () => {
  test('a fresh job reads part 1; each passed part moves to the lowest part not yet read', () => {
    expect(integrityCycleState([], 4)).toEqual({ subsets: 4, coveredInCycle: [], nextSubset: 1, cycleStartedAt: null, lastFullCycleAt: null });
    const state = integrityCycleState([check(1, 'passed', 5), check(2, 'passed', 4)], 4);
    expect(state).toMatchObject({ coveredInCycle: [1, 2], nextSubset: 3, lastFullCycleAt: null });
    expect(state.cycleStartedAt).toBe(check(1, 'passed', 5).startedAt);
  });

  test('a failed part is read again until it passes: no part is skipped', () => {
    const runs = [check(1, 'passed', 5), check(2, 'failed', 4), check(2, 'error', 3)];
    expect(integrityCycleState(runs, 4)).toMatchObject({ coveredInCycle: [1], nextSubset: 2 });
  });

  test('every part read without error completes the cycle, at the end of its last check; the next cycle starts at part 1', () => {
    const runs = [check(4, 'passed', 1), check(2, 'passed', 6), check(1, 'passed', 7), check(3, 'passed', 2), check(1, 'passed', 0.5)];
    const state = integrityCycleState(runs, 4);
    expect(state.lastFullCycleAt).toBe(check(4, 'passed', 1).finishedAt);
    expect(state).toMatchObject({ coveredInCycle: [1], nextSubset: 2 });
  });

  test('a change in the number of parts starts a new cycle', () => {
    const runs = [check(1, 'passed', 5), check(2, 'passed', 4), check(1, 'passed', 3, { subsets: 2 })];
    expect(integrityCycleState(runs, 2)).toMatchObject({ coveredInCycle: [1], nextSubset: 2, lastFullCycleAt: null });
  });

  test('the share verified in the window counts distinct parts read without error within it', () => {
    const runs = [check(1, 'passed', 40), check(2, 'passed', 10), check(3, 'failed', 5), check(2, 'passed', 2), check(4, 'passed', 1)];
    expect(verifiedShare(runs, 4, NOW, 30)).toBe(0.5);
    expect(verifiedShare([], 4, NOW, 30)).toBe(0);
  });

  test('views cover every restic and borg job of every host (borg in one part, zfs-send not at all)', () => {
    const jobs = integrityJobs([
      {
        name: 'imap1.nj',
        dc: 'nj',
        jobs: [backupJob('restic', { integritySubsets: 4 }), backupJob('borg', { integrityMaxAgeDays: 14, integritySubsets: 4 }), backupJob('zfs-send', { integritySubsets: 4 })],
      },
    ]);
    expect(jobs.map((job) => [job.tool, job.jobIndex, job.subsets, job.windowDays])).toEqual([
      ['restic', 0, 4, 30],
      ['borg', 1, 1, 14],
    ]);
    const views = integrityCycleViews(jobs, [check(1, 'passed', 3), check(2, 'cancelled', 1)], NOW);
    expect(views[0]).toMatchObject({ coveredInCycle: [1], nextSubset: 2, verifiedShare: 0.25, lastRun: { subset: 1, outcome: 'passed' } });
    expect(views[1]).toMatchObject({ coveredInCycle: [], nextSubset: 1, lastRun: null });
  });
});

describe('findings from the cycle', () => {
  const views = (runs: IntegrityCheckRun[], windowDays = 30) => integrityCycleViews([{ host: 'imap1.nj', dc: 'nj', jobIndex: 0, tool: 'restic', subsets: 4, windowDays }], runs, NOW);
  const ids = (runs: IntegrityCheckRun[], windowDays = 30) => integrityCycleFindings(views(runs, windowDays), NOW).map((finding) => finding.id);

  test('a job OpsDeck never checked has none (its own check unit is judged by the scan)', () => {
    expect(ids([])).toEqual([]);
  });

  test('a newest check that found damage is critical and quotes the tool', () => {
    const [finding] = integrityCycleFindings(views([check(1, 'passed', 3), check(2, 'failed', 1)]), NOW);
    expect(finding).toMatchObject({ id: 'backups.integrity-check-failed:imap1.nj:0', severity: 'critical', control: 'backupVerification' });
    expect(finding!.title).toBe('restic job 0: integrity check of part 2/4 found damage');
    expect(finding!.evidence.excerpt).toContain('Fatal: repository contains errors');
  });

  test('a cycle completed within the policy is no finding; one completed too long ago, or under way too long, is', () => {
    const complete = [1, 2, 3, 4].map((part) => check(part, 'passed', 20 - part));
    expect(ids(complete)).toEqual([]);
    expect(ids(complete, 10)).toEqual(['backups.integrity-cycle-incomplete:imap1.nj:0']);
    const [overdue] = integrityCycleFindings(views([check(1, 'passed', 40), check(2, 'passed', 35)]), NOW);
    expect(overdue!.title).toBe('restic job 0: no full integrity cycle in 40 days of checks (policy 30 days; 2 of 4 parts read in the cycle under way)');
    expect(ids([check(1, 'passed', 3)])).toEqual([]);
  });
});

describe('the check commands', () => {
  test('restic reads part K of N; anything else is refused before it reaches a host', () => {
    expect(resticCheckArgv(3, 8)).toBe('restic check --read-data-subset=3/8');
    expect(() => resticCheckArgv(0, 8)).toThrow(/not a restic data subset/);
    expect(() => resticCheckArgv(9, 8)).toThrow(/not a restic data subset/);
  });

  test('the environment file is one quoted argument of a fixed script that removes its scratch directory', () => {
    const command = integrityCheckCommand("/etc/backup/it's.env", BORG_CHECK_ARGV);
    expect(command).toMatch(/^sh -c '.*' opsdeck-integrity-check '\/etc\/backup\/it'\\''s\.env' borg check --verify-data$/s);
    expect(command).toContain('trap cleanup EXIT');
    expect(command).toContain('rm -rf "$d"');
  });
});

describe('integrity checks on the demo fleet', () => {
  const { spec, inventory } = demoInventory();
  const executor: CommandExecutor = {
    exec: async (route, command) => {
      const host = spec.hosts.find((candidate) => candidate.name === route.target.label)!;
      const result = demoHostProfile(spec, host, NOW).answer(parseDemoCommand(command));
      return { stdout: result.stdout.toString(), stderr: result.stderr.toString(), exitCode: result.exitCode, signal: null, durationMs: 1 };
    },
  };
  const audited: string[] = [];
  const audit: CommandAudit = { commandStarted: async (start) => audited.push(`${start.host} ${start.command}`), commandEnded: async () => undefined };
  const checkOf = (host: string, subset?: number, jobIndex?: number) =>
    runIntegrityCheck(
      {
        target: scanTargetFor(
          inventory,
          inventory.hosts.find((entry) => entry.name === host)!,
        ),
        operator: 'ops',
        subset,
        jobIndex,
      },
      { executor, audit, now: () => NOW, signal: new AbortController().signal },
    );

  test('imap1.nj reads the part it is asked for through the same runner, audit-logged, and passes', async () => {
    const run = await checkOf('imap1.nj', 3);
    expect(run).toMatchObject({ outcome: 'passed', tool: 'restic', subset: 3, subsets: 8, reason: null });
    expect(run.toolOutput).toContain('no errors were found');
    expect(run.toolOutput.join('\n')).toMatch(/read group #3 of/);
    expect(audited.at(-1)).toMatch(/^imap1\.nj .*restic check --read-data-subset=3\/8$/s);
  });

  test('db1.sea (borg) reads its whole repository: one part', async () => {
    const run = await checkOf('db1.sea', 5);
    expect(run).toMatchObject({ outcome: 'passed', tool: 'borg', subset: 1, subsets: 1 });
    expect(audited.at(-1)).toMatch(/borg check --verify-data$/);
  });

  test('a host without such a job, or a job index it does not have, is an error that says so', async () => {
    expect((await checkOf('imap1.nj', 1, 7)).reason).toBe('imap1.nj has no backup job 7');
    const noJobs = inventory.hosts.find((entry) => (scanTargetFor(inventory, entry).policy.backups ?? []).length === 0)!;
    expect(await checkOf(noJobs.name)).toMatchObject({ outcome: 'error', reason: `${noJobs.name} has no restic or borg job to check` });
  });
});
