// `opsdeck integrity-check` against the demo fleet over its real (loopback)
// SSH: successive runs read successive parts of the repository (the cycle's
// state comes from the store), borg reads its repository whole, the JSON
// carries the run and the cycle, and usage errors.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { IntegrityCheckRun, IntegrityCycleView } from '../../../preload/contract';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { expectHostUsageErrors, useDemoCommand } from '../../support/cli-run';

const integrityCheck = useDemoCommand('integrity-check', 'opsdeck-integrity-cli-');
const run = (args: string[]) => integrityCheck.run(args);

describe('opsdeck integrity-check on the demo fleet', () => {
  test('imap2.nj: the first run reads part 1 of 8, the next part 2; the text says where the cycle stands', async () => {
    const first = await run(['--host', 'imap2.nj']);
    expect(first.stderr).toMatch(/imap2\.nj: checking restic 1\/8/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^integrity check \S+ of imap2\.nj \(nj\) restic job 0, part 1\/8: PASSED\n/);
    expect(first.stdout).toMatch(/cycle: 1\/8 parts read in the cycle under way; next part 2; last full cycle never; 13 % verified in the last 30 days/);
    expect(first.stdout).toMatch(/ {2}\| no errors were found/);
    const second = await run(['--host', 'imap2.nj', '--json']);
    expect(second.code).toBe(0);
    const { run: checked, cycle } = JSON.parse(second.stdout) as { run: IntegrityCheckRun; cycle: IntegrityCycleView };
    expect(checked).toMatchObject({ host: 'imap2.nj', tool: 'restic', subset: 2, subsets: 8, outcome: 'passed' });
    expect(cycle).toMatchObject({ coveredInCycle: [1, 2], nextSubset: 3, lastFullCycleAt: null });
    const store = await openEmbeddedStore(integrityCheck.dataDir);
    try {
      expect((await store.integrityChecks.list({ host: 'imap2.nj' })).map((each) => each.subset)).toEqual([2, 1]);
    } finally {
      await store.close();
    }
    const auditLog = await readFile(join(integrityCheck.dataDir, 'audit.log'), 'utf8');
    expect(auditLog).toMatch(/integrity-check\.start/);
    expect(auditLog).toMatch(/restic check --read-data-subset=2\/8/);
  }, 120_000);

  test('db1.sea: borg reads the whole repository each time', async () => {
    const result = await run(['--host', 'db1.sea', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { run: IntegrityCheckRun }).run).toMatchObject({ tool: 'borg', subset: 1, subsets: 1, outcome: 'passed' });
  }, 120_000);

  test('usage: --host is required, --job is an index, an unknown host is named', async () => {
    await expectHostUsageErrors(integrityCheck);
    expect((await run(['--host', 'imap1.nj', '--job', 'first'])).stderr).toMatch(/--job needs the job's index/);
  }, 120_000);
});
