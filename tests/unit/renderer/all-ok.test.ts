import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../preload/contract';
import { allOk } from '../../../renderer/api/all-ok';

const ok = <T>(value: T): CallResult<T> => ({ ok: true, value });
const failed = (message: string): CallResult<never> => ({ ok: false, error: { code: 'failed', message } });

describe('several engine calls as one query', () => {
  it('gives every value, in call order, when all succeed', () => {
    expect(allOk([ok([1, 2]), ok('two'), ok(null)] as const)).toEqual({ ok: true, value: [[1, 2], 'two', null] });
  });

  it('fails with every failure named when any fails, keeping the first code', () => {
    const result = allOk([ok(1), failed('posture.backups: store closed'), failed('backups.restoreTests: store closed')] as const);
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: 'posture.backups: store closed; backups.restoreTests: store closed' } });
  });
});
