// Findings about SmartOS zones: zones running with their firewall disabled
// (fwadm rules do not apply to them, every service they run is reachable),
// and fwadm rules that let any address reach SSH or a database port.
import { FIREWALL_COMMAND_IDS as ids } from '../collectors/firewall/firewall-commands';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { DATABASE_PORTS, isDatabasePort, serviceName } from './firewall-baseline';
import { FIREWALL_FINDING_KINDS as kinds, firewallFinding, plural } from './firewall-finding-kinds';
import type { Finding } from './finding';
import type { HostContext } from './host-context';

export function zoneFindings(facts: FirewallFacts, context: HostContext): Finding[] {
  const findings: Finding[] = [];
  const base = { host: context.host, dc: context.dc };
  const zones = facts.zones ?? [];
  const off = zones.filter((zone) => !zone.firewallEnabled);
  if (off.length > 0) {
    const names = off.map((zone) => zone.alias ?? zone.uuid);
    findings.push(
      firewallFinding({
        ...base,
        kind: kinds.zoneFirewallDisabled,
        severity: 'high',
        title: `${plural(off.length, 'zone')} on ${context.host} run with the firewall disabled: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`,
        detail: 'fwadm rules only apply to VMs whose firewall_enabled is true; these zones accept every inbound connection to the services they run.',
        commandIds: [ids.vmadmList],
        excerpt: off.map((zone) => zone.line),
      }),
    );
  }
  for (const rule of facts.zoneRules?.rules ?? []) {
    if (rule.chain !== 'in' || rule.action.kind !== 'accept' || rule.fwadm?.enabled === false || rule.unmodelled) continue;
    // From any address: no source networks and no VM selector on the FROM side.
    const fromVms = rule.match.extras?.some((extra) => extra.kind === 'vm-selector' && extra.side === 'source');
    if (rule.match.sources?.length || fromVms) continue;
    const proto = rule.match.protocols?.[0]?.values[0] ?? 'all';
    const ranges = rule.match.destinationPorts?.[0]?.ranges ?? null;
    // SSH and database ports; `PORT all` (no ranges) covers every one of them.
    const candidates = [22, ...Object.keys(DATABASE_PORTS).map(Number)];
    const hits = proto !== 'tcp' ? [] : ranges === null ? candidates : candidates.filter((port) => ranges.some((range) => range.from <= port && port <= range.to));
    if (hits.length === 0) continue;
    const applies = zones.filter((zone) => zone.inbound.some((each) => each.ruleId === rule.id));
    if (facts.zones && applies.length === 0) continue;
    const database = hits.some((port) => isDatabasePort('tcp', port));
    const portText = ranges === null ? 'every TCP port' : hits.map((port) => `${serviceName('tcp', port) ?? 'tcp'} (tcp/${port})`).join(', ');
    findings.push(
      firewallFinding({
        ...base,
        kind: kinds.zoneRuleOpen,
        qualifier: rule.fwadm?.uuid ?? rule.id,
        severity: database ? 'critical' : 'high',
        title: `fwadm rule lets any address reach ${portText} on ${applies.length ? plural(applies.length, 'zone') : 'VMs'}: ${rule.text}`,
        detail: [
          rule.fwadm?.description ? `Description: ${rule.fwadm.description}` : '',
          applies.length
            ? `Applies to: ${applies.map((zone) => `${zone.alias ?? zone.uuid}${zone.inbound.find((each) => each.ruleId === rule.id)?.applies === 'maybe' ? ' (maybe: tags/owner unknown)' : ''}`).join(', ')}`
            : 'vmadm did not say which zones have their firewall enabled.',
        ]
          .filter(Boolean)
          .join('\n'),
        commandIds: [ids.fwadmList, ids.vmadmList],
        excerpt: [rule.raw],
      }),
    );
  }
  return findings;
}
