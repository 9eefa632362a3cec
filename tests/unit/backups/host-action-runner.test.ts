// The runner shared by restore tests and integrity checks: one action per
// host (held across the awaits before it starts), the result stored, its end
// recorded and announced, a store failure kept in the result's reason.
import { describe, expect, test } from 'vitest';
import { HostActionRunner } from '../../../main/engine/backups/host-action-runner';

interface Result {
  host: string;
  reason: string | null;
}

function runner(save: (result: Result) => Promise<void> = async () => undefined) {
  const events: string[] = [];
  const instance = new HostActionRunner<Result>({
    what: 'a restore test',
    save: async (result) => {
      events.push(`save ${result.host}`);
      await save(result);
    },
    recordEnd: async (id, result) => void events.push(`end ${result.host} ${id.length}`),
    finished: (result) => void events.push(`finished ${result.host} ${result.reason}`),
  });
  return { instance, events };
}

describe('host action runner', () => {
  test('a second action on a claimed host is refused until the first has finished; another host is not', async () => {
    const { instance, events } = runner();
    const first = instance.claim('a');
    expect(() => instance.claim('a')).toThrow('a restore test of a is already running');
    const other = instance.claim('b');
    instance.release('b');
    expect(other.id).not.toBe(first.id);
    const done = instance.track(first.id, 'a', first.controller, Promise.resolve({ host: 'a', reason: null }));
    await done;
    expect(events).toEqual(['save a', 'end a 36', 'finished a null']);
    expect(() => instance.release('a')).not.toThrow();
    expect(instance.claim('a').id).toHaveLength(36);
  });

  test('a result that could not be stored says so in its reason, and is still announced', async () => {
    const { instance, events } = runner(async () => {
      throw new Error('disk full');
    });
    const { id, controller } = instance.claim('a');
    const result = await instance.track(id, 'a', controller, Promise.resolve({ host: 'a', reason: 'failed' }));
    expect(result.reason).toBe('failed; not stored: disk full');
    expect(events.at(-1)).toBe('finished a failed; not stored: disk full');
  });

  test("cancel aborts the action's signal; an unknown id is not cancelled", async () => {
    const { instance } = runner();
    const { id, controller } = instance.claim('a');
    const running = new Promise<Result>((resolve) => controller.signal.addEventListener('abort', () => resolve({ host: 'a', reason: 'cancelled' })));
    const done = instance.track(id, 'a', controller, running);
    expect(instance.cancel('nope')).toBe(false);
    expect(instance.cancel(id)).toBe(true);
    expect((await done).reason).toBe('cancelled');
  });
});
