// The backups area and the restore test with the real restic and borg
// (Debian packages) against real repositories, over real SSH to a private
// sshd on loopback: collection states, restore tests that match (restic:
// from one `ls latest`, or from the newest backup when a restore-test
// snapshot is newer), see a change, catch a corruption that kept its mtime, a
// damaged pack, a removed password file, and a cancelled restore that leaves
// nothing behind (restic and borg); the integrity cycle reading a repository part by part, and a damaged pack or
// segment failing the check in the tool's own words.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, open, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backupsArea } from '../../main/engine/areas/backups-area';
import type { BackupFacts } from '../../main/engine/collectors/backups/backup-facts';
import { remoteCommandLine, type CommandOutput } from '../../main/engine/collectors/host-command';
import { SCRATCH_PARENT, SCRATCH_PREFIX } from '../../main/engine/collectors/backups/restore-test-commands';
import { parseResticSnapshots } from '../../main/engine/collectors/backups/restic-snapshots';
import { runIntegrityCheck } from '../../main/engine/backups/integrity-check-runner';
import { integrityCycleState } from '../../main/engine/backups/integrity-cycle';
import { runRestoreTest, type RestoreTestPhase } from '../../main/engine/backups/restore-test-runner';
import type { IntegrityCheckRun } from '../../preload/contract';
import type { BackupJob } from '../../main/engine/inventory/backup-policy-schema';
import type { HostPolicy } from '../../main/engine/posture/host-context';
import type { CommandAudit } from '../../main/engine/scan/command-audit';
import type { ScanTarget } from '../../main/engine/scan/scan-target';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';
import { backupJob } from '../support/backup-job';
import { openersOf } from '../support/open-files';

for (const tool of ['/usr/bin/restic', '/usr/bin/borg']) {
  if (!existsSync(tool)) throw new Error(`${tool} is missing: install Debian's ${tool.endsWith('borg') ? 'borgbackup' : 'restic'} package`);
}

let dir: string;
let canaryBackedUp: { atime: Date; mtime: Date };
let server: PrivateSshd;
let pool: SshPool;
const audited: string[] = [];
const audit: CommandAudit = {
  commandStarted: async (start) => audited.push(start.command),
  commandEnded: async () => undefined,
};

function sh(command: string, env: Record<string, string> = {}): string {
  const result = spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
  return result.stdout;
}

const paths = () => ({
  live: join(dir, 'live'),
  restic: join(dir, 'restic-repo'),
  resticPassword: join(dir, 'restic.password'),
  resticEnv: join(dir, 'restic.env'),
  borg: join(dir, 'borg-repo'),
  borgClear: join(dir, 'borg-clear'),
  borgEnv: join(dir, 'borg.env'),
  borgClearEnv: join(dir, 'borg-clear.env'),
});

/** A job over the live folder, with a canary in it, restoring 8 files. */
function job(tool: 'restic' | 'borg', envFile: string, extra: Partial<BackupJob> = {}): BackupJob {
  return backupJob(tool, { envFile, paths: [paths().live], restoreTestSample: 8, canaries: [join(paths().live, 'canary.txt')], ...extra });
}

function target(jobs: BackupJob[]): ScanTarget {
  const policy: HostPolicy = { roles: [], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180, backups: jobs };
  return {
    name: 'backup-host',
    dc: 'nj',
    address: '127.0.0.1',
    os: 'debian',
    roles: [],
    useSudo: false,
    siteRole: 'primary',
    policy,
    route: { target: { label: 'backup-host', address: '127.0.0.1', port: server.port, user: 'root', identityFile: join(dir, 'id_ed25519') }, jumps: [] },
  };
}

async function collect(jobs: BackupJob[]): Promise<{ facts: BackupFacts; outputs: CommandOutput[]; findings: ReturnType<typeof backupsArea.findings> }> {
  const scanTarget = target(jobs);
  const outputs: CommandOutput[] = [];
  for (const command of backupsArea.hostCommands!('debian', scanTarget.policy)) {
    const line = remoteCommandLine(command, false);
    const result = await pool.exec(scanTarget.route, line, { timeoutMs: 60_000 });
    outputs.push({ id: command.id, command: line, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, error: null });
  }
  const now = new Date();
  const facts = backupsArea.facts('debian', outputs, now, undefined, scanTarget.policy);
  return { facts, outputs, findings: backupsArea.findings(facts, { host: 'backup-host', dc: 'nj', siteRole: 'primary', os: 'debian', policy: scanTarget.policy, now }) };
}

const restoreTest = (jobs: BackupJob[], options: { signal?: AbortSignal; onPhase?: (phase: RestoreTestPhase) => void; files?: number } = {}) =>
  runRestoreTest(
    { target: target(jobs), operator: 'tester', seed: 'fixed-seed', files: options.files },
    { executor: pool, audit, now: () => new Date(), signal: options.signal ?? new AbortController().signal, onPhase: options.onPhase },
  );

const scratchDirs = () => readdirSync(SCRATCH_PARENT).filter((name) => name.startsWith(SCRATCH_PREFIX));

/** Scratch directories not in `before`, once the host's cleanup has had up to 10 s to run. */
async function newScratchDirsAfterCleanup(before: string[]): Promise<string[]> {
  let left = scratchDirs().filter((name) => !before.includes(name));
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = scratchDirs().filter((name) => !before.includes(name));
  }
  return left;
}

/** 16 bytes in the middle of `file` overwritten, as a failing disk would. */
async function damageMiddle(file: string): Promise<void> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r+');
  await handle.write(Buffer.alloc(16, 0x5a), 0, 16, Math.floor(size / 2));
  await handle.close();
}

/** Every pack file of a restic repository (data/XX/…). */
async function resticPacks(repo: string): Promise<string[]> {
  const packs: string[] = [];
  for (const sub of await readdir(join(repo, 'data'))) for (const name of await readdir(join(repo, 'data', sub))) packs.push(join(repo, 'data', sub, name));
  return packs;
}

/** The canary appended to after the backup: the restore test calls it "changed since the backup" and passes. */
async function expectCanaryChangedSinceBackup(testJob: BackupJob, appended: string): Promise<void> {
  const file = join(paths().live, 'canary.txt');
  await appendFile(file, appended);
  const evidence = await restoreTest([testJob]);
  expect(evidence.files.find((each) => each.path === file)!.class).toBe('changed-since-backup');
  expect(evidence.outcome).toBe('passed');
  await writeFile(file, 'canary\n');
}

/** The canary's content changed by `change`, its mtime then set back to `backedUp`'s: "mismatched", and the test fails. */
async function expectCanaryMismatched(testJob: BackupJob, backedUp: { atime: Date; mtime: Date }, change: (file: string) => Promise<void>): Promise<void> {
  const file = join(paths().live, 'canary.txt');
  await change(file);
  // Back to the mtime it had when it was backed up (the ctime cannot be set back, and is not what decides).
  await utimes(file, backedUp.atime, backedUp.mtime);
  const evidence = await restoreTest([testJob]);
  const canary = evidence.files.find((each) => each.path === file)!;
  expect(canary.class).toBe('mismatched');
  expect(canary.restoredSha256).not.toBe(canary.liveSha256);
  expect(evidence.outcome).toBe('failed');
  expect(evidence.reason).toMatch(/1 of 9 files did not match: 8 matched, 1 mismatched/);
  await writeFile(file, 'canary\n');
}

/**
 * A restore of `testJob` (whose canary is large) cancelled 700 ms into restoring: cancelled, the host removes its
 * scratch directory, and nothing is left reading the live canary (its hashing, which runs beside the restore, is stopped).
 */
async function expectCancelledRestoreCleansUp(testJob: BackupJob): Promise<void> {
  const before = scratchDirs();
  const controller = new AbortController();
  const evidence = await restoreTest([testJob], {
    signal: controller.signal,
    files: 0,
    onPhase: (phase) => {
      if (phase === 'restoring') setTimeout(() => controller.abort(), 700);
    },
  });
  expect(evidence.outcome).toBe('cancelled');
  expect(await newScratchDirsAfterCleanup(before)).toEqual([]);
  expect(openersOf(testJob.canaries[0]!)).toEqual([]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-backups-'));
  const p = paths();
  await mkdir(join(p.live, 'mail'), { recursive: true });
  for (let i = 0; i < 20; i++) await writeFile(join(p.live, 'mail', `msg-${i}.eml`), `Subject: ${i}\n\n${'body '.repeat(200 + i)}\n`);
  await writeFile(join(p.live, 'canary.txt'), 'canary\n');
  canaryBackedUp = await stat(join(p.live, 'canary.txt'));
  await writeFile(p.resticPassword, 'restic-secret\n', { mode: 0o600 });
  await writeFile(p.resticEnv, `RESTIC_REPOSITORY=${p.restic}\nRESTIC_PASSWORD_FILE=${p.resticPassword}\n`);
  await writeFile(join(dir, 'borg.pass'), 'borg-secret\n', { mode: 0o600 });
  await writeFile(p.borgEnv, `BORG_REPO=${p.borg}\nBORG_PASSCOMMAND="cat ${join(dir, 'borg.pass')}"\n`);
  await writeFile(p.borgClearEnv, `BORG_REPO=${p.borgClear}\n`);
  const resticEnv = { RESTIC_REPOSITORY: p.restic, RESTIC_PASSWORD_FILE: p.resticPassword };
  sh('restic init -q', resticEnv);
  sh(`restic backup -q ${p.live}`, resticEnv);
  const borgEnv = { BORG_REPO: p.borg, BORG_PASSPHRASE: 'borg-secret' };
  sh('borg init --encryption=repokey-blake2', borgEnv);
  sh(`borg create ::first-{now} ${p.live}`, borgEnv);
  sh(`borg init --encryption=none ${p.borgClear}`);
  sh(`borg create ${p.borgClear}::first-{now} ${p.live}`, { BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes' });
  const publicKey = await generateKey(join(dir, 'id_ed25519'));
  server = await startPrivateSshd({ authorizedKeys: [publicKey] });
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${server.port} ${server.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`);
  pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: join(dir, 'known_hosts') }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
  });
}, 120_000);

afterAll(async () => {
  await pool?.dispose();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('collection with the real tools over SSH', () => {
  test('restic and borg answer through the host environment file: snapshots, encryption, the paths covered', async () => {
    const p = paths();
    const { facts, findings } = await collect([job('restic', p.resticEnv), job('borg', p.borgEnv), job('borg', p.borgClearEnv)]);
    expect(facts.jobs.map((each) => [each.tool, each.state, each.snapshotCount, each.encryption])).toEqual([
      ['restic', 'ok', 1, 'restic'],
      ['borg', 'ok', 1, 'repokey-blake2'],
      ['borg', 'ok', 1, 'none'],
    ]);
    expect(facts.jobs[1]!.latest!.paths).toEqual([p.live]);
    expect(findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['backups.unencrypted:backup-host:2']));
    expect(findings.filter((finding) => finding.id.startsWith('backups.stale') || finding.id.startsWith('backups.path-not-covered'))).toEqual([]);
  }, 120_000);

  test("a missing password file is a clear state with the tool's words, never a prompt", async () => {
    const p = paths();
    await writeFile(join(dir, 'nopass.env'), `RESTIC_REPOSITORY=${p.restic}\nRESTIC_PASSWORD_FILE=${join(dir, 'gone.password')}\n`);
    await writeFile(join(dir, 'borg-nopass.env'), `BORG_REPO=${p.borg}\n`);
    const started = Date.now();
    const { facts, findings } = await collect([job('restic', join(dir, 'nopass.env')), job('borg', join(dir, 'borg-nopass.env')), job('restic', join(dir, 'absent.env'))]);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(facts.jobs.map((each) => each.state)).toEqual(['no-password', 'no-password', 'no-environment']);
    expect(facts.jobs[0]!.message).toMatch(/gone\.password/);
    expect(findings.find((finding) => finding.id === 'backups.unreadable:backup-host:0')!.title).toMatch(/no repository password is available on the host/);
  }, 120_000);

  test('a repository that does not exist is unreachable', async () => {
    await writeFile(join(dir, 'missing.env'), `RESTIC_REPOSITORY=${join(dir, 'no-such-repo')}\nRESTIC_PASSWORD_FILE=${paths().resticPassword}\n`);
    const { facts } = await collect([job('restic', join(dir, 'missing.env'))]);
    expect(facts.jobs[0]).toMatchObject({ state: 'unreachable', message: expect.stringMatching(/no-such-repo/) });
  }, 60_000);
});

describe('restore tests with the real restic over SSH', () => {
  test('a fresh backup restores to the same bytes: every sampled file and the canary matched; nothing left behind', async () => {
    const phases: RestoreTestPhase[] = [];
    const evidence = await restoreTest([job('restic', paths().resticEnv)], { onPhase: (phase) => phases.push(phase) });
    expect(evidence.reason).toBeNull();
    expect(evidence.outcome).toBe('passed');
    expect(evidence.files).toHaveLength(9);
    expect(evidence.files.filter((file) => file.canary).map((file) => file.path)).toEqual([join(paths().live, 'canary.txt')]);
    expect(evidence.counts.matched).toBe(9);
    for (const file of evidence.files) expect(file.restoredSha256).toMatch(/^[0-9a-f]{64}$/);
    // The newest snapshot is the backup: one `restic ls latest` names it and lists its files.
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.restore']);
    expect(evidence.commands.every((command) => /^[0-9a-f]{64}$/.test(command.stdoutSha256))).toBe(true);
    const listed = parseResticSnapshots(sh('restic snapshots --json --no-lock', { RESTIC_REPOSITORY: paths().restic, RESTIC_PASSWORD_FILE: paths().resticPassword })).value!;
    expect({ id: evidence.snapshotId, time: evidence.snapshotTime }).toEqual({ id: listed.at(-1)!.id, time: listed.at(-1)!.time });
    expect(phases).toEqual(['listing', 'sampling', 'restoring', 'comparing', 'done']);
    expect(evidence.scratchDir).toMatch(new RegExp(`^${SCRATCH_PARENT}/${SCRATCH_PREFIX.replace('.', '\\.')}`));
    expect(existsSync(evidence.scratchDir!)).toBe(false);
    expect(audited.filter((command) => command.includes('opsdeck-restore-test')).length).toBeGreaterThan(0);
  }, 120_000);

  test('a restore-test snapshot newer than the backup: `ls latest` names it, so the test lists the snapshots and restores the newest backup', async () => {
    const p = paths();
    const repo = join(dir, 'latest-repo');
    const env = join(dir, 'latest-repo.env');
    const resticEnv = { RESTIC_REPOSITORY: repo, RESTIC_PASSWORD_FILE: p.resticPassword };
    await writeFile(env, `RESTIC_REPOSITORY=${repo}\nRESTIC_PASSWORD_FILE=${p.resticPassword}\n`);
    await mkdir(join(dir, 'restore-test-manifest'), { recursive: true });
    await writeFile(join(dir, 'restore-test-manifest', 'manifest.txt'), 'what the host restored last time\n');
    sh('restic init -q', resticEnv);
    sh(`restic backup -q ${p.live}`, resticEnv);
    sh(`restic backup -q --tag restore-test ${join(dir, 'restore-test-manifest')}`, resticEnv);
    const [backup, restoreTestSnapshot] = parseResticSnapshots(sh('restic snapshots --json --no-lock', resticEnv)).value!;
    expect(restoreTestSnapshot!.tags).toEqual(['restore-test']);
    const evidence = await restoreTest([job('restic', env)]);
    expect(evidence.reason).toBeNull();
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.snapshots', 'restore-test.ls', 'restore-test.restore']);
    expect({ id: evidence.snapshotId, time: evidence.snapshotTime }).toEqual({ id: backup!.id, time: backup!.time });
    expect(evidence).toMatchObject({ outcome: 'passed', counts: { matched: 9 } });
    expect(evidence.files.every((file) => file.path.startsWith(`${p.live}/`))).toBe(true);
  }, 120_000);

  test('a live file changed after the backup is "changed since the backup", not a failure', async () => {
    await expectCanaryChangedSinceBackup(job('restic', paths().resticEnv), 'appended after the backup\n');
  }, 120_000);

  test('a changed content with its mtime set back is "mismatched": the silent corruption only a restore test sees', async () => {
    await expectCanaryMismatched(job('restic', paths().resticEnv), canaryBackedUp, async (file) => {
      const handle = await open(file, 'r+');
      await handle.write('CANARY\n', 0);
      await handle.close();
    });
  }, 120_000);

  test('cancelled during the restore: the test says cancelled and the host removes its scratch directory', async () => {
    const p = paths();
    const big = join(p.live, 'big.bin');
    sh(`head -c 300000000 /dev/urandom > ${big}`);
    sh(`restic backup -q ${p.live}`, { RESTIC_REPOSITORY: p.restic, RESTIC_PASSWORD_FILE: p.resticPassword });
    await expectCancelledRestoreCleansUp(job('restic', p.resticEnv, { canaries: [big] }));
    await rm(big);
    sh(`restic backup -q ${p.live}`, { RESTIC_REPOSITORY: p.restic, RESTIC_PASSWORD_FILE: p.resticPassword });
  }, 180_000);

  test('a scratch directory whose script was killed is found and removed by the next scan', async () => {
    const leftover = join(SCRATCH_PARENT, `${SCRATCH_PREFIX}999999999.opsdeckTest`);
    await mkdir(join(leftover, 'srv'), { recursive: true });
    const { facts, findings } = await collect([job('restic', paths().resticEnv)]);
    expect(facts.removedScratch).toContain(leftover);
    expect(existsSync(leftover)).toBe(false);
    expect(findings.find((finding) => finding.id === 'backups.leftover-scratch:backup-host')).toBeDefined();
  }, 60_000);

  test('a damaged pack file makes the restore fail, said as such', async () => {
    const p = paths();
    for (const pack of await resticPacks(p.restic)) await damageMiddle(pack);
    const evidence = await restoreTest([job('restic', p.resticEnv)]);
    expect(evidence.outcome).not.toBe('passed');
    // Tree and data packs are both damaged: restic already fails reading the snapshot, and says why.
    expect(evidence.outcome).toBe('error');
    expect(evidence.reason).toMatch(/ciphertext verification failed|decrypting blob|restic restore exited [1-9]|did not match/);
  }, 120_000);
});

describe('restore tests with the real borg over SSH', () => {
  let backedUp: { atime: Date; mtime: Date };
  const borgEnv = () => ({ BORG_REPO: paths().borg, BORG_PASSPHRASE: 'borg-secret' });
  beforeAll(async () => {
    await writeFile(join(paths().live, 'canary.txt'), 'canary\n');
    backedUp = await stat(join(paths().live, 'canary.txt'));
    sh(`borg create ::second-{now} ${paths().live}`, borgEnv());
    // borg gives the archive's time to the second: a change in that same second cannot be told from one before it.
    await new Promise((resolve) => setTimeout(resolve, 1_050 - (Date.now() % 1_000)));
  }, 60_000);

  test('the newest archive restores to the same bytes: every sampled file and the canary matched; nothing left behind', async () => {
    const before = scratchDirs();
    const evidence = await restoreTest([job('borg', paths().borgEnv)]);
    expect(evidence.reason).toBeNull();
    expect(evidence).toMatchObject({ tool: 'borg', outcome: 'passed' });
    expect(evidence.files).toHaveLength(9);
    expect(evidence.counts.matched).toBe(9);
    expect(evidence.files.filter((file) => file.canary).map((file) => file.path)).toEqual([join(paths().live, 'canary.txt')]);
    expect(evidence.snapshotId).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.snapshots', 'restore-test.ls', 'restore-test.restore']);
    expect(evidence.commands[2]!.command).toMatch(/borg extract/);
    expect(existsSync(evidence.scratchDir!)).toBe(false);
    expect(scratchDirs().filter((name) => !before.includes(name))).toEqual([]);
  }, 120_000);

  test('a live file changed after the archive is "changed since the backup", not a failure', async () => {
    await expectCanaryChangedSinceBackup(job('borg', paths().borgEnv), 'appended after the archive\n');
  }, 120_000);

  test('a changed content with its mtime set back is "mismatched"', async () => {
    await expectCanaryMismatched(job('borg', paths().borgEnv), backedUp, (file) => writeFile(file, 'CANARY\n'));
  }, 120_000);

  test("no password on the host: a clear state in borg's words, never a prompt", async () => {
    await writeFile(join(dir, 'borg-restore-nopass.env'), `BORG_REPO=${paths().borg}\n`);
    const started = Date.now();
    const evidence = await restoreTest([job('borg', join(dir, 'borg-restore-nopass.env'))]);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(evidence.outcome).toBe('error');
    expect(evidence.reason).toMatch(/^listing snapshots: no-password: /);
  }, 120_000);

  test('cancelled during the extract: the test says cancelled and the host removes its scratch directory', async () => {
    const big = join(paths().live, 'borg-big.bin');
    sh(`head -c 300000000 /dev/urandom > ${big}`);
    sh(`borg create ::big-{now} ${paths().live}`, borgEnv());
    await expectCancelledRestoreCleansUp(job('borg', paths().borgEnv, { canaries: [big] }));
    await rm(big);
  }, 180_000);
});

describe('the integrity cycle with the real restic and borg over SSH', () => {
  const checkRun = (jobs: BackupJob[], subset: number, signal?: AbortSignal) =>
    runIntegrityCheck({ target: target(jobs), jobIndex: 0, subset, operator: 'tester' }, { executor: pool, audit, now: () => new Date(), signal: signal ?? new AbortController().signal });
  const freshResticRepo = async (name: string) => {
    const repo = join(dir, name);
    const env = join(dir, `${name}.env`);
    await writeFile(env, `RESTIC_REPOSITORY=${repo}\nRESTIC_PASSWORD_FILE=${paths().resticPassword}\n`);
    sh('restic init -q', { RESTIC_REPOSITORY: repo, RESTIC_PASSWORD_FILE: paths().resticPassword });
    sh(`restic backup -q ${paths().live}`, { RESTIC_REPOSITORY: repo, RESTIC_PASSWORD_FILE: paths().resticPassword });
    return { repo, env };
  };

  test('restic: successive checks read parts 1/3, 2/3, 3/3 and complete the cycle; nothing is left in /var/tmp', async () => {
    const { env } = await freshResticRepo('cycle-repo');
    const jobs = [job('restic', env, { integritySubsets: 3 })];
    const before = scratchDirs();
    const runs: IntegrityCheckRun[] = [];
    for (let i = 0; i < 3; i++) {
      const next = integrityCycleState(runs, 3).nextSubset;
      const run = await checkRun(jobs, next);
      expect(run.reason).toBeNull();
      expect(run).toMatchObject({ outcome: 'passed', subset: i + 1, subsets: 3 });
      expect(run.toolOutput).toContain('no errors were found');
      expect(run.toolOutput.join('\n')).toMatch(new RegExp(`read group #${i + 1} of \\d+ data packs`));
      runs.push(run);
    }
    const state = integrityCycleState(runs, 3);
    expect(state.lastFullCycleAt).toBe(runs[2]!.finishedAt);
    expect(state.nextSubset).toBe(1);
    expect(audited.filter((command) => command.includes('restic check --read-data-subset=')).length).toBeGreaterThanOrEqual(3);
    expect(scratchDirs().filter((name) => !before.includes(name))).toEqual([]);
  }, 120_000);

  test("restic: a damaged pack file fails the check, in restic's own words", async () => {
    const { repo, env } = await freshResticRepo('damaged-repo');
    for (const pack of await resticPacks(repo)) await damageMiddle(pack);
    const run = await checkRun([job('restic', env, { integritySubsets: 1 })], 1);
    expect(run.outcome).toBe('failed');
    expect(run.reason).toMatch(/^restic check found errors: .*(Pack ID does not match|ciphertext verification failed)/);
    expect(run.toolOutput).toContain('Fatal: repository contains errors');
    expect(run.commands[0]!.exitCode).toBe(1);
  }, 120_000);

  test('borg: --verify-data reads the whole repository (one part) and passes; a damaged segment fails it', async () => {
    const repo = join(dir, 'borg-check-repo');
    const env = join(dir, 'borg-check.env');
    await writeFile(env, `BORG_REPO=${repo}\nBORG_PASSCOMMAND="cat ${join(dir, 'borg.pass')}"\n`);
    sh('borg init --encryption=repokey-blake2', { BORG_REPO: repo, BORG_PASSPHRASE: 'borg-secret' });
    sh(`borg create ::first-{now} ${paths().live}`, { BORG_REPO: repo, BORG_PASSPHRASE: 'borg-secret' });
    const passed = await checkRun([job('borg', env)], 4);
    expect(passed.reason).toBeNull();
    expect(passed).toMatchObject({ outcome: 'passed', tool: 'borg', subset: 1, subsets: 1 });
    const segments = join(repo, 'data', '0');
    const sizes = await Promise.all((await readdir(segments)).map(async (name) => ({ path: join(segments, name), size: (await stat(join(segments, name))).size })));
    await damageMiddle(sizes.sort((a, b) => b.size - a.size)[0]!.path);
    const failed = await checkRun([job('borg', env)], 1);
    expect(failed.outcome).toBe('failed');
    // Which words borg uses depends on where in the segment the damage lands (an entry's checksum or its size header).
    expect(failed.reason).toMatch(/^borg check found errors: .*(Segment entry checksum mismatch|Data integrity error|Invalid segment entry)/);
  }, 120_000);

  test('a missing password file is an error that says so, never a prompt', async () => {
    await writeFile(join(dir, 'check-nopass.env'), `RESTIC_REPOSITORY=${paths().restic}\nRESTIC_PASSWORD_FILE=${join(dir, 'gone.password')}\n`);
    const run = await checkRun([job('restic', join(dir, 'check-nopass.env'))], 1);
    expect(run.outcome).toBe('error');
    expect(run.reason).toMatch(/^no-password: .*gone\.password/);
  }, 60_000);

  test('cancelled during the check: the check says cancelled and its scratch directory is removed', async () => {
    const big = join(paths().live, 'check-big.bin');
    sh(`head -c 300000000 /dev/urandom > ${big}`);
    const { env } = await freshResticRepo('cancel-repo');
    await rm(big);
    const before = scratchDirs();
    const controller = new AbortController();
    const auditedBefore = audited.length;
    // Cancel once the check has started on the host (its command is audited before it runs), plus a
    // moment for restic to be reading: a fixed delay from the start lost the race on a quiet machine.
    const started = setInterval(() => {
      if (!audited.slice(auditedBefore).some((command) => command.includes('opsdeck-integrity-check'))) return;
      clearInterval(started);
      setTimeout(() => controller.abort(), 200);
    }, 10);
    const run = await checkRun([job('restic', env, { integritySubsets: 1 })], 1, controller.signal).finally(() => clearInterval(started));
    expect(run.outcome).toBe('cancelled');
    // It was stopped while running on the host, not before it started.
    expect(audited.slice(auditedBefore).filter((command) => command.includes('opsdeck-integrity-check'))).toHaveLength(1);
    expect(await newScratchDirsAfterCleanup(before)).toEqual([]);
  }, 180_000);
});
