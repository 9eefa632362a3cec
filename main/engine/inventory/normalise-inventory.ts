// The validated file → the engine's Inventory: defaults applied, every host
// resolved (port, user, identity, sudo, jump chain), and for each host and
// jump host the list of fields written explicitly, so that ~/.ssh/config can
// later fill only what the inventory left unsaid. Assumes
// checkInventoryReferences found nothing (every connection has a user).
import {
  BUILT_IN_DEFAULTS,
  type Datacentre,
  type HostEntry,
  type Inventory,
  type InventoryDefaults,
  type InventoryFile,
  type InventoryFileHost,
  type InventoryFileJumpHost,
  type JumpHost,
  type RolePolicy,
  type SshField,
} from './inventory-schema';
import { staffMemberFrom } from './access-policy-schema';
import { transportServiceFrom } from './transport-policy-schema';
import { backupJobFrom } from './backup-policy-schema';
import { parsePortRange } from './port-range';

export function normaliseInventory(file: InventoryFile): Inventory {
  const defaults: InventoryDefaults = {
    port: file.defaults?.port ?? BUILT_IN_DEFAULTS.port,
    sudo: file.defaults?.sudo ?? BUILT_IN_DEFAULTS.sudo,
    ...(file.defaults?.user !== undefined ? { user: file.defaults.user } : {}),
    ...(file.defaults?.identity !== undefined ? { identity: file.defaults.identity } : {}),
  };
  const datacentres: Datacentre[] = file.datacentres.map((dc) => ({
    id: dc.id,
    name: dc.name,
    role: dc.role,
    bastion: dc.bastion ? jumpHostFrom(dc.bastion, defaults) : null,
    ...(dc.log_hosts ? { logHosts: [...dc.log_hosts] } : {}),
  }));
  return {
    datacentres,
    defaults,
    roles: Object.fromEntries(Object.entries(file.roles ?? {}).map(([name, role]) => [name, rolePolicyFrom(role)])),
    hosts: file.hosts.map((host) => hostFrom(host, defaults, datacentres)),
    ...(file.networks
      ? {
          networks: Object.fromEntries(
            Object.entries(file.networks).map(([name, sites]) => [name, Object.fromEntries(Object.entries(sites).map(([dc, blocks]) => [dc, typeof blocks === 'string' ? [blocks] : [...blocks]]))]),
          ),
        }
      : {}),
    ...(file.staff ? { staff: file.staff.map(staffMemberFrom) } : {}),
  };
}

function explicitFields(entry: Partial<Record<SshField, unknown>>): SshField[] {
  return (['address', 'port', 'user', 'identity'] as const).filter((field) => entry[field] !== undefined);
}

export function jumpHostFrom(jump: InventoryFileJumpHost, defaults: InventoryDefaults): JumpHost {
  const identity = jump.identity ?? defaults.identity;
  return {
    address: jump.address,
    port: jump.port ?? defaults.port,
    user: jump.user ?? defaults.user ?? '',
    ...(identity !== undefined ? { identity } : {}),
    ...(jump.host_key_alias !== undefined ? { hostKeyAlias: jump.host_key_alias } : {}),
    explicit: explicitFields(jump),
  };
}

function hostFrom(host: InventoryFileHost, defaults: InventoryDefaults, datacentres: Datacentre[]): HostEntry {
  const bastion = datacentres.find((dc) => dc.id === host.dc)?.bastion ?? null;
  const jumps: Pick<HostEntry, 'jumps' | 'jumpsFrom'> = host.proxy_jump
    ? { jumps: host.proxy_jump.map((jump) => jumpHostFrom(jump, defaults)), jumpsFrom: 'host' }
    : bastion
      ? { jumps: [structuredClone(bastion)], jumpsFrom: 'datacentre' }
      : { jumps: [], jumpsFrom: 'none' };
  const identity = host.identity ?? defaults.identity;
  return {
    name: host.name,
    // Like ssh itself: with no address, the name is what gets dialled.
    address: host.address ?? host.name,
    port: host.port ?? defaults.port,
    user: host.user ?? defaults.user ?? '',
    ...(identity !== undefined ? { identity } : {}),
    os: host.os,
    dc: host.dc,
    roles: [...host.roles],
    tags: [...host.tags],
    sudo: host.sudo ?? defaults.sudo,
    ...jumps,
    explicit: explicitFields(host),
    ...(host.backups ? { backups: host.backups.map(backupJobFrom) } : {}),
  };
}

function rolePolicyFrom(role: NonNullable<InventoryFile['roles']>[string]): RolePolicy {
  return {
    allowedPorts: role.allowed_ports.map((rule) => {
      const parsed = parsePortRange(rule.port as number | string);
      // Validated by the schema; the fallback only keeps the types honest.
      const ports = parsed.ok ? parsed.range : { from: 0, to: 0 };
      return { proto: rule.proto, ports, from: [...rule.from] };
    }),
    patchSlaHours: role.patch_sla_hours,
    backupRpoHours: role.backup_rpo_hours,
    restoreTestMaxAgeDays: role.restore_test_max_age_days,
    drillCadenceDays: role.drill_cadence_days,
    ...(role.backups ? { backups: role.backups.map(backupJobFrom) } : {}),
    ...(role.staff ? { staff: [...role.staff] } : {}),
    ...(role.require_2fa !== undefined ? { require2fa: role.require_2fa } : {}),
    ...(role.services ? { services: role.services.map(transportServiceFrom) } : {}),
    ...(role.certificate_warning_days !== undefined ? { certificateWarningDays: role.certificate_warning_days } : {}),
  };
}
