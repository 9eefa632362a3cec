// `opsdeck restore-test` against the demo fleet over its real (loopback) SSH:
// exit 1 and the mismatched file for the planted silent corruption, exit 0
// for a healthy host, JSON evidence that the store keeps, and usage errors.
import { describe, expect, test } from 'vitest';
import type { RestoreTestEvidence } from '../../../preload/contract';
import { restoreTestFindings } from '../../../main/engine/posture/restore-test-findings';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { expectHostUsageErrors, useDemoCommand } from '../../support/cli-run';

const restoreTest = useDemoCommand('restore-test', 'opsdeck-restore-cli-');
const run = (args: string[]) => restoreTest.run(args);

describe('opsdeck restore-test on the demo fleet', () => {
  test('imap1.nj: the silent corruption is one mismatched file; exit 1', async () => {
    const result = await run(['--host', 'imap1.nj']);
    expect(result.stderr).toMatch(/imap1\.nj: restoring 16 files/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^restore test \S+ of imap1\.nj \(nj\): FAILED — 1 of 16 files did not match/);
    expect(result.stdout).toMatch(/\n {2}mismatched +[0-9a-f]{16} [0-9a-f]{16} \/srv\/mail\//);
  }, 120_000);

  test('imap2.nj passes with --json evidence; the store keeps every test, newest first', async () => {
    const result = await run(['--host', 'imap2.nj', '--files', '4', '--json']);
    expect(result.code).toBe(0);
    const evidence = JSON.parse(result.stdout) as RestoreTestEvidence;
    expect(evidence).toMatchObject({ host: 'imap2.nj', outcome: 'passed', requestedFiles: 4 });
    expect(evidence.files).toHaveLength(4);
    const store = await openEmbeddedStore(restoreTest.dataDir);
    try {
      const stored = await store.restoreTests.list();
      expect(stored.map((test) => test.host)).toEqual(['imap2.nj', 'imap1.nj']);
      expect(stored[0]).toEqual(evidence);
      // The engine joins these to the scans' findings: imap1.nj's failed test is one, imap2.nj's pass is none.
      expect(restoreTestFindings(await store.restoreTests.latestPerHost()).map((finding) => [finding.id, finding.severity])).toEqual([['backups.restore-test-failed:imap1.nj:latest', 'critical']]);
    } finally {
      await store.close();
    }
  }, 120_000);

  test('usage: --host is required, --files is a number, an unknown host is named', async () => {
    await expectHostUsageErrors(restoreTest);
    expect((await run(['--host', 'imap1.nj', '--files', 'many'])).stderr).toMatch(/--files needs a whole number/);
  }, 120_000);
});
