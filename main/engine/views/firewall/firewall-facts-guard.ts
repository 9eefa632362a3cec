// Stored firewall facts come back as plain JSON, possibly written by an
// engine version with another shape: these guards say whether a view can
// be built from them, so an old row shows nothing instead of crashing.
import type { FirewallFacts } from '../../collectors/firewall/firewall-facts';

/** The fields the fleet matrix reads (the store hands over only these). */
export const EXPOSURE_FIELDS = ['os', 'firewall', 'listenersKnown', 'exposure'] as const;

export type ExposureFacts = Pick<FirewallFacts, (typeof EXPOSURE_FIELDS)[number]>;

export function isExposureFacts(facts: unknown): facts is ExposureFacts {
  const candidate = facts as Partial<FirewallFacts> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    (candidate.os === 'debian' || candidate.os === 'smartos') &&
    Array.isArray(candidate.exposure) &&
    typeof candidate.firewall === 'object' &&
    candidate.firewall !== null
  );
}

export function isFirewallFacts(facts: unknown): facts is FirewallFacts {
  const candidate = facts as Partial<FirewallFacts> | null;
  return isExposureFacts(facts) && typeof candidate!.ruleset === 'object' && candidate!.ruleset !== null && Array.isArray(candidate!.ruleset.rules);
}
