// Beyond what every parser is held to in tests/unit/parsers/parser-fuzz.test.ts
// (garbage, mangled real output, other tools' outputs): deep JSON does not
// overflow a backup parser's stack, and no output — cut mid-character, any
// exit status — makes the failure classifier, the facts step or the findings
// step throw.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backupFacts } from '../../../main/engine/collectors/backups/backup-facts';
import { sourceFailure } from '../../../main/engine/collectors/backups/backup-source-state';
import { parseBorgInfo, parseBorgList } from '../../../main/engine/collectors/backups/borg-json';
import { parseResticSnapshots } from '../../../main/engine/collectors/backups/restic-snapshots';
import { parseSystemctlShow } from '../../../main/engine/collectors/backups/systemctl-show';
import { parseZfsSnapshots } from '../../../main/engine/collectors/backups/zfs-snapshots';
import type { BackupJob } from '../../../main/engine/inventory/backup-policy-schema';
import { backupFindings } from '../../../main/engine/posture/backup-findings';
import { fixture } from '../../support/fixtures';
import { splicedWithNoise } from '../../support/parser-properties';
import { backupJob } from '../../support/backup-job';

const REAL = [
  'debian/restic-snapshots-json.txt',
  'debian/restic-snapshots-json-0.18.txt',
  'debian/restic-errors.txt',
  'debian/borg-list-json.txt',
  'debian/borg-info-json.txt',
  'debian/borg-info-json-archive.txt',
  'debian/borg-errors.txt',
].map((path) => fixture(path));

const mangled = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), splicedWithNoise(REAL), fc.json({ maxDepth: 4 }));

const PARSERS = {
  restic: (text: string) => parseResticSnapshots(text),
  borgList: (text: string) => parseBorgList(text),
  borgInfo: (text: string) => parseBorgInfo(text),
  systemctl: (text: string) => parseSystemctlShow(text, ['a.service', 'b.service']),
  zfs: (text: string) => parseZfsSnapshots(text, 'zones/data'),
};

const job = (tool: BackupJob['tool']): BackupJob => backupJob(tool, { envFile: tool === 'zfs-send' ? null : '/etc/backup/x.env', paths: ['/srv'], backupUnit: 'a.service', checkUnit: 'b.service' });

describe('backup parsers, facts and findings never throw', () => {
  test('deeply nested JSON does not overflow the stack', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    for (const parse of Object.values(PARSERS)) expect(() => parse(deep)).not.toThrow();
  });

  test('the failure classifier and the facts and findings steps never throw', () => {
    const jobs = [job('restic'), job('borg'), job('zfs-send')];
    fc.assert(
      fc.property(mangled, mangled, fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 300 })), (stdout, stderr, exitCode) => {
        sourceFailure('restic', stdout, stderr, exitCode, null);
        const outputs = ['backups.0.snapshots', 'backups.1.snapshots', 'backups.1.info', 'backups.0.units', 'backups.2.snapshots'].map((id) => ({
          id,
          command: id,
          stdout,
          stderr,
          exitCode,
          durationMs: 1,
          error: null,
        }));
        const facts = backupFacts(outputs, jobs);
        const policy = { roles: [], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180, backups: jobs };
        backupFindings(facts, { host: 'h', dc: 'nj', siteRole: 'primary', os: 'debian', policy, now: new Date('2026-12-01T00:00:00Z') });
      }),
      { numRuns: 300 },
    );
  });
});
