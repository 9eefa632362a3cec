// The demo fleet's firewall facts and findings, computed in process (no
// SSH) as a scan does: each host profile answers the firewall commands, the
// policy comes from the demo inventory's role baselines.
import type { FindingView } from '../../../../preload/contract';
import type { FleetHostFacts } from '../../../../main/engine/posture/fleet-host-facts';
import { firewallArea } from '../../../../main/engine/areas/firewall-area';
import type { FirewallFacts } from '../../../../main/engine/collectors/firewall/firewall-facts';
import { remoteCommandLine, type CommandOutput } from '../../../../main/engine/collectors/host-command';
import { parseDemoCommand } from '../../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec, type DemoHostSpec } from '../../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../../../main/engine/demo-fleet/demo-inventory-yaml';
import { demoHostProfile } from '../../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { scanTargets } from '../../../../main/engine/fleet/scan-targets';
import { parseInventory } from '../../../../main/engine/inventory/parse-inventory';
import type { ScanTarget } from '../../../../main/engine/scan/scan-target';

export interface DemoFirewallHost {
  host: DemoHostSpec;
  target: ScanTarget;
  facts: FirewallFacts;
  findings: FindingView[];
}

/** `findings` holds every host's findings and then the fleet's (drift); `fleetFindings` the fleet's alone. */
export function demoFirewallFleet(now = new Date('2025-06-01T00:00:00Z'), size?: number): { hosts: DemoFirewallHost[]; findings: FindingView[]; fleetFindings: FindingView[] } {
  const spec = size === undefined ? demoFleetSpec() : demoFleetSpec({ hosts: size });
  const bastions = spec.datacentres.map((dc, index) => ({ dc: dc.id, address: '127.0.0.1', port: 2200 + index }));
  const inventory = parseInventory(demoInventoryYaml({ spec, bastions, clientKeyPath: '/tmp/demo-key' }), 'demo.yaml');
  if (!inventory.ok) throw new Error(`demo inventory: ${inventory.problems[0]?.message}`);
  const targets = scanTargets(inventory.inventory, { kind: 'fleet' });
  const hosts = spec.hosts.map((host) => {
    const target = targets.find((each) => each.name === host.name)!;
    const profile = demoHostProfile(spec, host, now);
    const outputs: CommandOutput[] = firewallArea.commands[host.os].map((command) => {
      const line = remoteCommandLine(command, target.useSudo);
      const answer = profile.answer(parseDemoCommand(line));
      return { id: command.id, command: line, stdout: answer.stdout.toString(), stderr: answer.stderr.toString(), exitCode: answer.exitCode, durationMs: 1, error: null };
    });
    const facts = firewallArea.facts(host.os, outputs, now, undefined);
    const findings = firewallArea.findings(facts, { host: host.name, dc: host.dc, siteRole: target.siteRole, os: host.os, policy: target.policy, now }) as FindingView[];
    return { host, target, facts, findings };
  });
  const fleet: FleetHostFacts<FirewallFacts>[] = hosts.map(({ target, facts }) => ({ host: target.name, dc: target.dc, siteRole: target.siteRole, roles: target.roles, policy: target.policy, facts }));
  const fleetFindings = firewallArea.fleetFindings!(fleet) as FindingView[];
  return { hosts, findings: [...hosts.flatMap((host) => host.findings), ...fleetFindings], fleetFindings };
}

export function demoHost(hosts: DemoFirewallHost[], name: string): DemoFirewallHost {
  const host = hosts.find((each) => each.target.name === name);
  if (!host) throw new Error(`no demo host ${name}`);
  return host;
}
