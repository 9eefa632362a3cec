// The firewall as a scan area: fixed commands, facts per host (the rule
// model, listening sockets and what each is exposed to), findings against
// the role baseline, and fleet drift (within a role, between the sites).
import type { AreaCollector } from '../area-collector';
import { firewallDrift } from '../../posture/firewall-drift';
import { firewallFindings } from '../../posture/firewall-findings';
import type { TargetOs } from '../host-command';
import { unlistedPortExposure } from './exposure';
import { FIREWALL_COMMANDS } from './firewall-commands';
import { firewallFacts, type FirewallFacts } from './firewall-facts';
import { emptyRuleset } from './firewall-model';

export const firewallArea: AreaCollector<FirewallFacts> = {
  area: 'firewall',
  commands: FIREWALL_COMMANDS,
  facts: (os, outputs) => {
    try {
      return firewallFacts(os, outputs);
    } catch (error) {
      // Parsers never throw and the analysis is tested not to; should it ever, the host still gets facts that say so.
      return unanalysedFacts(os, `OpsDeck could not analyse the firewall outputs (${(error as Error).message}), which are kept as evidence`);
    }
  },
  findings: (facts, context) => firewallFindings(facts, context),
  fleetFindings: (hosts) => firewallDrift(hosts),
};

function unanalysedFacts(os: TargetOs, reason: string): FirewallFacts {
  const ruleset = emptyRuleset();
  ruleset.visibility = { ipv4: { state: 'unknown', reasons: [reason] }, ipv6: { state: 'unknown', reasons: [reason] } };
  return {
    os,
    sources: [],
    ruleset,
    iptables: { ipv4: null, ipv6: null },
    ipfilter: null,
    firewall: { state: 'unknown', reason },
    listeners: [],
    listenersKnown: false,
    processesShown: false,
    exposure: [],
    defaultInput: { ipv4: unlistedPortExposure(ruleset, 4), ipv6: unlistedPortExposure(ruleset, 6) },
    zones: null,
    zoneRules: null,
    warnings: [reason],
  };
}
