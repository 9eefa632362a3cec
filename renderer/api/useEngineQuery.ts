// One way to read from the engine: call it on mount, again when `key`
// changes and on each event named in `reloadOn`. A failed call keeps the
// last value and sets `error` (the engine's message) until a call succeeds;
// an answer that arrives after a newer call was made is dropped, so a slow
// earlier answer never overwrites a later one; a value loaded for another
// key is never shown for this one.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallResult, EventName, OpsDeckApi } from '../../preload/contract';
import { getOpsDeck } from './opsdeck';

export interface EngineQuery<T> {
  /** The latest answer for the current key; null until one came. */
  value: T | null;
  /** True once an answer (value or error) came for the current key. */
  loaded: boolean;
  error: string | null;
  reload: () => void;
}

export interface EngineQueryOptions {
  /** Engine events after which the call is made again (a scan finished, the fleet changed). */
  reloadOn?: EventName[];
  /** What the call depends on (a host name, a filter): a new key calls again. */
  key?: string | number;
}

export const NO_ENGINE = 'no engine: this page runs without window.opsdeck (the Electron preload or the browser bridge)';

type Answer<T> = { key: string | number | undefined; value: T | null; error: string | null };

export function useEngineQuery<T>(call: (api: OpsDeckApi) => Promise<CallResult<T>>, options: EngineQueryOptions = {}): EngineQuery<T> {
  const key = options.key;
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const latest = useRef({ call, key });
  useLayoutEffect(() => {
    latest.current = { call, key };
  });
  const sequence = useRef(0);
  const reload = useCallback(() => {
    const { call: current, key: asked } = latest.current;
    const api = getOpsDeck();
    if (!api) {
      setAnswer({ key: asked, value: null, error: NO_ENGINE });
      return;
    }
    const mine = ++sequence.current;
    const settle = (next: (previous: Answer<T> | null) => Answer<T>) => {
      if (mine === sequence.current) setAnswer(next);
    };
    const kept = (previous: Answer<T> | null) => (previous !== null && previous.key === asked ? previous.value : null);
    void current(api).then(
      (result) => settle((previous) => (result.ok ? { key: asked, value: result.value, error: null } : { key: asked, value: kept(previous), error: result.error.message })),
      (thrown: unknown) => settle((previous) => ({ key: asked, value: kept(previous), error: thrown instanceof Error ? thrown.message : String(thrown) })),
    );
  }, []);
  const events = (options.reloadOn ?? []).join(' ');
  useEffect(() => {
    reload();
    const api = getOpsDeck();
    if (!api || !events) return;
    const offs = events.split(' ').map((event) => api.on(event as EventName, reload));
    return () => offs.forEach((off) => off());
  }, [reload, events, key]);
  const current = answer !== null && answer.key === key ? answer : null;
  return { value: current?.value ?? null, loaded: current !== null, error: current?.error ?? null, reload };
}
