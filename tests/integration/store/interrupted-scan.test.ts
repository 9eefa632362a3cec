// A scan whose process is killed (kill -9) mid-scan stayed "running" in the
// store forever. At the next start the engine records it as interrupted: the
// store's run record, a warning from the CLI naming the run, and an audit
// entry. The real CLI in its own process, on the demo fleet over real SSH.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { useBundledChild } from '../../support/bundle-for-child';
import { runOpsdeck } from '../../support/cli-run';
import { runUntilKilled } from '../../support/kill-child';
import { useTempDir } from '../../support/temp-dir';

const cli = useBundledChild('main/cli.ts');
const dir = useTempDir('opsdeck-interrupted-');

test('a scan killed with SIGKILL mid-scan is recorded as interrupted at the next start, and the CLI names it', { timeout: 300_000 }, async () => {
  const dataDir = join(dir.path, 'data');
  // Killed as soon as the first host's result is reported: the run is begun in the store, not finished.
  await runUntilKilled(cli.path, ['scan', '--demo', '--accept-new', '--data-dir', dataDir], (lines) => lines.some((line) => /^\[1\/\d+\] /.test(line)), 'stderr');

  const before = await openEmbeddedStore(dataDir);
  const [killed] = await before.scans.recentRuns(1);
  await before.close();
  expect(killed).toMatchObject({ finishedAt: null, interruptedAt: null });

  const next = await runOpsdeck(['scan', '--demo', '--accept-new', '--host', 'imap1.nj', '--data-dir', dataDir]);
  expect(next.stderr).toContain(`warning: scan ${killed!.runId} (started ${killed!.startedAt}, 24 hosts) never finished: OpsDeck was stopped during it; it is recorded as interrupted`);

  const after = await openEmbeddedStore(dataDir);
  const runs = await after.scans.recentRuns(5);
  await after.close();
  const marked = runs.find((run) => run.runId === killed!.runId);
  expect(marked?.finishedAt).toBeNull();
  expect(Date.parse(marked?.interruptedAt ?? '')).toBeGreaterThan(Date.parse(killed!.startedAt));
  expect(runs.find((run) => run.runId !== killed!.runId)).toMatchObject({ interruptedAt: null, finishedAt: expect.any(String) });

  const audit = await readFile(join(dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain(`"kind":"scan.interrupted"`);
  expect(audit).toContain(`"runId":"${killed!.runId}"`);
  // Marked once: a later start does not report it again.
  const third = await runOpsdeck(['scan', '--demo', '--accept-new', '--host', 'imap1.nj', '--data-dir', dataDir]);
  expect(third.stderr).not.toContain('never finished');
});
