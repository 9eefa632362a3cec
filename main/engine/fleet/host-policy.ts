// A host's policy: the union of its roles' baselines. Allowed ports add up;
// time limits take the strictest role's value; a host with no role gets
// the built-in defaults (and no allowed port, so anything open is reported).
import type { Inventory, HostEntry } from '../inventory/inventory-schema';
import { isIP } from 'node:net';
import { DEFAULT_CERTIFICATE_WARNING_DAYS, type TransportService } from '../inventory/transport-policy-schema';
import type { AccessPolicy, HostPolicy, TransportPolicy } from '../posture/host-context';
import { replicaReads } from './replica-reads';

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
    ...accessPolicyPart(inventory, host, roles),
    ...replicaReads(inventory, host.name),
    ...transportPolicyPart(host, roles),
  };
}

/** Services add up over the host's roles (one per protocol and port); the shortest warning period wins. */
function transportPolicyPart(host: HostEntry, roles: Inventory['roles'][string][]): { transport?: TransportPolicy } {
  const services = new Map<string, TransportService>();
  for (const service of roles.flatMap((role) => role.services ?? [])) services.set(`${service.protocol}/${service.port}`, { ...service });
  if (services.size === 0) return {};
  const warnings = roles.map((role) => role.certificateWarningDays).filter((days) => days !== undefined);
  return {
    transport: {
      services: [...services.values()],
      address: host.address,
      hostName: isIP(host.address) ? host.name : host.address,
      certificateWarningDays: warnings.length ? Math.min(...warnings) : DEFAULT_CERTIFICATE_WARNING_DAYS,
    },
  };
}

/** Allowed staff add up over the host's roles; two factors are required when any role asks. */
function accessPolicyPart(inventory: Inventory, host: HostEntry, roles: Inventory['roles'][string][]): { access?: AccessPolicy } {
  const logHosts = inventory.datacentres.find((dc) => dc.id === host.dc)?.logHosts ?? null;
  if (!inventory.staff && !logHosts) return {};
  const staff = structuredClone(inventory.staff ?? []);
  const named = roles.some((role) => role.staff !== undefined);
  const allowed = named ? [...new Set(roles.flatMap((role) => role.staff ?? []))] : staff.filter((member) => member.left === null).map((member) => member.name);
  return { access: { staff, allowed, require2fa: roles.some((role) => role.require2fa === true), logHosts: logHosts ? [...logHosts] : null } };
}
