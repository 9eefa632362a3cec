// What each lab role listens on, who its firewall really lets in, and what
// its OpsDeck role baseline says should be allowed. The two differ on
// purpose in one place (the db host's PostgreSQL rule is over-broad), so a
// scan has a real problem to find. The mx hosts' SMTPS (465) is a real TLS
// server (openssl s_server) with planted §5 problems: TLS 1.0 and 1.1
// accepted, a self-signed certificate that expires in 10 days.

export type LabRole = 'imap' | 'mx' | 'db' | 'backup' | 'app';

/** Who may connect: anyone, the site's bastion, the host's own site, or both sites of the lab. */
export type LabSource = 'any' | 'bastion' | 'site' | 'lab';

export interface LabService {
  port: number;
  /** What the host's firewall accepts. */
  allowed: LabSource;
  /** What the role's baseline in the OpsDeck inventory allows. */
  baseline: LabSource;
  /** Served by a real TLS server (TLS_DAEMON) instead of the role's stub, and listed as this protocol in the role's `services`. */
  tls?: 'smtps';
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
export const TLS_DAEMON = 'openssl';
/** The real TLS servers' certificate is valid this many days: a planted "expires soon". */
export const LAB_CERTIFICATE_DAYS = 10;

/** Services a role offers to any source, as its baseline allows. */
const openToAnyone = (...ports: number[]): LabRoleSpec['services'] => ports.map((port) => ({ port, allowed: 'any', baseline: 'any' }));

export const LAB_ROLES: Record<LabRole, LabRoleSpec> = {
  imap: {
    daemon: 'dovecot-stub',
    services: openToAnyone(143, 993, 4190),
  },
  mx: {
    daemon: 'postfix-stub',
    services: [...openToAnyone(25, 587), { port: 465, allowed: 'any', baseline: 'any', tls: 'smtps' }],
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
    ...LAB_ROLES[role].services.map((service) => ({ ...service, daemon: service.tls ? TLS_DAEMON : LAB_ROLES[role].daemon })),
  ];
}

/** The role's services served by a real TLS server. */
export function tlsServices(role: LabRole): Array<LabService & { tls: 'smtps' }> {
  return LAB_ROLES[role].services.filter((service): service is LabService & { tls: 'smtps' } => service.tls !== undefined);
}

/** The listener stubs a host runs (sshd is real and started separately): a process name and its ports. */
export function stubListeners(role: LabRole): Array<{ daemon: string; ports: number[] }> {
  const spec = LAB_ROLES[role];
  return [
    { daemon: EXPORTER_DAEMON, ports: [EXPORTER_PORT] },
    { daemon: spec.daemon, ports: spec.services.filter((service) => !service.tls).map((service) => service.port) },
  ];
}
