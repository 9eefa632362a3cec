// The kinds of firewall finding, their stable ids (`firewall.<kind>:<host>`
// plus a qualifier where a host can have several: `:tcp/5432`, `:<fwadm
// rule uuid>`, `:<role>`) and how one is built. Every one is filed under
// "We only allow necessary communications" (Annex 2 section 9).
import { areaFinding, type AreaFindingInput } from './area-finding';
import type { Finding } from './finding';

export { plural } from './area-finding';

export const FIREWALL_FINDING_KINDS = {
  /** A port reachable from sources the role's baseline does not allow (or not in the baseline at all). */
  portBeyondBaseline: 'port-beyond-baseline',
  /** SSH reachable from any address, and the baseline does not say it may be. */
  sshOpenToAny: 'ssh-open-to-any',
  /** A port no rule names is accepted from anywhere: input policy accept without a catch-all drop. */
  inputAccept: 'input-accept',
  /** IPv6 accepts what IPv4 filters. */
  ipv6Unfiltered: 'ipv6-unfiltered',
  /** Nothing filters the host (no ruleset; ipfilter disabled). */
  inactive: 'inactive',
  /** The rules could not be read (privilege, tool missing): nothing can be said. */
  rulesUnreadable: 'rules-unreadable',
  /** Listening sockets whose reach depends on rules OpsDeck does not model. */
  exposureUndetermined: 'exposure-undetermined',
  /** Services listening on non-loopback addresses that the baseline does not list (the firewall blocks them). */
  unlistedServices: 'unlisted-services',
  /** SmartOS zones whose firewall_enabled is false. */
  zoneFirewallDisabled: 'zone-firewall-disabled',
  /** An fwadm rule lets any address reach SSH or a database port on VMs. */
  zoneRuleOpen: 'zone-rule-open',
  /** A host exposes what most hosts of its role do not (or not what they do). */
  roleDrift: 'role-drift',
  /** A secondary-site host exposes something different from its primary counterpart. */
  siteDrift: 'site-drift',
  /** The listening sockets could not be read: what the rules let in cannot be tied to services. */
  listenersUnknown: 'listeners-unknown',
} as const;

export type FirewallFindingKind = (typeof FIREWALL_FINDING_KINDS)[keyof typeof FIREWALL_FINDING_KINDS];

export interface FirewallFindingInput extends Omit<AreaFindingInput, 'area' | 'kind' | 'control'> {
  kind: FirewallFindingKind;
}

/** Every firewall finding is filed under "only necessary communications"; repeated or blank excerpt lines are dropped. */
export function firewallFinding(input: FirewallFindingInput): Finding {
  const excerpt = [...new Set(input.excerpt.filter((line) => line.trim() !== ''))];
  return areaFinding({ ...input, excerpt, area: 'firewall', control: 'necessaryCommunications' });
}
