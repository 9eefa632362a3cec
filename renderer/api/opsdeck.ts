// The renderer's only way to the engine: window.opsdeck, provided by the
// Electron preload or, in a browser, by the bridge shim.
import type { CallResult, OpsDeckApi } from '../../preload/contract';

declare global {
  interface Window {
    opsdeck?: OpsDeckApi;
  }
}

export function getOpsDeck(): OpsDeckApi | null {
  return window.opsdeck ?? null;
}

export function errorText(result: CallResult<unknown>): string | null {
  return result.ok ? null : result.error.message;
}
