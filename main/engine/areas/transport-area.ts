// Encrypted transport on every mail-facing service (annex §5), as a scan
// area. Its commands depend on the host's policy (the services its roles
// list) and run on the host's site bastion, not on the host.
import { transportCommands } from '../collectors/transport/transport-commands';
import { transportFacts, type TransportFacts } from '../collectors/transport/transport-facts';
import { transportFindings, transportSiteFindings } from '../posture/transport-findings';
import { defineArea } from './area-definition';

export const transportArea = defineArea<TransportFacts>({
  area: 'transport',
  control: 'encryptedTransport',
  commands: { debian: [], smartos: [] },
  hostCommands: (_os, policy) => (policy.transport ? transportCommands(policy.transport.services, policy.transport.address, policy.transport.hostName) : []),
  facts: (os, outputs, _now, _previous, policy) => transportFacts(os, outputs, policy?.transport?.services ?? [], policy?.transport?.hostName ?? '', null),
  findings: (facts, context) => transportFindings(facts, context),
  fleetFindings: (hosts) => transportSiteFindings(hosts),
});
