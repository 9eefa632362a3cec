// The lab's shape as plain data: two datacentres, each a bridge and a /24
// in 10.250.0.0/16, a bastion and N hosts per site, every name and address
// the lab will create. Pure: nothing here touches the system.
import { ROLE_OF_HOST_SLOT, type LabRole } from './lab-roles';

/** Everything the lab creates is named with this prefix (namespaces and links). */
export const LAB_PREFIX = 'odl-';
/** The lab's whole address range; the root namespace routes it nowhere but onto the lab bridges. */
export const LAB_SUPERNET = '10.250.0.0/16';
export const DEFAULT_LAB_DIR = '/run/opsdeck-lab';
export const MIN_HOSTS_PER_SITE = 4;
/** 11..(11 + this - 1) leaves the /24 room for the gateway and bastion. */
export const MAX_HOSTS_PER_SITE = 40;

export interface LabSite {
  id: string;
  name: string;
  role: 'primary' | 'secondary';
  /** Third octet of the site's /24. */
  octet: number;
  subnet: string;
  bridge: string;
  /** The root namespace's address on the site bridge (where OpsDeck and the tools run from). */
  gateway: string;
  bastion: LabNode;
}

export interface LabNode {
  /** Inventory name; also the host's hostname (its own UTS namespace). */
  name: string;
  site: string;
  address: string;
  netns: string;
  /** The root-namespace end of the node's veth, a port of the site bridge. */
  rootLink: string;
}

export interface LabHost extends LabNode {
  role: LabRole;
  /** Which kernel firewall front end holds the host's rules. */
  firewall: 'nftables' | 'iptables-legacy';
}

export interface LabTopology {
  dir: string;
  hostsPerSite: number;
  sites: LabSite[];
  hosts: LabHost[];
}

const SITES: Array<Pick<LabSite, 'id' | 'name' | 'role' | 'octet'>> = [
  { id: 'nj', name: 'Bridgewater, NJ (lab)', role: 'primary', octet: 1 },
  { id: 'sea', name: 'Seattle, WA (lab)', role: 'secondary', octet: 2 },
];

/** The one host whose rules are written with iptables-legacy instead of nftables. */
export const LEGACY_FIREWALL_HOST = 'backup1.sea';

export function labTopology(dir: string = DEFAULT_LAB_DIR, hostsPerSite: number = MIN_HOSTS_PER_SITE): LabTopology {
  if (!Number.isInteger(hostsPerSite) || hostsPerSite < MIN_HOSTS_PER_SITE || hostsPerSite > MAX_HOSTS_PER_SITE) {
    throw new Error(`hosts per site must be a whole number from ${MIN_HOSTS_PER_SITE} to ${MAX_HOSTS_PER_SITE}, got ${hostsPerSite}`);
  }
  const sites: LabSite[] = [];
  const hosts: LabHost[] = [];
  for (const site of SITES) {
    const prefix = `10.250.${site.octet}`;
    sites.push({
      ...site,
      subnet: `${prefix}.0/24`,
      bridge: linkName(`br-${site.id}`),
      gateway: `${prefix}.1`,
      bastion: node(`bastion.${site.id}`, site.id, `${prefix}.2`, `${site.id}-bastion`),
    });
    for (let slot = 0; slot < hostsPerSite; slot++) {
      const role = ROLE_OF_HOST_SLOT[slot] ?? 'app';
      const ordinal = role === 'app' ? slot - ROLE_OF_HOST_SLOT.length + 1 : 1;
      const short = `${role}${ordinal}`;
      const name = `${short}.${site.id}`;
      hosts.push({
        ...node(name, site.id, `${prefix}.${11 + slot}`, `${site.id}-${short}`),
        role,
        firewall: name === LEGACY_FIREWALL_HOST ? 'iptables-legacy' : 'nftables',
      });
    }
  }
  return { dir, hostsPerSite, sites, hosts };
}

function node(name: string, site: string, address: string, id: string): LabNode {
  return { name, site, address, netns: `${LAB_PREFIX}${id}`, rootLink: linkName(id) };
}

/** Interface names are limited to 15 bytes (IFNAMSIZ - 1). */
function linkName(id: string): string {
  const name = `${LAB_PREFIX}${id}`;
  if (name.length > 15) throw new Error(`link name ${name} is longer than 15 characters`);
  return name;
}

export function siteOf(topology: LabTopology, id: string): LabSite {
  const site = topology.sites.find((candidate) => candidate.id === id);
  if (!site) throw new Error(`no lab site ${id}`);
  return site;
}

export function hostNamed(topology: LabTopology, name: string): LabHost {
  const host = topology.hosts.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`no lab host ${name}; the lab has ${topology.hosts.map((each) => each.name).join(', ')}`);
  return host;
}

export function allNodes(topology: LabTopology): LabNode[] {
  return [...topology.sites.map((site) => site.bastion), ...topology.hosts];
}
