// The firewall as a scan area: fixed commands, facts per host (the rule
// model, listening sockets and what each is exposed to), findings against
// the role baseline, and fleet drift (within a role, between the sites).
import { firewallDrift } from '../posture/firewall-drift';
import { firewallFindings } from '../posture/firewall-findings';
import type { TargetOs } from '../collectors/host-command';
import { unlistedPortExposure } from '../collectors/firewall/exposure';
import { FIREWALL_COMMANDS } from '../collectors/firewall/firewall-commands';
import { firewallFacts, type FirewallFacts } from '../collectors/firewall/firewall-facts';
import { emptyRuleset } from '../collectors/firewall/firewall-model';
import { defineArea } from './area-definition';

export const firewallArea = defineArea<FirewallFacts>({
  area: 'firewall',
  control: 'necessaryCommunications',
  commands: FIREWALL_COMMANDS,
  facts: firewallFacts,
  findings: firewallFindings,
  fleetFindings: (hosts) => firewallDrift(hosts),
  // The rules-unreadable finding says why, as it does for a host whose tools failed.
  unanalysed: (os, reason) => unanalysedFacts(os, reason),
});

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
