// The OpsDeck inventory that points at a running demo fleet, in the
// inventory format (flow-style YAML): its two bastions, the demo client key,
// one baseline per role and every host.
import type { DemoFleetSpec, DemoHostSpec, DemoRole } from './demo-fleet-spec';
import { DEMO_STAFF, demoStaffAllowedOn, demoStaffPublicKey } from './profiles/access/access-answers';
import { demoBackupJobs } from './profiles/backups/backup-plan';
import { demoZfsJob } from './profiles/backups/zfs-replication';

export interface DemoInventoryInput {
  spec: DemoFleetSpec;
  bastions: Array<{ dc: string; address: string; port: number }>;
  clientKeyPath: string;
}

interface PortRule {
  proto: 'tcp' | 'udp';
  port: number;
  from: string[];
}

interface RoleBaseline {
  allowed: PortRule[];
  patchSlaHours: number;
}

const ANY = ['any'];
const SITE_NETWORKS = ['10.0.0.0/8'];

/** What each role may expose — the posture OpsDeck checks the hosts against. */
export function demoRoleBaselines(spec: DemoFleetSpec): Record<DemoRole, RoleBaseline> {
  const management = spec.datacentres.map((dc) => dc.managementNetwork);
  const application = spec.datacentres.map((dc) => dc.applicationNetwork);
  const hosts = spec.datacentres.map((dc) => dc.hostNetwork);
  const ssh = (from: string[]): PortRule => ({ proto: 'tcp', port: 22, from });
  const open = (port: number): PortRule => ({ proto: 'tcp', port, from: ANY });
  return {
    imap: { allowed: [open(993), ssh(SITE_NETWORKS)], patchSlaHours: 24 },
    mx: { allowed: [open(25), open(465), open(587), ssh(SITE_NETWORKS)], patchSlaHours: 24 },
    web: { allowed: [open(80), open(443), ssh(SITE_NETWORKS)], patchSlaHours: 24 },
    db: { allowed: [{ proto: 'tcp', port: 5432, from: application }, ssh(SITE_NETWORKS)], patchSlaHours: 72 },
    // Backup clients of both sites push over SFTP, so ssh is open to the host networks too.
    backup: { allowed: [ssh([...management, ...hosts])], patchSlaHours: 72 },
    // The global zone's ipf rules let the management network query its NTP server.
    cn: { allowed: [ssh(management), { proto: 'udp', port: 123, from: management }], patchSlaHours: 72 },
  };
}

/**
 * The name a demo bastion's host key is recorded under. Its loopback port is
 * chosen afresh at every start (fixed ports would collide between test runs
 * on one machine), so known_hosts keys it by this stable alias instead.
 */
export function demoBastionKeyAlias(bastionName: string): string {
  return `${bastionName}.demo.opsdeck`;
}

/** A plain YAML scalar when safe in flow context, a double-quoted one otherwise. */
function scalar(value: string): string {
  return /^[A-Za-z0-9_./~-][A-Za-z0-9_./~:@+-]*$/.test(value) && !value.includes(': ') ? value : JSON.stringify(value);
}

export function demoInventoryYaml(input: DemoInventoryInput): string {
  const key = scalar(input.clientKeyPath);
  const lines = ['# OpsDeck inventory for the demo fleet (simulated), written by startDemoFleet.', 'datacentres:'];
  for (const dc of input.spec.datacentres) {
    const bastion = input.bastions.find((each) => each.dc === dc.id);
    if (!bastion) throw new Error(`no bastion listening for datacentre ${dc.id}`);
    lines.push(
      `  - { id: ${dc.id}, name: ${JSON.stringify(dc.name)}, role: ${dc.role}, bastion: { address: ${bastion.address}, port: ${bastion.port}, user: ops, identity: ${key}, host_key_alias: ${demoBastionKeyAlias(dc.bastionName)} }, log_hosts: [log1.${dc.id}] }`,
    );
  }
  lines.push(`defaults: { user: ops, port: 22, identity: ${key}, sudo: true }`);
  // Each site has its own management, application and host network: comparing nj with sea, they are the same.
  lines.push('networks:');
  for (const [name, field] of [
    ['mgmt', 'managementNetwork'],
    ['app', 'applicationNetwork'],
    ['hosts', 'hostNetwork'],
  ] as const) {
    lines.push(`  ${name}: { ${input.spec.datacentres.map((dc) => `${dc.id}: ${dc[field]}`).join(', ')} }`);
  }
  lines.push(...staffYaml());
  lines.push('roles:');
  for (const [role, baseline] of Object.entries(demoRoleBaselines(input.spec))) {
    const rules = baseline.allowed.map((rule) => `{ proto: ${rule.proto}, port: ${rule.port}, from: [${rule.from.join(', ')}] }`).join(', ');
    const staff = DEMO_STAFF.filter((member) => demoStaffAllowedOn(member, role)).map((member) => JSON.stringify(member.name));
    lines.push(
      `  ${role}: { allowed_ports: [ ${rules} ], patch_sla_hours: ${baseline.patchSlaHours}, backup_rpo_hours: 24, restore_test_max_age_days: 30, drill_cadence_days: 90, staff: [${staff.join(', ')}]${servicesYaml(role)} }`,
    );
  }
  lines.push('hosts:');
  for (const host of input.spec.hosts) {
    lines.push(`  - { name: ${host.name}, address: ${host.address}, os: ${host.os}, dc: ${host.dc}, roles: [${host.role}], tags: [demo]${backupsYaml(host, input.spec)} }`);
  }
  return `${lines.join('\n')}\n`;
}

/** Who may hold logins: the demo's staff, each with their key's fingerprint (one of them has left). */
function staffYaml(): string[] {
  return [
    'staff:',
    ...DEMO_STAFF.map((member) => {
      const left = member.left ? `, left: ${member.left}` : '';
      return `  - { name: ${JSON.stringify(member.name)}, accounts: [${member.accounts.join(', ')}], keys: [${JSON.stringify(demoStaffPublicKey(member).fingerprint)}]${left} }`;
    }),
  ];
}

/** The host's backup jobs (each names the site of its repository, so they are per host, not per role). */
function backupsYaml(host: DemoHostSpec, spec: DemoFleetSpec): string {
  const jobs = demoBackupJobs(host);
  const zfs = demoZfsJob(host, spec);
  if (jobs.length === 0 && !zfs) return '';
  const items = jobs.map(
    (job) => `{ tool: ${job.tool}, env_file: ${job.envFile}, repository_dc: ${job.repositoryDc}, paths: [${job.paths.join(', ')}], backup_unit: ${job.backupUnit}, check_unit: ${job.checkUnit} }`,
  );
  if (zfs) items.push(`{ tool: zfs-send, dataset: ${zfs.dataset}, replica_host: ${zfs.replicaHost}, replica_dataset: ${zfs.replicaDataset}, repository_dc: ${zfs.repositoryDc} }`);
  return `, backups: [ ${items.join(', ')} ]`;
}

/** The mail-facing TLS services each role publishes (annex §5), probed from the site's bastion. */
function servicesYaml(role: string): string {
  const services: Record<string, string[]> = { mx: ['smtp', 'submission', 'smtps'], imap: ['imaps', 'pop3s'], web: ['https'] };
  const listed = services[role];
  return listed ? `, services: [ ${listed.map((protocol) => `{ protocol: ${protocol} }`).join(', ')} ]` : '';
}
