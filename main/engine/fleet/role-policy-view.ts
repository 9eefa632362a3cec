// Each role's policy as the Settings page shows it: the inventory's
// allowed ports (port ranges as written, "6000-6010"), patch SLA, backup
// RPO, restore-test age and drill cadence, with how many hosts hold the role.
import type { RolePolicyView } from '../../../preload/contract';
import type { Inventory } from '../inventory/inventory-schema';

export function rolePolicyViews(inventory: Inventory | null): RolePolicyView[] {
  if (!inventory) return [];
  return Object.entries(inventory.roles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, policy]) => ({
      role,
      hosts: inventory.hosts.filter((host) => host.roles.includes(role)).length,
      allowedPorts: policy.allowedPorts.map((rule) => ({
        proto: rule.proto,
        ports: rule.ports.from === rule.ports.to ? String(rule.ports.from) : `${rule.ports.from}-${rule.ports.to}`,
        from: [...rule.from],
      })),
      patchSlaHours: policy.patchSlaHours,
      backupRpoHours: policy.backupRpoHours,
      restoreTestMaxAgeDays: policy.restoreTestMaxAgeDays,
      drillCadenceDays: policy.drillCadenceDays,
    }));
}
