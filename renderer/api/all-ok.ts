// Several engine calls' results as one (useAccess, useBackups).
import type { CallResult } from '../../preload/contract';

type Values<R> = { [K in keyof R]: R[K] extends CallResult<infer V> ? V : never };

/** Several calls' results as one, for a query that needs them all: their values, or every failure's message. */
export function allOk<R extends readonly CallResult<unknown>[]>(results: R): CallResult<Values<R>> {
  const failures = results.flatMap((result) => (result.ok ? [] : [result.error]));
  if (failures.length > 0) return { ok: false, error: { ...failures[0]!, message: failures.map((failure) => failure.message).join('; ') } };
  return { ok: true, value: results.map((result) => (result.ok ? result.value : null)) as Values<R> };
}
