// The simulated fleet: two sites, each with a bastion and a deterministic
// mix of Debian and SmartOS hosts. Addresses in 127.10.0.0/16 are identities
// the bastions route by (nothing listens on them); `internalAddress` is what
// the host's own tools print (its datacentre address).
import { plantedProblemIds, type PlantedProblemId } from './planted-problems';

export { PLANTED_PROBLEMS, type PlantedProblem, type PlantedProblemId } from './planted-problems';

export type DemoDcId = 'nj' | 'sea';
export type DemoRole = 'imap' | 'mx' | 'web' | 'db' | 'backup' | 'cn';
export type DemoOs = 'debian' | 'smartos';
export type DemoRelease = 'bookworm' | 'trixie' | 'smartos';

export interface DemoDatacentreSpec {
  id: DemoDcId;
  name: string;
  role: 'primary' | 'secondary';
  bastionName: string;
  /** Second octet block of the site's internal addresses: 10.<n>.x.y. */
  internalOctet: number;
  managementNetwork: string;
  applicationNetwork: string;
  hostNetwork: string;
}

export interface DemoHostSpec {
  name: string;
  dc: DemoDcId;
  role: DemoRole;
  os: DemoOs;
  release: DemoRelease;
  /** Loopback identity the bastion routes by (127.10.1.11 = first host of nj). */
  address: string;
  /** The host's address inside its datacentre, as its tools print it. */
  internalAddress: string;
  /** Position within its site, from 0. */
  siteIndex: number;
  /** Number within its role and site: imap1 → 1. */
  ordinal: number;
  problems: PlantedProblemId[];
}

export interface DemoFleetSpec {
  datacentres: DemoDatacentreSpec[];
  hosts: DemoHostSpec[];
}

export const DEMO_DATACENTRES: readonly DemoDatacentreSpec[] = [
  {
    id: 'nj',
    name: 'Bridgewater, NJ',
    role: 'primary',
    bastionName: 'bastion.nj',
    internalOctet: 10,
    managementNetwork: '10.10.0.0/24',
    applicationNetwork: '10.10.8.0/22',
    hostNetwork: '10.10.16.0/20',
  },
  {
    id: 'sea',
    name: 'Seattle, WA',
    role: 'secondary',
    bastionName: 'bastion.sea',
    internalOctet: 20,
    managementNetwork: '10.20.0.0/24',
    applicationNetwork: '10.20.8.0/22',
    hostNetwork: '10.20.16.0/20',
  },
];

/** Role and release by position in a site; every 12 hosts repeat the mix. */
const SITE_PATTERN: ReadonlyArray<{ role: DemoRole; release: DemoRelease }> = [
  { role: 'imap', release: 'bookworm' },
  { role: 'mx', release: 'bookworm' },
  { role: 'web', release: 'trixie' },
  { role: 'db', release: 'bookworm' },
  { role: 'backup', release: 'bookworm' },
  { role: 'cn', release: 'smartos' },
  { role: 'cn', release: 'smartos' },
  { role: 'imap', release: 'trixie' },
  { role: 'mx', release: 'trixie' },
  { role: 'web', release: 'bookworm' },
  { role: 'db', release: 'trixie' },
  { role: 'cn', release: 'smartos' },
];

export const DEFAULT_DEMO_HOSTS = 24;
/** The smallest fleet holding every role and every planted problem (7 per site). */
export const MIN_DEMO_HOSTS = 14;
/** Per site, 16 blocks of 240 addresses. */
export const MAX_DEMO_HOSTS = 2 * 16 * 240;
const HOSTS_PER_BLOCK = 240;

export function demoFleetSpec(options: { hosts?: number } = {}): DemoFleetSpec {
  const total = options.hosts ?? DEFAULT_DEMO_HOSTS;
  if (!Number.isInteger(total) || total < MIN_DEMO_HOSTS || total > MAX_DEMO_HOSTS) {
    throw new RangeError(`demo fleet size must be a whole number from ${MIN_DEMO_HOSTS} (every role and planted problem) to ${MAX_DEMO_HOSTS}; got ${total}`);
  }
  const perSite: Record<DemoDcId, number> = { nj: Math.ceil(total / 2), sea: Math.floor(total / 2) };
  const hosts: DemoHostSpec[] = [];
  for (const [siteNumber, dc] of DEMO_DATACENTRES.entries()) {
    const ordinals = new Map<DemoRole, number>();
    for (let siteIndex = 0; siteIndex < perSite[dc.id]; siteIndex++) {
      const { role, release } = SITE_PATTERN[siteIndex % SITE_PATTERN.length]!;
      const ordinal = (ordinals.get(role) ?? 0) + 1;
      ordinals.set(role, ordinal);
      const name = `${role}${ordinal}.${dc.id}`;
      const block = Math.floor(siteIndex / HOSTS_PER_BLOCK);
      const last = 11 + (siteIndex % HOSTS_PER_BLOCK);
      hosts.push({
        name,
        dc: dc.id,
        role,
        os: release === 'smartos' ? 'smartos' : 'debian',
        release,
        address: `127.10.${siteNumber + 1 + 10 * block}.${last}`,
        internalAddress: `10.${dc.internalOctet}.${16 + block}.${last}`,
        siteIndex,
        ordinal,
        problems: plantedProblemIds(name),
      });
    }
  }
  return { datacentres: DEMO_DATACENTRES.map((dc) => ({ ...dc })), hosts };
}

export function datacentreOf(spec: DemoFleetSpec, dc: DemoDcId): DemoDatacentreSpec {
  const found = spec.datacentres.find((candidate) => candidate.id === dc);
  if (!found) throw new Error(`demo fleet has no datacentre "${dc}"`);
  return found;
}

export function hasProblem(host: DemoHostSpec, problem: PlantedProblemId): boolean {
  return host.problems.includes(problem);
}
