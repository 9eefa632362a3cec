// How a restic restore test finds its snapshot: one `restic ls --json latest`
// when the newest snapshot is a backup (its first line names it), the
// snapshots listing and then the chosen snapshot's listing when the newest is
// one of the host's own restore-test snapshots or there is none. Answered
// with real restic 0.14.0 outputs (./fixtures); every command is audited.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runRestoreTest } from '../../../main/engine/backups/restore-test-runner';
import { RESTORE_WRAPPER, resticLsCommand, resticLsLatestCommand, resticSnapshotsCommand } from '../../../main/engine/collectors/backups/restore-test-commands';
import { remoteCommandLine } from '../../../main/engine/collectors/host-command';
import type { HostPolicy } from '../../../main/engine/posture/host-context';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor, ExecOutcome } from '../../../main/engine/scan/command-executor';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';
import { backupJob } from '../../support/backup-job';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ENV_FILE = '/etc/backup/restic.env';
const DAILY = 'f238a52175ba47e991d4f5a6ce52517f7f0fa2f2334d2eac5db35476de2ffb3e';
const DAILY_TIME = '2026-12-06T05:19:21.886Z';
const line = (command: string) => remoteCommandLine({ id: 'x', command, privileged: true }, false);

type Answer = Pick<ExecOutcome, 'stdout' | 'stderr' | 'exitCode'>;
const ok = (stdout: string): Answer => ({ stdout, stderr: '', exitCode: 0 });

/** The restore script's answer: every file restored and live with the same bytes. */
function restored(command: string): Answer {
  const files = [...command.slice(command.indexOf(RESTORE_WRAPPER) + RESTORE_WRAPPER.length).matchAll(/'([^']*)'/g)].map((match) => match[1]!).slice(2);
  const sha = 'ab'.repeat(32);
  return ok(`scratch\t/var/tmp/opsdeck-restore.4242.abcdefgh\nrestore\t0\n${files.map((path) => `file\t${sha}\t${sha}\t19\t1796534361.1\t1796534361.1\t${path}`).join('\n')}\n`);
}

/** A host answering the listing commands from `answers`, the restore script for any snapshot; what ran, in order. */
function host(answers: Record<string, Answer>): { executor: CommandExecutor; ran: string[] } {
  const ran: string[] = [];
  const executor: CommandExecutor = {
    exec: async (_route, command) => {
      ran.push(command);
      const answer = command.includes(RESTORE_WRAPPER) ? restored(command) : answers[command];
      if (!answer) throw new Error(`unexpected command: ${command}`);
      return { ...answer, signal: null, durationMs: 1 };
    },
  };
  return { executor, ran };
}

function target(): ScanTarget {
  const policy: HostPolicy = {
    roles: [],
    allowedPorts: [],
    patchSlaHours: 24,
    backupRpoHours: 24,
    restoreTestMaxAgeDays: 30,
    platformImageMaxAgeDays: 180,
    backups: [backupJob('restic', { envFile: ENV_FILE, restoreTestSample: 20 })],
  };
  const route = { target: { label: 'mail1', address: '192.0.2.10', port: 22, user: 'root' }, jumps: [] };
  return { name: 'mail1', dc: 'nj', address: '192.0.2.10', os: 'debian', roles: [], useSudo: false, siteRole: 'primary', policy, route };
}

async function restoreTest(answers: Record<string, Answer>) {
  const { executor, ran } = host(answers);
  const audited: string[] = [];
  const audit: CommandAudit = { commandStarted: async (start) => audited.push(start.command), commandEnded: async () => undefined };
  const evidence = await runRestoreTest({ target: target(), operator: 'ops', seed: 'listing' }, { executor, audit, now: () => new Date(), signal: new AbortController().signal });
  return { evidence, ran, audited };
}

describe('restic restore test: which snapshot, in how many listings', () => {
  test('the newest snapshot is a backup: `restic ls latest` alone lists it, and the evidence records its id and time as `restic snapshots` gives them', async () => {
    const { evidence, ran, audited } = await restoreTest({ [line(resticLsLatestCommand(ENV_FILE))]: ok(fixture('restic-ls-latest.txt')) });
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.restore']);
    expect(ran[0]).toBe(line(resticLsLatestCommand(ENV_FILE)));
    expect(audited).toEqual(ran);
    expect({ id: evidence.snapshotId, time: evidence.snapshotTime }).toEqual({ id: DAILY, time: DAILY_TIME });
    expect(ran[1]).toContain(` '${ENV_FILE}' '${DAILY}' '/tmp/opsdeck-ls-fixture/srv/mail/`);
    expect(evidence).toMatchObject({ outcome: 'passed', counts: { matched: 3 } });
  });

  test('the newest snapshot is one of the host’s own restore-test snapshots: falls back to the snapshots, restores the newest backup', async () => {
    const { evidence, ran, audited } = await restoreTest({
      [line(resticLsLatestCommand(ENV_FILE))]: ok(fixture('restic-ls-latest-restore-test.txt')),
      [line(resticSnapshotsCommand(ENV_FILE))]: ok(fixture('restic-snapshots-ls-latest.txt')),
      [line(resticLsCommand(ENV_FILE, DAILY))]: ok(fixture('restic-ls-latest.txt')),
    });
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.snapshots', 'restore-test.ls', 'restore-test.restore']);
    expect(audited).toEqual(ran);
    expect({ id: evidence.snapshotId, time: evidence.snapshotTime }).toEqual({ id: DAILY, time: DAILY_TIME });
    expect(evidence.files.map((file) => file.path).every((path) => path.startsWith('/tmp/opsdeck-ls-fixture/srv/mail/'))).toBe(true);
    expect(evidence.outcome).toBe('passed');
  });

  test('an empty repository (restic 0.14: `ls latest` prints nothing and exits 0) falls back, and says there is no backup snapshot', async () => {
    const { evidence } = await restoreTest({
      [line(resticLsLatestCommand(ENV_FILE))]: { stdout: '', stderr: 'Ignoring "latest", no snapshot matched given filter (Paths:[] Tags:[] Hosts:[])\n', exitCode: 0 },
      [line(resticSnapshotsCommand(ENV_FILE))]: ok('[]\n'),
    });
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.snapshots']);
    expect(evidence).toMatchObject({ outcome: 'error', reason: 'the repository has no backup snapshot to restore from', snapshotId: null, snapshotTime: null });
  });

  test('restic failing on `ls latest` ends the test in its own words, without listing again', async () => {
    const { evidence } = await restoreTest({ [line(resticLsLatestCommand(ENV_FILE))]: { stdout: '', stderr: 'Fatal: wrong password or no key found\n', exitCode: 1 } });
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest']);
    expect(evidence).toMatchObject({ outcome: 'error', reason: 'listing snapshots: wrong-password: Fatal: wrong password or no key found' });
  });

  test('a listing that cannot be read after its snapshot line still records the snapshot it was of', async () => {
    const [first] = fixture('restic-ls-latest.txt').split('\n');
    const { evidence } = await restoreTest({ [line(resticLsLatestCommand(ENV_FILE))]: ok(`${first}\nnot json\n`) });
    expect(evidence).toMatchObject({ outcome: 'error', snapshotId: DAILY, snapshotTime: DAILY_TIME, reason: expect.stringMatching(/line 2 is not JSON/) });
  });
});
