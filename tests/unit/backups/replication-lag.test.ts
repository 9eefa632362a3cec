// zfs-send replication lag: the source's snapshots (its own scan) against the
// replica's (the replica host's scan, read-only), measured at the replica's
// reading and judged against the job's RPO by the backups area's fleet step.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { backupsArea } from '../../../main/engine/areas/backups-area';
import { backupCommands, replicaCommandId } from '../../../main/engine/collectors/backups/backup-commands';
import { backupFacts, type BackupFacts } from '../../../main/engine/collectors/backups/backup-facts';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import type { HostPolicy } from '../../../main/engine/posture/host-context';
import { replicationLag } from '../../../main/engine/posture/replication-lag';
import { demoFleetBackupFleetFindings, scanDemoFleetBackups } from './support/demo-fleet-backups';
import { backupJob } from '../../support/backup-job';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const SOURCE_NEWEST = new Date((1764547200 + 11 * 14400) * 1000);

const job = backupJob('zfs-send', { replicaHost: 'cn1.sea', replicaDataset: 'zones/replica/cn1.nj', rpoHours: 12 });
const policy = (extra: Partial<HostPolicy>): HostPolicy => ({
  roles: ['cn'],
  allowedPorts: [],
  patchSlaHours: 72,
  backupRpoHours: 24,
  restoreTestMaxAgeDays: 30,
  platformImageMaxAgeDays: 180,
  ...extra,
});
const output = (id: string, stdout: string, exitCode = 0, stderr = ''): CommandOutput => ({ id, command: 'zfs list …', stdout, stderr, exitCode, durationMs: 1, error: null });
const replicaRead = { sourceHost: 'cn1.nj', sourceDataset: 'zones/data', dataset: 'zones/replica/cn1.nj' };

function fleet(replicaListing: CommandOutput, readAt: Date) {
  const sourcePolicy = policy({ backups: [job] });
  const replicaPolicy = policy({ replicaOf: [replicaRead] });
  const source: BackupFacts = backupFacts([output('backups.0.snapshots', fixture('zfs-snapshots-source.txt'))], [job], [], readAt);
  const replica: BackupFacts = backupFacts([replicaListing], [], [replicaRead], readAt);
  return backupsArea.fleetFindings!([
    { host: 'cn1.nj', dc: 'nj', siteRole: 'primary', roles: ['cn'], policy: sourcePolicy, facts: source },
    { host: 'cn1.sea', dc: 'sea', siteRole: 'secondary', roles: ['cn'], policy: replicaPolicy, facts: replica },
  ]);
}

describe('zfs-send replication lag', () => {
  test('the replica host lists the receiving dataset, read-only and quoted; only on SmartOS', () => {
    expect(backupCommands('smartos', [], [replicaRead])).toEqual([{ id: replicaCommandId(0), command: "zfs list -t snapshot -Hp -o name,creation -d 1 'zones/replica/cn1.nj'", privileged: false }]);
    expect(backupCommands('debian', [], [replicaRead])).toEqual([]);
  });

  test('a replica in step: lag is the age of the newest snapshot at the reading, no finding', () => {
    const readAt = new Date(SOURCE_NEWEST.getTime() + 2 * 3_600_000);
    const replica = backupFacts([output(replicaCommandId(0), fixture('zfs-snapshots-replica-current.txt'))], [], [replicaRead], readAt).replicas![0]!;
    const source = backupFacts([output('backups.0.snapshots', fixture('zfs-snapshots-source.txt'))], [job]).jobs[0]!.snapshots;
    expect(replicationLag(source, replica)).toMatchObject({ lagHours: 2, behind: 0, replicated: { id: 'zones/data@repl-011' } });
    expect(fleet(output(replicaCommandId(0), fixture('zfs-snapshots-replica-current.txt')), readAt)).toEqual([]);
  });

  test('a replica that stopped receiving: a finding on the source naming the replica, the lag and the snapshots behind', () => {
    const readAt = new Date(SOURCE_NEWEST.getTime() + 2 * 3_600_000);
    const findings = fleet(output(replicaCommandId(0), fixture('zfs-snapshots-replica-lagging.txt')), readAt);
    expect(findings.map((finding) => [finding.id, finding.host, finding.severity, finding.control])).toEqual([['backups.replication-lag:cn1.nj:0', 'cn1.nj', 'high', 'backupVerification']]);
    // repl-003 was created 8 × 4 h before repl-011, and the replica was read 2 h after that.
    expect(findings[0]!.title).toBe('zfs-send zones/data: replica zones/replica/cn1.nj on cn1.sea lags 34 h behind (RPO 12 h)');
    expect(findings[0]!.detail).toMatch(/zones\/data@repl-003 .* 8 newer source snapshots have not arrived/);
  });

  test('a replica that holds none of the source snapshots, or cannot be read, is a finding too — never silence', () => {
    const readAt = new Date(SOURCE_NEWEST.getTime());
    expect(fleet(output(replicaCommandId(0), ''), readAt).map((finding) => finding.title)).toEqual([
      "zfs-send zones/data: replica zones/replica/cn1.nj on cn1.sea holds none of the source's 12 snapshots",
    ]);
    const missing = fleet(output(replicaCommandId(0), '', 1, "cannot open 'zones/replica/cn1.nj': dataset does not exist\n"), readAt);
    expect(missing.map((finding) => finding.title)).toEqual([expect.stringMatching(/^zfs-send zones\/data: replica zones\/replica\/cn1\.nj on cn1\.sea cannot be read — /)]);
    expect(missing[0]!.detail).toContain('dataset does not exist');
  });

  test('no verdict when the replica host did not answer this scan', () => {
    const source = backupFacts([output('backups.0.snapshots', fixture('zfs-snapshots-source.txt'))], [job]);
    expect(backupsArea.fleetFindings!([{ host: 'cn1.nj', dc: 'nj', siteRole: 'primary', roles: ['cn'], policy: policy({ backups: [job] }), facts: source }])).toEqual([]);
  });

  test("demo fleet: cn1.sea's replica on cn1.nj lags 3 days (the planted problem); every other compute node replicates in step", () => {
    const scanned = scanDemoFleetBackups(new Date('2026-12-01T12:00:00Z'));
    const zfsJobs = scanned.flatMap(({ host, policy: hostPolicy }) => (hostPolicy.backups ?? []).filter((each) => each.tool === 'zfs-send').map((each) => [host.name, each.replicaHost]));
    expect(zfsJobs).toEqual(
      expect.arrayContaining([
        ['cn1.nj', 'cn1.sea'],
        ['cn1.sea', 'cn1.nj'],
      ]),
    );
    const findings = demoFleetBackupFleetFindings(scanned);
    expect(findings.map((finding) => finding.id)).toEqual(['backups.replication-lag:cn1.sea:0']);
    expect(findings[0]!.title).toMatch(/replica zones\/replica\/cn1\.sea on cn1\.nj lags 3 days behind \(RPO 24 h\)/);
  });
});
