// The renderer's only way to the engine: window.opsdeck, provided by the
// Electron preload or, in a browser, by the bridge shim.
import type { CallResult, OpsDeckApi } from '../../preload/contract';
import { visibleBidi } from './visible-bidi';

declare global {
  interface Window {
    opsdeck?: OpsDeckApi;
  }
}

let shown: { api: OpsDeckApi; wrapped: OpsDeckApi } | null = null;

/** The engine's API, with bidi controls in everything it returns or pushes made visible (visible-bidi.ts). */
export function getOpsDeck(): OpsDeckApi | null {
  const api = window.opsdeck;
  if (!api) return null;
  if (shown?.api !== api) shown = { api, wrapped: withVisibleBidi(api) };
  return shown.wrapped;
}

function withVisibleBidi(api: OpsDeckApi): OpsDeckApi {
  const wrapped: Record<string, unknown> = {};
  for (const [namespace, group] of Object.entries(api)) {
    if (typeof group === 'function') continue;
    const members: Record<string, unknown> = {};
    for (const [member, call] of Object.entries(group as Record<string, (input: unknown) => Promise<unknown>>)) {
      members[member] = async (input: unknown) => visibleBidi(await call(input));
    }
    wrapped[namespace] = members;
  }
  wrapped.on = (event: string, listener: (payload: unknown) => void) =>
    (api.on as (event: string, listener: (payload: unknown) => void) => () => void)(event, (payload) => listener(visibleBidi(payload)));
  return wrapped as OpsDeckApi;
}

export function errorText(result: CallResult<unknown>): string | null {
  return result.ok ? null : result.error.message;
}
