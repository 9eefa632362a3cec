// The firewall of each SmartOS zone, from fwadm rules and vmadm's
// firewall_enabled: fwadm rules only apply to VMs whose firewall is enabled;
// such a VM blocks every inbound connection except what an enabled ALLOW
// rule targeting it lets in (fwrule(7): inbound ALLOW overrides BLOCK).
// vmadm list does not print tags or owners, so a rule that selects VMs by
// tag, or that belongs to an owner (not global), applies only "maybe".
import type { FirewallRule, PortRange } from './firewall-model';
import type { ZoneEntry } from './vmadm-list';

export interface ZoneInboundRule {
  ruleId: string;
  uuid: string;
  text: string;
  action: 'allow' | 'block';
  protocol: string;
  /** null: every port of the protocol. */
  ports: PortRange[] | null;
  /** `any`, networks, or the VMs/tags the traffic comes from. */
  from: string[];
  applies: 'yes' | 'maybe';
  why: string | null;
}

export interface ZoneFirewall {
  uuid: string;
  alias: string | null;
  firewallEnabled: boolean;
  /** Enabled inbound rules that target this zone (or may). Empty when the firewall is off: then nothing is filtered. */
  inbound: ZoneInboundRule[];
  line: string;
}

function selector(rule: FirewallRule, side: 'source' | 'destination') {
  return rule.match.extras?.find((extra): extra is Extract<typeof extra, { kind: 'vm-selector' }> => extra.kind === 'vm-selector' && extra.side === side);
}

export function zoneFirewalls(zones: ZoneEntry[], rules: FirewallRule[]): ZoneFirewall[] {
  const inbound = rules.filter((rule) => rule.source === 'fwadm' && rule.chain === 'in' && rule.fwadm?.enabled !== false && !rule.unmodelled);
  return zones.map((zone) => ({
    uuid: zone.uuid,
    alias: zone.alias,
    firewallEnabled: zone.firewallEnabled,
    line: zone.line,
    inbound: zone.firewallEnabled ? inbound.flatMap((rule) => applicable(rule, zone)) : [],
  }));
}

function applicable(rule: FirewallRule, zone: ZoneEntry): ZoneInboundRule[] {
  const target = selector(rule, 'destination');
  if (!target) return [];
  let applies: 'yes' | 'maybe' | null = null;
  let why: string | null = null;
  if (target.allVms || target.vms.includes(zone.uuid)) applies = 'yes';
  else if (target.tags.length > 0) {
    applies = 'maybe';
    why = `selects VMs by tag (${target.tags.map((tag) => (tag.value === null ? tag.name : `${tag.name}=${tag.value}`)).join(', ')}); vmadm list does not show tags`;
  }
  if (applies === null) return [];
  if (applies === 'yes' && rule.fwadm && !rule.fwadm.global && rule.fwadm.ownerUuid) {
    applies = 'maybe';
    why = `applies only to VMs owned by ${rule.fwadm.ownerUuid}; vmadm list does not show owners`;
  }
  const from = selector(rule, 'source');
  const sources = rule.match.sources?.flatMap((each) => each.networks) ?? [];
  return [
    {
      ruleId: rule.id,
      uuid: rule.fwadm?.uuid ?? '',
      text: rule.text,
      action: rule.action.kind === 'accept' ? 'allow' : 'block',
      protocol: rule.match.protocols?.[0]?.values[0] ?? 'all',
      ports: rule.match.destinationPorts?.[0]?.ranges ?? null,
      from: from ? [...(from.allVms ? ['all vms'] : []), ...from.vms.map((vm) => `vm ${vm}`), ...from.tags.map((tag) => `tag ${tag.name}`), ...sources] : sources.length ? sources : ['any'],
      applies,
      why,
    },
  ];
}
