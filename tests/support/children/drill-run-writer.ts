// Child process for the drill kill -9 test. Resumes the live run of the test
// plan (or starts one), then, by mode:
//   between  finish the current step, print "finished N", and wait to be killed;
//   during   start the current step, print "started N", and wait to be killed;
//   loop     finish steps one after another, printing "finished N" after each commit.
import { DrillRunService } from '../../../main/engine/drills/drill-run-service';
import { DrillRunStore } from '../../../main/engine/drills/drill-run-store';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { killTestPlan } from '../drill-kill-plan';

const [dataDir, mode] = process.argv.slice(2) as [string, 'between' | 'during' | 'loop'];
const store = await openEmbeddedStore(dataDir);
const runs = new DrillRunStore(store.sql);
const service = new DrillRunService(runs, { run: () => Promise.reject(new Error('no commands in the kill test')) });
const plan = killTestPlan();
const live = (await runs.liveRunIds()).find((entry) => entry.planId === plan.id);
let state = live ? await service.state(live.runId) : await service.start(plan, 'kim');
process.stdout.write(`run ${state.runId}\n`);
const waitForKill = () => setInterval(() => undefined, 1000);
if (mode === 'during') {
  const step = state.currentStep!;
  await service.startStep(state.runId, step, 'kim');
  process.stdout.write(`started ${step}\n`);
  waitForKill();
} else {
  do {
    const step = state.currentStep!;
    state = await service.finishStep(state.runId, step, 'done', `note for step ${step + 1}`, 'kim');
    process.stdout.write(`finished ${step}\n`);
  } while (mode === 'loop' && state.currentStep !== null);
  waitForKill();
}
