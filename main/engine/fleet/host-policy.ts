// A host's policy: the union of its roles' baselines. Allowed ports add up;
// time limits take the strictest role's value; a host with no role gets
// the built-in defaults (and no allowed port, so anything open is reported).
import type { Inventory, HostEntry } from '../inventory/inventory-schema';
import type { HostPolicy } from '../posture/host-context';

export const DEFAULT_PLATFORM_IMAGE_MAX_AGE_DAYS = 180;
const DEFAULTS = { patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30 };

export function hostPolicy(inventory: Inventory, host: HostEntry): HostPolicy {
  const roles = host.roles.map((role) => inventory.roles[role]).filter((role) => role !== undefined);
  const strictest = (pick: (role: (typeof roles)[number]) => number, fallback: number) => (roles.length ? Math.min(...roles.map(pick)) : fallback);
  return {
    roles: [...host.roles],
    allowedPorts: roles.flatMap((role) => role.allowedPorts.map((rule) => ({ proto: rule.proto, from: rule.ports.from, to: rule.ports.to, sources: [...rule.from] }))),
    patchSlaHours: strictest((role) => role.patchSlaHours, DEFAULTS.patchSlaHours),
    backupRpoHours: strictest((role) => role.backupRpoHours, DEFAULTS.backupRpoHours),
    restoreTestMaxAgeDays: strictest((role) => role.restoreTestMaxAgeDays, DEFAULTS.restoreTestMaxAgeDays),
    platformImageMaxAgeDays: DEFAULT_PLATFORM_IMAGE_MAX_AGE_DAYS,
    backups: host.backups ? structuredClone(host.backups) : roles.flatMap((role) => structuredClone(role.backups ?? [])),
  };
}
