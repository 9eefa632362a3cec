// Firewall findings of one host, from its facts and its role baseline: the
// filtering as a whole (inactive, unreadable, default accept, IPv6
// unfiltered), each exposed service against the baseline, and on SmartOS
// the zones' firewalls. Fleet comparisons (drift) are in firewall-drift.ts.
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { exposureFindings } from './firewall-exposure-findings';
import { filteringFindings } from './firewall-filtering-findings';
import { zoneFindings } from './firewall-zone-findings';
import type { Finding } from './finding';
import type { HostContext } from './host-context';

export function firewallFindings(facts: FirewallFacts, context: HostContext): Finding[] {
  return [...filteringFindings(facts, context), ...exposureFindings(facts, context), ...zoneFindings(facts, context)];
}
