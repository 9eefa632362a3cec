// The OpsDeck inventory file: zod schemas for the YAML as written (snake_case,
// optional fields left optional so we can tell what was explicit), and the
// normalised types the engine uses (camelCase, every host fully resolved).
// The README's inventory section documents the format for people.
import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { logHostSchema, staffListSchema, type StaffMember } from './access-policy-schema';
import { backupJobsSchema, type BackupJob } from './backup-policy-schema';
import { badSourceReason } from './cidr';
import { parsePortRange, type PortRange } from './port-range';
import { unprintableReason, unsafeSshWordReason } from './ssh-argument-safety';
import { transportServiceSchema, type TransportService } from './transport-policy-schema';
import { describeValue } from './zod-issue-message';

// ---------------------------------------------------------------- normalised types

export type SiteRole = 'primary' | 'secondary';
export type InventoryOs = 'debian' | 'smartos' | 'auto';
export type Protocol = 'tcp' | 'udp';

/** The connection fields ~/.ssh/config may fill when the inventory leaves them unsaid. */
export type SshField = 'address' | 'port' | 'user' | 'identity';

export interface JumpHost {
  address: string;
  port: number;
  user: string;
  identity?: string;
  /** The name its host key is recorded under instead of [address]:port (OpenSSH's HostKeyAlias). */
  hostKeyAlias?: string;
  /** Fields written on this jump host itself; the others came from `defaults` and may be replaced by ~/.ssh/config. */
  explicit: SshField[];
}

export interface Datacentre {
  id: string;
  name: string;
  role: SiteRole;
  bastion: JumpHost | null;
  /** The site's log hosts, which every host's syslog must forward to (absent when the file names none). */
  logHosts?: string[];
}

export interface InventoryDefaults {
  user?: string;
  port: number;
  identity?: string;
  sudo: boolean;
}

export interface PortRule {
  proto: Protocol;
  ports: PortRange;
  /** `any`, addresses or CIDR blocks allowed to reach these ports. */
  from: string[];
}

export interface RolePolicy {
  allowedPorts: PortRule[];
  patchSlaHours: number;
  backupRpoHours: number;
  restoreTestMaxAgeDays: number;
  drillCadenceDays: number;
  /** The role's backup jobs (absent when the role says nothing about backups). */
  backups?: BackupJob[];
  /** Names from the inventory's staff list allowed to log in on the role's hosts (absent: the role says nothing). */
  staff?: string[];
  /** sshd must ask for two factors (AuthenticationMethods). */
  require2fa?: boolean;
  /** Mail-facing TLS services on the role's hosts, probed from the site's bastion (absent: none). */
  services?: TransportService[];
  /** A certificate expiring within this many days is a finding. */
  certificateWarningDays?: number;
}

/** Where a host's jump chain came from: its own `proxy_jump`, its datacentre's bastion, ~/.ssh/config's ProxyJump, or nowhere (direct). */
export type JumpSource = 'host' | 'datacentre' | 'ssh-config' | 'none';

export interface HostEntry {
  name: string;
  address: string;
  port: number;
  user: string;
  identity?: string;
  os: InventoryOs;
  dc: string;
  roles: string[];
  tags: string[];
  /** Run privileged commands through `sudo -n`. */
  sudo: boolean;
  /** Hops in order, the first one dialled first. */
  jumps: JumpHost[];
  jumpsFrom: JumpSource;
  /** Fields written on the host entry itself; the others came from `defaults` (or, for address, the host name). */
  explicit: SshField[];
  /** Backup jobs written on the host itself: they replace its roles' jobs. */
  backups?: BackupJob[];
}

/**
 * Logical networks that each site has its own copy of (`mgmt`: 10.1.0.0/24 at nj, 10.2.0.0/24 at sea): name →
 * datacentre id → CIDR blocks. Comparing two sites' hosts, a port open to each one's own copy is the same.
 */
export type LogicalNetworks = Record<string, Record<string, string[]>>;

export interface Inventory {
  datacentres: Datacentre[];
  defaults: InventoryDefaults;
  roles: Record<string, RolePolicy>;
  hosts: HostEntry[];
  /** Absent when the file names none. */
  networks?: LogicalNetworks;
  /** The people who may hold logins (absent when the file names none). */
  staff?: StaffMember[];
}

export const BUILT_IN_DEFAULTS = { port: 22, sudo: true } as const;

export const ROLE_POLICY_DEFAULTS = {
  patch_sla_hours: 24,
  backup_rpo_hours: 24,
  restore_test_max_age_days: 30,
  drill_cadence_days: 90,
} as const;

// ---------------------------------------------------------------- schemas of the file as written

/**
 * A mapping that rejects unknown keys (a typo such as `proxy_jmp` would
 * otherwise silently connect directly instead of through the bastion). The
 * issue message lists the keys that are allowed; see zod-issue-message.ts.
 */
export function strictMapping<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = `expected one of ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? allowed : undefined) });
}

function refinedText(reason: (value: string) => string | null, suffix = '') {
  return z.string().superRefine((value, ctx) => {
    const why = reason(value);
    if (why) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${why}${suffix}` });
  });
}

const SSH_ARGUMENT = '; names, addresses and users are passed to ssh and must be plain words';

const DNS_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const IP_LIKE = /^[0-9a-fA-F:.]+$/;

/** Why `value` cannot be dialled (unsafe, or neither an IP address nor a DNS name), or null. */
export function addressReason(value: string): string | null {
  const unsafe = unsafeSshWordReason(value);
  if (unsafe) return `${unsafe}${SSH_ARGUMENT}`;
  if (isIPv4(value) || isIPv6(value)) return null;
  if (DNS_NAME.test(value) && !/^[0-9.]+$/.test(value)) return null;
  return IP_LIKE.test(value) ? 'is not a valid IPv4 or IPv6 address' : 'is not an IP address or DNS name (letters, digits, "-", "_" and "." only)';
}

export const hostNameSchema = refinedText((value) => {
  const unsafe = unsafeSshWordReason(value);
  return unsafe ? `${unsafe}${SSH_ARGUMENT}` : null;
});
export const addressSchema = refinedText(addressReason);
export const userSchema = refinedText((value) => {
  const unsafe = unsafeSshWordReason(value);
  if (unsafe) return `${unsafe}${SSH_ARGUMENT}`;
  return /[@:]/.test(value) ? "contains '@' or ':', which would change the meaning of user@host:port" : null;
});
const identitySchema = refinedText((value) => (value.length === 0 ? 'is empty' : unprintableReason(value)), ' (a key file path)');
const labelSchema = refinedText((value) => (value.trim().length === 0 ? 'is empty' : unprintableReason(value)));
export const portSchema = z.number().int().min(1).max(65535);

export const DATACENTRE_ID = /^[a-z0-9-]+$/;
export const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const jumpHostSchema = strictMapping({
  address: addressSchema,
  port: portSchema.optional(),
  user: userSchema.optional(),
  identity: identitySchema.optional(),
  host_key_alias: hostNameSchema.optional(),
});

export const datacentreSchema = strictMapping({
  id: z.string().regex(DATACENTRE_ID, { error: 'expected lowercase letters, digits and "-"' }),
  name: labelSchema,
  role: z.enum(['primary', 'secondary']),
  bastion: jumpHostSchema.optional(),
  log_hosts: z.array(logHostSchema).optional(),
});

export const defaultsSchema = strictMapping({
  user: userSchema.optional(),
  port: portSchema.optional(),
  identity: identitySchema.optional(),
  sudo: z.boolean().optional(),
});

const portSpecSchema = z.unknown().superRefine((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'missing' }); // worded as a missing key by zod-issue-message.ts
    return;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    ctx.addIssue({ code: 'custom', message: `expected a port or a range like "6000-6010", got ${describeValue(value)}` });
    return;
  }
  const parsed = parsePortRange(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

const sourceSchema = z.string().superRefine((value, ctx) => {
  const why = badSourceReason(value);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

export const portRuleSchema = strictMapping({
  proto: z.enum(['tcp', 'udp']),
  port: portSpecSchema,
  from: z.array(sourceSchema).min(1),
});

const positive = z.number().positive();

/** `defaults:` or `imap:` with nothing under it means "all defaults", not an error. */
export function emptyAsMapping<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === null ? {} : value), schema);
}

const rolePolicySchema = emptyAsMapping(
  strictMapping({
    allowed_ports: z.array(portRuleSchema).default([]),
    patch_sla_hours: positive.default(ROLE_POLICY_DEFAULTS.patch_sla_hours),
    backup_rpo_hours: positive.default(ROLE_POLICY_DEFAULTS.backup_rpo_hours),
    restore_test_max_age_days: positive.default(ROLE_POLICY_DEFAULTS.restore_test_max_age_days),
    drill_cadence_days: positive.default(ROLE_POLICY_DEFAULTS.drill_cadence_days),
    backups: backupJobsSchema.optional(),
    staff: z.array(z.string()).optional(),
    require_2fa: z.boolean().optional(),
    services: z.array(transportServiceSchema).optional(),
    certificate_warning_days: positive.optional(),
  }),
);

export const hostSchema = strictMapping({
  name: hostNameSchema,
  address: addressSchema.optional(),
  port: portSchema.optional(),
  user: userSchema.optional(),
  identity: identitySchema.optional(),
  os: z.enum(['debian', 'smartos', 'auto']),
  dc: z.string(),
  roles: z.array(z.string()).default([]),
  tags: z.array(labelSchema).default([]),
  sudo: z.boolean().optional(),
  proxy_jump: z.array(jumpHostSchema).optional(),
  backups: backupJobsSchema.optional(),
});

/** A per-site network block: an address or CIDR block ("any" is not a network of one site). */
const networkBlockSchema = z.string().superRefine((value, ctx) => {
  const why = value === 'any' ? `"any" is not a site's network; expected an IP address or a CIDR block like 10.1.0.0/24` : badSourceReason(value);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

/** `networks: { mgmt: { nj: 10.1.0.0/24, sea: [10.2.0.0/24, fd00:2::/64] } }`: one or more blocks per datacentre. */
export const networksSchema = emptyAsMapping(
  z.record(z.string().regex(ROLE_NAME, { error: 'expected a letter then letters, digits, "_", "." or "-"' }), z.record(z.string(), z.union([networkBlockSchema, z.array(networkBlockSchema).min(1)]))),
);

export const rolesSchema = emptyAsMapping(z.record(z.string().regex(ROLE_NAME, { error: 'expected a letter then letters, digits, "_", "." or "-"' }), rolePolicySchema));

export const inventoryFileSchema = strictMapping({
  datacentres: z.array(datacentreSchema).min(1),
  defaults: emptyAsMapping(defaultsSchema).optional(),
  roles: rolesSchema.optional(),
  networks: networksSchema.optional(),
  staff: staffListSchema.optional(),
  hosts: z.array(hostSchema),
});

/** The file as validated, before defaults are applied. */
export type InventoryFile = z.output<typeof inventoryFileSchema>;
export type InventoryFileHost = InventoryFile['hosts'][number];
export type InventoryFileJumpHost = z.output<typeof jumpHostSchema>;
export type InventoryFileDatacentre = z.output<typeof datacentreSchema>;
