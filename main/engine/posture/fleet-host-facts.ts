// One answered host as the fleet step sees it (drift within a role, parity
// between the two sites): where it stands, its baseline, and one area's facts.
import type { HostPolicy } from './host-context';

export interface FleetHostFacts<Facts> {
  host: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  roles: string[];
  /** The host's role baseline, when the scan knows it (drift tells a baseline breach from a difference). */
  policy?: HostPolicy;
  facts: Facts;
}
