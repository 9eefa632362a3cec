// Killing the app mid-drill loses nothing: a real store written by a child
// process that is killed with SIGKILL between two steps, during a step, and
// at a random moment while it finishes steps as fast as it can. After each
// kill the run resumes where it was: every step reported finished is
// finished exactly once, in order, with its note; none is lost or doubled.
import { expect, test } from 'vitest';
import { DrillRunService } from '../../../main/engine/drills/drill-run-service';
import { DrillRunStore } from '../../../main/engine/drills/drill-run-store';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { useBundledChild } from '../../support/bundle-for-child';
import { runUntilKilled } from '../../support/kill-child';
import { useTempDir } from '../../support/temp-dir';

const child = useBundledChild('tests/support/children/drill-run-writer.ts');
const dataDir = useTempDir('opsdeck-drill-kill-');

/** Runs the writer in `mode`; kills it with SIGKILL once `killWhen` is true of its output lines. */
const runThenKill = (mode: string, killWhen: (lines: string[]) => boolean): Promise<string[]> => runUntilKilled(child.path, [dataDir.path, mode], killWhen);

const finishedIn = (lines: string[]) => lines.filter((line) => line.startsWith('finished ')).map((line) => Number(line.slice(9)));

async function resumedState() {
  const store = await openEmbeddedStore(dataDir.path);
  try {
    const runs = new DrillRunStore(store.sql);
    const live = await runs.liveRunIds();
    expect(live).toHaveLength(1);
    const events = await runs.events(live[0]!.runId);
    const service = new DrillRunService(runs, { run: () => Promise.reject(new Error('unused')) });
    return { state: await service.state(live[0]!.runId), events };
  } finally {
    await store.close();
  }
}

test('kill -9 between two steps, during a step, and mid-stream: the run resumes with no step lost or doubled', async () => {
  const reported: number[] = [];
  // Between steps: step 1 finished, killed before step 2 starts.
  reported.push(...finishedIn(await runThenKill('between', (lines) => finishedIn(lines).length === 1)));
  let { state } = await resumedState();
  expect(state.steps[0]).toMatchObject({ result: 'done', note: 'note for step 1' });
  expect(state.currentStep).toBe(1);

  // During a step: step 2 started, killed before it is finished; resuming shows it started, not done.
  await runThenKill('during', (lines) => lines.some((line) => line.startsWith('started ')));
  ({ state } = await resumedState());
  expect(state.currentStep).toBe(1);
  expect(state.steps[1]!.startedAt).not.toBeNull();
  expect(state.steps[1]!.result).toBeNull();

  // Mid-stream, twice: killed after a varying number of commits.
  for (const count of [5, 17]) reported.push(...finishedIn(await runThenKill('loop', (lines) => finishedIn(lines).length >= count)));

  const resumed = await resumedState();
  const finishedSteps = resumed.events.filter((stored) => stored.event.type === 'step-finished').map((stored) => (stored.event as { step: number }).step);
  // Every step reported as finished is finished in the store (a kill may land after a commit but before the report).
  for (const step of reported) expect(finishedSteps).toContain(step);
  // Exactly once each, in order, with no gap.
  expect(finishedSteps).toEqual(Array.from({ length: finishedSteps.length }, (_, index) => index));
  expect(finishedSteps.length).toBeGreaterThanOrEqual(1 + 5 + 17);
  expect(resumed.events.map((stored) => stored.seq)).toEqual(resumed.events.map((_, index) => index + 1));
  expect(resumed.state.currentStep).toBe(finishedSteps.length);
  for (const step of finishedSteps) expect(resumed.state.steps[step]).toMatchObject({ result: 'done', note: `note for step ${step + 1}` });
}, 400_000);
