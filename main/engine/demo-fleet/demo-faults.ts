// Faults the demo can inject per host, for reliability tests: what a hung,
// slow, broken or impostor host looks like from OpsDeck's side. A fault
// only ever affects its own host's connection, never the bastion.
import { hashUint } from './seeded-hash';

export type DemoFault =
  /** The bastion opens the channel but the host never sends its SSH banner. */
  | { kind: 'no-banner' }
  /** The banner comes after `delayMs`. */
  | { kind: 'slow-banner'; delayMs?: number }
  /** The connection is cut while a command is writing its output. */
  | { kind: 'drop-mid-command' }
  /** Commands print random bytes, invalid UTF-8 or truncated JSON (exit 0). */
  | { kind: 'garbage-output' }
  /** The host refuses the demo client key. */
  | { kind: 'auth-failure' }
  /** The host presents a key other than its reported (deterministic) one. */
  | { kind: 'changed-host-key' }
  /** Every command answers after `delayMs`. */
  | { kind: 'slow-responses'; delayMs?: number };

export type DemoFaultKind = DemoFault['kind'];

export const DEMO_FAULT_KINDS: readonly DemoFaultKind[] = ['no-banner', 'slow-banner', 'drop-mid-command', 'garbage-output', 'auth-failure', 'changed-host-key', 'slow-responses'];

export const DEFAULT_SLOW_BANNER_MS = 3_000;
export const DEFAULT_SLOW_RESPONSE_MS = 2_000;

export function isDemoFaultKind(value: string): value is DemoFaultKind {
  return (DEMO_FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * `rate` of the hosts for EACH fault kind, chosen by a seeded shuffle (so
 * the same seed picks the same hosts), no host getting two faults.
 * Explicit faults win over picked ones.
 */
export function pickFaults(hostNames: readonly string[], rate: number, seed: string, explicit: Record<string, DemoFault> = {}): Record<string, DemoFault> {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be between 0 and 1, got ${rate}`);
  const faults: Record<string, DemoFault> = {};
  const perKind = Math.round(rate * hostNames.length);
  if (perKind > 0) {
    const candidates = hostNames.filter((name) => !(name in explicit)).sort((a, b) => hashUint(seed, a) - hashUint(seed, b) || (a < b ? -1 : 1));
    let next = 0;
    for (const kind of DEMO_FAULT_KINDS) {
      for (let count = 0; count < perKind && next < candidates.length; count++) faults[candidates[next++]!] = { kind } as DemoFault;
    }
  }
  return { ...faults, ...explicit };
}
