// A drill run against the real embedded store, with a recording command
// runner in place of SSH: check-off with notes, a command verification with
// its output's sha256, a change step that never runs without the typed
// target name, one live run per plan, no step finished twice, hand-over,
// abort, and the measured RTO at the end.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DrillPlan } from '../../../main/engine/drills/drill-plan';
import { ChangeNotConfirmed, DrillRunService, type StepCommandRunner } from '../../../main/engine/drills/drill-run-service';
import { DrillRunConflict, DrillRunStore } from '../../../main/engine/drills/drill-run-store';
import { openEmbeddedStore, type OpenedStore } from '../../../main/engine/store/open-store';

const PLAN: DrillPlan = {
  id: 'mx-failover-sea',
  title: 'MX failover',
  kind: 'mx-failover',
  scope: { site: 'sea', roles: ['mx'], hosts: ['mx1.sea'] },
  schedule: { text: 'DTSTART;TZID=America/Los_Angeles:20270103T100000\nRRULE:FREQ=WEEKLY', timeZone: 'America/Los_Angeles' },
  owner: 'sam',
  participants: [],
  rtoMinutes: 15,
  rpoMinutes: 5,
  graceDays: 3,
  steps: [
    { type: 'checklist', title: 'Lower the TTL', timeboxMinutes: 5 },
    { type: 'change', title: 'Take mx1.nj out of the MX set', timeboxMinutes: 5, host: 'dns1.nj', argv: ['/usr/local/sbin/mx-set', 'remove', 'mx1.nj'] },
    {
      type: 'verification',
      title: 'mx1.sea answers SMTP',
      timeboxMinutes: 5,
      verify: { action: 'command', host: 'mx1.sea', argv: ['/usr/bin/nc', '-z', '127.0.0.1', '25'], expectExit: 0, expectOutput: null },
    },
  ],
};

let dataDir = '';
let store: OpenedStore;
const commands: { host: string; argv: readonly string[]; purpose: string }[] = [];
const runner: StepCommandRunner = {
  run: async (host, argv, purpose) => {
    commands.push({ host, argv, purpose });
    return { exitCode: 0, stdout: `ran ${argv.join(' ')}\n`, stderr: '' };
  },
};
let minute = 0;
const clock = () => new Date(Date.UTC(2027, 0, 3, 18, minute++));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-drill-run-'));
  store = await openEmbeddedStore(dataDir);
});
afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('DrillRunService', () => {
  test('a full run: check-off, change after the typed name, verification with sha256, finish with measured RTO', async () => {
    const service = new DrillRunService(new DrillRunStore(store.sql), runner, clock);
    const started = await service.start(PLAN, 'sam');
    const runId = started.runId;
    await expect(service.start(PLAN, 'lee')).rejects.toThrow(`plan mx-failover-sea already has a live run (${runId}); resume it, or abort it first`);

    await expect(service.finishStep(runId, 1, 'done', '', 'sam')).rejects.toThrow('step 1 comes first');
    await service.finishStep(runId, 0, 'done', 'TTL 60 s', 'sam');
    await expect(service.finishStep(runId, 0, 'done', 'again', 'sam')).rejects.toThrow('step 1 is already done');

    // The change: not by ticking it, not with a wrong or empty name.
    await expect(service.finishStep(runId, 1, 'done', '', 'sam')).rejects.toThrow('step 2 is a change step');
    for (const typed of ['', 'dns1', 'DNS1.NJ', 'dns1.nj ']) {
      await expect(service.runChange(runId, 1, typed, 'sam')).rejects.toBeInstanceOf(ChangeNotConfirmed);
    }
    expect(commands).toEqual([]);
    expect((await service.state(runId)).steps[1]).toMatchObject({ startedAt: null, confirmedBy: null, result: null });

    await service.handOver(runId, 'lee', 'sam is paged elsewhere', 'sam');
    const changed = await service.runChange(runId, 1, 'dns1.nj', 'lee');
    expect(commands).toEqual([{ host: 'dns1.nj', argv: ['/usr/local/sbin/mx-set', 'remove', 'mx1.nj'], purpose: 'drill mx-failover-sea step 2 (change, confirmed by lee)' }]);
    expect(changed.steps[1]).toMatchObject({
      result: 'done',
      confirmedBy: 'dns1.nj',
      outputs: [{ host: 'dns1.nj', exitCode: 0, sha256: createHash('sha256').update('ran /usr/local/sbin/mx-set remove mx1.nj\n').digest('hex') }],
    });

    const verified = await service.runVerification(runId, 2, 'lee');
    expect(verified.steps[2]).toMatchObject({ result: 'done', note: 'verified' });
    const finished = await service.finish(runId, 2, ['raise the MX TTL back'], 'lee');
    expect(finished).toMatchObject({ status: 'finished', lead: 'lee', startedBy: 'sam', measuredRpoMinutes: 2, actions: ['raise the MX TTL back'] });
    expect(finished.handovers).toEqual([{ at: expect.any(String), from: 'sam', to: 'lee', note: 'sam is paged elsewhere' }]);
    // Started at minute 0; the verification finished on the clock's last-but-one tick.
    expect(finished.measuredRtoMinutes).toBeGreaterThan(0);
    expect(finished.measuredRtoMinutes).toBeLessThan(minute);
    await expect(service.finishStep(runId, 0, 'done', '', 'lee')).rejects.toThrow('has finished; nothing more can be recorded');
    // Finished: the plan is free for its next run.
    expect(await new DrillRunStore(store.sql).liveRunIds()).toEqual([]);
  });

  test('abort needs a reason, ends the run and frees the plan; a failing verification fails its step', async () => {
    const failing: StepCommandRunner = { run: async () => ({ exitCode: 1, stdout: '', stderr: 'connection refused\n' }) };
    const service = new DrillRunService(new DrillRunStore(store.sql), failing, clock);
    const { runId } = await service.start(PLAN, 'sam');
    await service.finishStep(runId, 0, 'skipped', 'TTL already low', 'sam');
    await service.runChange(runId, 1, 'dns1.nj', 'sam');
    const failed = await service.runVerification(runId, 2, 'sam');
    expect(failed.steps[2]).toMatchObject({ result: 'failed', note: 'expected exit 0, got exit 1' });
    expect(failed.measuredRtoMinutes).toBeNull();
    await expect(service.abort(runId, '  ', 'sam')).rejects.toBeInstanceOf(DrillRunConflict);
    expect(await service.abort(runId, 'MX did not come up', 'sam')).toMatchObject({ status: 'aborted', abortReason: 'MX did not come up' });
    expect(await new DrillRunStore(store.sql).liveRunIds()).toEqual([]);
  });
});
