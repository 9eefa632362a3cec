// How a port's state reads on screen: a symbol and words for its baseline
// conformance (never colour alone), and a short word for who can reach it.
import type { BaselineConformance, ExposureReachability } from '../../../preload/contract';

export const CONFORMANCE_MARK: Record<BaselineConformance, { symbol: string; label: string }> = {
  'beyond-baseline': { symbol: '✗', label: 'beyond baseline' },
  undetermined: { symbol: '?', label: 'undetermined' },
  'no-baseline': { symbol: '○', label: 'no baseline entry' },
  conforming: { symbol: '✓', label: 'within baseline' },
};

/** Cell words: any address, some networks, nobody, undetermined, loopback only. */
export const REACH_SHORT: Record<ExposureReachability, string> = {
  any: 'any',
  some: 'nets',
  none: 'none',
  undetermined: 'und',
  'local-only': 'lo',
};

export const REACH_LABEL: Record<ExposureReachability, string> = {
  any: 'any address',
  some: 'some networks',
  none: 'nobody (blocked)',
  undetermined: 'undetermined',
  'local-only': 'local processes only',
};

export const FAMILY_LABEL: Record<'ipv4' | 'ipv6', string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

const CONFORMANCE_ORDER: BaselineConformance[] = ['conforming', 'no-baseline', 'undetermined', 'beyond-baseline'];
const REACH_ORDER: ExposureReachability[] = ['local-only', 'none', 'undetermined', 'some', 'any'];

/** Positive when `a` is further from the baseline than `b` (then more open). */
export function compareSeverity(a: { conformance: BaselineConformance; reachability: ExposureReachability }, b: { conformance: BaselineConformance; reachability: ExposureReachability }): number {
  return CONFORMANCE_ORDER.indexOf(a.conformance) - CONFORMANCE_ORDER.indexOf(b.conformance) || REACH_ORDER.indexOf(a.reachability) - REACH_ORDER.indexOf(b.reachability);
}
