// The outbox writer's rules, against a team store that is made to be away
// or to refuse (a fake with the ScanStore write methods) and a real local
// outbox (PGlite in a temporary folder): writes go straight through while
// the store is there; once it is away every write queues behind the first,
// in order, and the scan goes on; a flush writes them in that order, a row
// the store already holds counts as written, a write the store refuses is
// said once and kept; an error the server answers is never queued.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OutboxScanWriter, type OutboxState } from '../../../main/engine/scan/outbox-scan-writer';
import { ScanOutbox } from '../../../main/engine/store/scan-outbox';
import type { ScanStore } from '../../../main/engine/store/scan-store';
import type { ScanWrite } from '../../../main/engine/store/scan-write';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('opsdeck-outbox-unit-');

function fakeTeam() {
  const applied: string[] = [];
  const state = { away: false, refuse: null as string | null, duplicate: null as string | null };
  const gone = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const act = async (what: string) => {
    if (state.away) throw gone();
    if (state.refuse === what) throw Object.assign(new Error('permission denied for table scan_runs'), { code: '42501' });
    if (state.duplicate === what) {
      state.duplicate = null;
      applied.push(what);
      throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    }
    applied.push(what);
  };
  const team = {
    beginRun: (run: { runId: string }) => act(`start ${run.runId}`),
    saveHostResult: (detail: { host: string }) => act(`host ${detail.host}`),
    updateFindings: (runId: string, host: string) => act(`findings ${host}`),
    finishRun: (runId: string) => act(`finish ${runId}`),
  } as unknown as ScanStore;
  return { team, applied, state };
}

const start = (runId: string): ScanWrite => ({ kind: 'run-started', run: { runId, startedAt: '2026-12-06T00:00:00Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 2 } });
const host = (name: string): ScanWrite =>
  ({ kind: 'host-finished', detail: { runId: 'r1', host: name }, bytes: [{ stdout: Buffer.from([0, 255, 10]), stderr: Buffer.alloc(0) }] }) as unknown as ScanWrite;
const finish = (runId: string): ScanWrite => ({ kind: 'run-finished', runId, end: { finishedAt: '2026-12-06T00:01:00Z', ok: 2, failed: 0, cancelled: false } });

function writerFor(folder: string, team: ScanStore) {
  const changes: Array<[OutboxState['queued'], string]> = [];
  const errors: string[] = [];
  const outbox = new ScanOutbox(join(temp.path, folder));
  const writer = new OutboxScanWriter({ team, outbox, retryMs: 60_000, onState: (state, change) => changes.push([state.queued, change]), onFlushError: (error) => errors.push(String(error)) });
  return { writer, outbox, changes, errors };
}

describe('the outbox writer', () => {
  test('straight through while the store is there; once away, every write queues behind the first, in order, and a flush writes them in that order', async () => {
    const { team, applied, state } = fakeTeam();
    const { writer, outbox, changes } = writerFor('order', team);
    await writer.write(start('r1'));
    expect(applied).toEqual(['start r1']);
    state.away = true;
    await writer.write(host('a'));
    state.away = false;
    // The store is back, but a write behind a queued one queues too: the run must not end before its hosts.
    await writer.write(host('b'));
    await writer.write(finish('r1'));
    expect(applied).toEqual(['start r1']);
    expect(writer.current).toMatchObject({ queued: 3, offlineSince: expect.any(String) });
    expect(changes).toEqual([
      [1, 'offline'],
      [2, 'queued'],
      [3, 'queued'],
    ]);
    await writer.flush();
    expect(applied).toEqual(['start r1', 'host a', 'host b', 'finish r1']);
    expect(writer.current).toEqual({ offlineSince: null, queued: 0 });
    expect(changes.at(-1)).toEqual([0, 'online']);
    expect(await outbox.count()).toBe(0);
    await writer.close();
  });

  test("the host's exact bytes survive the outbox", async () => {
    const outbox = new ScanOutbox(join(temp.path, 'bytes'));
    await outbox.push(host('a'));
    const [queued] = await outbox.oldest(10);
    expect((queued!.write as Extract<ScanWrite, { kind: 'host-finished' }>).bytes![0]!.stdout).toEqual(Buffer.from([0, 255, 10]));
    await outbox.close();
  });

  test('a row the store already holds (the reply was lost) counts as written; a write it refuses is said once and kept', async () => {
    const { team, applied, state } = fakeTeam();
    const { writer, outbox, errors } = writerFor('refused', team);
    state.away = true;
    await writer.write(start('r2'));
    await writer.write(finish('r2'));
    state.away = false;
    state.duplicate = 'start r2';
    state.refuse = 'finish r2';
    await writer.flush();
    await writer.flush();
    expect(applied).toEqual(['start r2']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/a queued run-finished write was refused by the team store and is kept in the outbox: permission denied/);
    expect(await outbox.count()).toBe(1);
    state.refuse = null;
    await writer.flush();
    expect(applied).toEqual(['start r2', 'finish r2']);
    await writer.close();
  });

  test('an error the server answers is thrown, not queued', async () => {
    const { team, state } = fakeTeam();
    const { writer } = writerFor('answered', team);
    state.refuse = 'start r3';
    await expect(writer.write(start('r3'))).rejects.toThrow(/permission denied/);
    expect(writer.current).toEqual({ offlineSince: null, queued: 0 });
    await writer.close();
  });
});
