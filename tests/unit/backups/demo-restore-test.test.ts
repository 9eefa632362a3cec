// Restore tests on the demo fleet go through the same runner as on real
// hosts: the commands OpsDeck sends, answered by each host's profile. The
// silent corruption on imap1.nj — invisible to every listing — is a
// mismatched file here, and only here.
import { describe, expect, test } from 'vitest';
import { runRestoreTest } from '../../../main/engine/backups/restore-test-runner';
import { resticSnapshotsCommand } from '../../../main/engine/collectors/backups/restore-test-commands';
import { remoteCommandLine } from '../../../main/engine/collectors/host-command';
import { parseResticSnapshots } from '../../../main/engine/collectors/backups/restic-snapshots';
import { RESTIC_ENV_FILE } from '../../../main/engine/demo-fleet/profiles/backups/backup-plan';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { demoHostProfile } from '../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { scanTargetFor } from '../../../main/engine/fleet/scan-targets';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor } from '../../../main/engine/scan/command-executor';
import { demoInventory, scanDemoFleetBackups } from './support/demo-fleet-backups';

const NOW = new Date('2026-12-01T12:00:00Z');
const { spec, inventory } = demoInventory();

function demoExecutor(now: Date): CommandExecutor {
  return {
    exec: async (route, command) => {
      const host = spec.hosts.find((candidate) => candidate.name === route.target.label)!;
      const result = demoHostProfile(spec, host, now).answer(parseDemoCommand(command));
      return { stdout: result.stdout.toString(), stderr: result.stderr.toString(), exitCode: result.exitCode, signal: null, durationMs: 1 };
    },
  };
}

const audited: string[] = [];
const audit: CommandAudit = { commandStarted: async (start) => audited.push(`${start.host} ${start.command.slice(0, 40)}`), commandEnded: async () => undefined };

const restoreTest = (host: string, seed = 'demo', now = NOW) =>
  runRestoreTest(
    {
      target: scanTargetFor(
        inventory,
        inventory.hosts.find((entry) => entry.name === host)!,
      ),
      operator: 'ops',
      seed,
    },
    { executor: demoExecutor(now), audit, now: () => now, signal: new AbortController().signal },
  );

describe('restore tests on the demo fleet', () => {
  test('imap1.nj: the listings look healthy, but the restore test finds one file whose bytes differ at the backed-up mtime', async () => {
    const scanned = scanDemoFleetBackups(NOW).find((each) => each.host.name === 'imap1.nj')!;
    expect(scanned.findings).toEqual([]);
    const evidence = await restoreTest('imap1.nj');
    expect(evidence.outcome).toBe('failed');
    expect(evidence.counts.mismatched).toBe(1);
    const mismatched = evidence.files.find((file) => file.class === 'mismatched')!;
    expect(mismatched.restoredSha256).not.toBe(mismatched.liveSha256);
    expect(Date.parse(mismatched.liveMtime!)).toBeLessThan(Date.parse(evidence.snapshotTime!));
    expect(evidence.reason).toMatch(/1 of 16 files did not match/);
  });

  test('at any time of day, even minutes after the daily backup, imap1.nj has exactly the one planted mismatch', async () => {
    for (let hour = 0; hour < 24; hour++) {
      for (const minute of [1, 7, 30, 59]) {
        const now = new Date(Date.UTC(2026, 11, 5, hour, minute));
        const evidence = await restoreTest('imap1.nj', 'demo', now);
        expect({ at: now.toISOString(), mismatched: evidence.counts.mismatched }).toEqual({ at: now.toISOString(), mismatched: 1 });
      }
    }
  });

  test('every other restic host passes: files matched or changed since the backup (new mail), none mismatched', async () => {
    const hosts = spec.hosts.filter((host) => (host.role === 'imap' || host.role === 'backup') && host.name !== 'imap1.nj' && host.name !== 'mx1.sea');
    expect(hosts.length).toBeGreaterThan(3);
    for (const host of hosts) {
      const evidence = await restoreTest(host.name);
      expect(evidence.outcome, `${host.name}: ${evidence.reason}`).toBe('passed');
      expect(evidence.counts.matched + evidence.counts['changed-since-backup']).toBe(evidence.files.length);
    }
  });

  test('the evidence names the snapshot, the seed and every command with the sha256 of its output; every command was audited first', async () => {
    audited.length = 0;
    const evidence = await restoreTest('imap2.nj', 'seed-42');
    expect(evidence).toMatchObject({ host: 'imap2.nj', tool: 'restic', seed: 'seed-42', snapshotId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The newest snapshot is a daily backup (the restore-test ones are days old): `restic ls latest` alone lists it.
    expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.ls-latest', 'restore-test.restore']);
    expect(audited).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });

  test('the snapshot listed by `ls latest` is recorded with the id and time `restic snapshots` gives the newest backup', async () => {
    const target = scanTargetFor(
      inventory,
      inventory.hosts.find((entry) => entry.name === 'imap2.nj')!,
    );
    const command = remoteCommandLine({ id: 'snapshots', command: resticSnapshotsCommand(RESTIC_ENV_FILE), privileged: true }, target.useSudo);
    const listed = parseResticSnapshots((await demoExecutor(NOW).exec(target.route, command, { timeoutMs: 1_000 })).stdout);
    const newest = listed.value!.filter((snapshot) => !snapshot.tags.includes('restore-test')).at(-1)!;
    const evidence = await restoreTest('imap2.nj');
    expect({ id: evidence.snapshotId, time: evidence.snapshotTime }).toEqual({ id: newest.id, time: newest.time });
  });

  test('borg hosts restore-test through the same engine: archive listed by name, files extracted and hashed, matched or changed since the backup', async () => {
    const hosts = spec.hosts.filter((host) => host.role === 'db' || host.role === 'backup').map((host) => host.name);
    expect(hosts).toEqual(expect.arrayContaining(['db1.nj', 'db2.nj', 'db1.sea']));
    for (const host of ['db1.nj', 'db2.nj', 'db1.sea']) {
      audited.length = 0;
      const evidence = await restoreTest(host);
      expect(evidence, `${host}: ${evidence.reason}`).toMatchObject({ tool: 'borg', outcome: 'passed', snapshotTime: expect.any(String) });
      expect(evidence.files).toHaveLength(16);
      expect(evidence.files.every((file) => file.path.startsWith('/var/backups/postgresql/') && file.restoredSha256 !== null)).toBe(true);
      expect(evidence.counts.matched + evidence.counts['changed-since-backup']).toBe(16);
      expect(evidence.commands.map((command) => command.id)).toEqual(['restore-test.snapshots', 'restore-test.ls', 'restore-test.restore']);
      expect(audited.filter((line) => line.startsWith(`${host} `))).toHaveLength(3);
    }
  });
});
