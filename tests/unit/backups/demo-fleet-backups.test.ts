// The demo fleet's planted backup problems are findings, and nothing else is:
// both sites back up to the other one, encrypted, fresh, restore-tested.
import { describe, expect, test } from 'vitest';
import { scanDemoFleetBackups } from './support/demo-fleet-backups';

const NOW = new Date('2026-12-01T12:00:00Z');
const scanned = scanDemoFleetBackups(NOW);
const findingIds = (host: string) =>
  scanned
    .find((each) => each.host.name === host)!
    .findings.map((finding) => finding.id)
    .sort();

describe('the demo fleet backups', () => {
  test('every host with a backup policy answered every backup command and its listings parsed', () => {
    const withJobs = scanned.filter((each) => (each.policy.backups ?? []).length > 0);
    expect(withJobs.length).toBeGreaterThanOrEqual(8);
    for (const { host, facts, outputs } of withJobs) {
      for (const output of outputs) expect(output.exitCode, `${host.name} ${output.id}: ${output.stderr}`).toBe(0);
      for (const job of facts.jobs) {
        expect(job.state, `${host.name} job ${job.index}: ${job.message}`).toBe('ok');
        expect(job.latest, host.name).not.toBeNull();
        expect(job.units.map((unit) => unit.loaded)).toEqual(job.tool === 'zfs-send' ? [] : [true, true]);
      }
    }
  });

  test('stale backup on backup1.sea: both repositories past the RPO, and the failing backup jobs say so', () => {
    expect(findingIds('backup1.sea')).toEqual(
      expect.arrayContaining(['backups.stale:backup1.sea:0', 'backups.stale:backup1.sea:1', 'backups.job-failed:backup1.sea:0', 'backups.job-failed:backup1.sea:1']),
    );
    const stale = scanned.find((each) => each.host.name === 'backup1.sea')!.findings.find((finding) => finding.id === 'backups.stale:backup1.sea:0')!;
    expect(stale.title).toMatch(/newest backup is 4 days old \(RPO 24 h\)/);
    expect(stale.control).toBe('backupVerification');
  });

  test('stale restore test on backup1.sea (45 days, policy 30)', () => {
    const finding = scanned.find((each) => each.host.name === 'backup1.sea')!.findings.find((each) => each.id === 'backups.restore-test-stale:backup1.sea:0')!;
    expect(finding.title).toMatch(/last restore test is 45 days old \(policy 30 days\)/);
  });

  test('imap1.sea keeps its repository in its own site; db1.sea has an unencrypted borg repository (§6); db1.nj was never restore-tested', () => {
    expect(findingIds('imap1.sea')).toEqual(['backups.on-site:imap1.sea:0']);
    const unencrypted = scanned.find((each) => each.host.name === 'db1.sea')!.findings;
    expect(unencrypted.map((finding) => [finding.id, finding.control])).toEqual([['backups.unencrypted:db1.sea:0', 'onDiskEncryption']]);
    expect(unencrypted[0]!.evidence.excerpt).toContain('encryption.mode: none');
    expect(findingIds('db1.nj')).toEqual(['backups.restore-test-stale:db1.nj:0']);
    expect(scanned.find((each) => each.host.name === 'db1.nj')!.findings[0]!.title).toMatch(/never restore-tested/);
  });

  test('every other host has no backup finding at all (the silent corruption on imap1.nj shows in no listing)', () => {
    const planted = new Set(['backup1.sea', 'imap1.sea', 'db1.sea', 'db1.nj']);
    const others = scanned.filter((each) => !planted.has(each.host.name) && each.findings.length > 0).map((each) => [each.host.name, each.findings.map((finding) => finding.id)]);
    expect(others).toEqual([]);
    expect(findingIds('imap1.nj')).toEqual([]);
  });

  test('hosts back up to the other site, except imap1.sea (the planted on-site repository)', () => {
    const jobs = scanned.flatMap(({ host, policy }) => (policy.backups ?? []).map((job) => ({ host: host.name, dc: host.dc, repositoryDc: job.repositoryDc })));
    expect(jobs.filter((job) => job.host === 'imap1.sea').map((job) => job.repositoryDc)).toEqual(['sea']);
    expect(jobs.filter((job) => job.repositoryDc === job.dc).map((job) => job.host)).toEqual(['imap1.sea']);
  });
});
