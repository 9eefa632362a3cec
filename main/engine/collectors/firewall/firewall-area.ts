// The firewall as a scan area: fixed commands, facts per host (the rule
// model, listening sockets and what each is exposed to), findings against
// the role baseline, and fleet drift (within a role, between the sites).
import type { AreaCollector } from '../area-collector';
import { firewallDrift } from '../../posture/firewall-drift';
import { firewallFindings } from '../../posture/firewall-findings';
import { FIREWALL_COMMANDS } from './firewall-commands';
import { firewallFacts, type FirewallFacts } from './firewall-facts';

export const firewallArea: AreaCollector<FirewallFacts> = {
  area: 'firewall',
  commands: FIREWALL_COMMANDS,
  facts: (os, outputs) => firewallFacts(os, outputs),
  findings: (facts, context) => firewallFindings(facts, context),
  fleetFindings: (hosts) => firewallDrift(hosts),
};
