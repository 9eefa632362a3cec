// What each lab role listens on, who its firewall really lets in, and what
// its OpsDeck role baseline says should be allowed. The two differ on
// purpose in one place (the db host's PostgreSQL rule is over-broad), so a
// scan has a real problem to find.

export type LabRole = 'imap' | 'mx' | 'db' | 'backup' | 'app';

/** Who may connect: anyone, the site's bastion, the host's own site, or both sites of the lab. */
export type LabSource = 'any' | 'bastion' | 'site' | 'lab';

export interface LabService {
  port: number;
  /** What the host's firewall accepts. */
  allowed: LabSource;
  /** What the role's baseline in the OpsDeck inventory allows. */
  baseline: LabSource;
}

export interface LabRoleSpec {
  /** Process name of the listener stub (comm, at most 15 characters). */
  daemon: string;
  services: LabService[];
}

/** The first hosts of each site, in order; any further hosts are app servers. */
export const ROLE_OF_HOST_SLOT: LabRole[] = ['imap', 'mx', 'db', 'backup'];

/** On every host: sshd (only from the bastion) and a metrics exporter scraped from the bastion. */
export const SSH_PORT = 22;
export const EXPORTER_PORT = 9100;
export const EXPORTER_DAEMON = 'exporter-stub';

/** Services a role offers to any source, as its baseline allows. */
const openToAnyone = (...ports: number[]): LabRoleSpec['services'] => ports.map((port) => ({ port, allowed: 'any', baseline: 'any' }));

export const LAB_ROLES: Record<LabRole, LabRoleSpec> = {
  imap: {
    daemon: 'dovecot-stub',
    services: openToAnyone(143, 993, 4190),
  },
  mx: {
    daemon: 'postfix-stub',
    services: openToAnyone(25, 465, 587),
  },
  // The planted problem: "replication from the other site" written as a rule
  // with no source at all.
  db: { daemon: 'postgres-stub', services: [{ port: 5432, allowed: 'any', baseline: 'lab' }] },
  backup: { daemon: 'rest-srv-stub', services: [{ port: 8000, allowed: 'lab', baseline: 'lab' }] },
  app: { daemon: 'app-stub', services: [{ port: 8080, allowed: 'site', baseline: 'site' }] },
};

/** Every port a host of this role listens on (sshd and the exporter included), with who may reach it. */
export function hostServices(role: LabRole): Array<LabService & { daemon: string }> {
  return [
    { port: SSH_PORT, allowed: 'bastion', baseline: 'bastion', daemon: 'sshd' },
    { port: EXPORTER_PORT, allowed: 'bastion', baseline: 'bastion', daemon: EXPORTER_DAEMON },
    ...LAB_ROLES[role].services.map((service) => ({ ...service, daemon: LAB_ROLES[role].daemon })),
  ];
}

/** The listener stubs a host runs (sshd is real and started separately): a process name and its ports. */
export function stubListeners(role: LabRole): Array<{ daemon: string; ports: number[] }> {
  const spec = LAB_ROLES[role];
  return [
    { daemon: EXPORTER_DAEMON, ports: [EXPORTER_PORT] },
    { daemon: spec.daemon, ports: spec.services.map((service) => service.port) },
  ];
}
