// The backups area run against every demo-fleet host in process (no SSH):
// the demo inventory's backup policy, the command lines OpsDeck sends for it,
// answered by each host's profile, then facts and findings.
import { backupsArea } from '../../../../main/engine/areas/backups-area';
import type { BackupFacts } from '../../../../main/engine/collectors/backups/backup-facts';
import { remoteCommandLine, type CommandOutput } from '../../../../main/engine/collectors/host-command';
import { parseDemoCommand } from '../../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../../../main/engine/demo-fleet/demo-inventory-yaml';
import { demoHostProfile } from '../../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { hostPolicy } from '../../../../main/engine/fleet/host-policy';
import { parseInventory } from '../../../../main/engine/inventory/parse-inventory';

export function demoInventory(hosts?: number) {
  const spec = demoFleetSpec(hosts ? { hosts } : {});
  const yaml = demoInventoryYaml({
    spec,
    bastions: spec.datacentres.map((dc, index) => ({ dc: dc.id, address: '127.0.0.1', port: 2200 + index })),
    clientKeyPath: '/tmp/demo-key',
  });
  const parsed = parseInventory(yaml, 'demo.yaml');
  if (!parsed.ok) throw new Error(`demo inventory invalid: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  return { spec, inventory: parsed.inventory };
}

export function scanDemoFleetBackups(now: Date, hosts?: number) {
  const { spec, inventory } = demoInventory(hosts);
  return spec.hosts.map((host) => {
    const entry = inventory.hosts.find((candidate) => candidate.name === host.name)!;
    const policy = hostPolicy(inventory, entry);
    const profile = demoHostProfile(spec, host, now);
    const outputs: CommandOutput[] = backupsArea.hostCommands!(host.os, policy).map((command) => {
      const line = remoteCommandLine(command, entry.sudo);
      const answer = profile.answer(parseDemoCommand(line));
      return { id: command.id, command: line, stdout: answer.stdout.toString(), stderr: answer.stderr.toString(), exitCode: answer.exitCode, durationMs: 1, error: null };
    });
    const facts: BackupFacts = backupsArea.facts(host.os, outputs, now, undefined, policy);
    const findings = backupsArea.findings(facts, { host: host.name, dc: host.dc, siteRole: host.dc === 'nj' ? 'primary' : 'secondary', os: host.os, policy, now });
    return { host, policy, outputs, facts, findings };
  });
}

/** The backups area's fleet step (zfs-send replication lag) over a scanned demo fleet. */
export function demoFleetBackupFleetFindings(scanned: ReturnType<typeof scanDemoFleetBackups>) {
  return backupsArea.fleetFindings!(
    scanned.map(({ host, policy, facts }) => ({ host: host.name, dc: host.dc, siteRole: host.dc === 'nj' ? ('primary' as const) : ('secondary' as const), roles: [host.role], policy, facts })),
  );
}
