// The role baseline applied to exposure: which sources the baseline allows
// for a port, which sources an exposure entry actually reaches, what lies
// between, and the names of the ports whose exposure matters most.
import { EMPTY_SET, intersectSets, setFromNetworks, subtractSets, type AddrSet } from '../collectors/firewall/address-set';
import type { ExposureEntry } from '../collectors/firewall/exposure';
import { sourceUniverse } from '../collectors/firewall/input-path';
import type { IpVersion } from '../collectors/firewall/ip-address';
import type { HostPolicy } from './host-context';

/** Ports of databases and caches: reachable from anywhere is critical. */
export const DATABASE_PORTS: Record<number, string> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  2379: 'etcd',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  8086: 'InfluxDB',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'memcached',
  27017: 'MongoDB',
};

const OTHER_NAMES: Record<string, string> = {
  'tcp/22': 'SSH',
  'tcp/25': 'SMTP',
  'tcp/80': 'HTTP',
  'tcp/110': 'POP3',
  'tcp/143': 'IMAP',
  'tcp/443': 'HTTPS',
  'tcp/465': 'SMTPS',
  'tcp/587': 'submission',
  'tcp/993': 'IMAPS',
  'tcp/995': 'POP3S',
  'tcp/4190': 'ManageSieve',
  'tcp/9100': 'node exporter',
  'udp/53': 'DNS',
  'tcp/53': 'DNS',
  'udp/123': 'NTP',
  'tcp/111': 'rpcbind',
  'udp/111': 'rpcbind',
  'udp/161': 'SNMP',
};

export function serviceName(proto: string, port: number): string | null {
  if (proto === 'tcp' && DATABASE_PORTS[port]) return DATABASE_PORTS[port]!;
  return OTHER_NAMES[`${proto}/${port}`] ?? null;
}

export function isDatabasePort(proto: string, port: number): boolean {
  return proto === 'tcp' && DATABASE_PORTS[port] !== undefined;
}

export function isSsh(entry: Pick<ExposureEntry, 'proto' | 'port' | 'process'>): boolean {
  return entry.proto === 'tcp' && (entry.port === 22 || (entry.process ?? '').split(',').includes('sshd'));
}

export function versionOf(entry: Pick<ExposureEntry, 'family'>): IpVersion {
  return entry.family === 'ipv4' ? 4 : 6;
}

/** The sources the baseline lets reach proto/port, or null when no baseline entry covers the port. */
export function baselineSources(policy: HostPolicy, proto: 'tcp' | 'udp', port: number, version: IpVersion): { set: AddrSet; any: boolean; text: string[] } | null {
  const rules = policy.allowedPorts.filter((rule) => rule.proto === proto && rule.from <= port && port <= rule.to);
  if (rules.length === 0) return null;
  const sources = rules.flatMap((rule) => rule.sources);
  if (sources.includes('any')) return { set: sourceUniverse(version), any: true, text: ['any'] };
  return { set: setFromNetworks(sources, version).set, any: false, text: [...new Set(sources)] };
}

/** The sources an entry certainly reaches (exact for `any` and "any except", the listed CIDRs otherwise; the decided part of an undetermined entry). */
export function reachedSources(entry: ExposureEntry): AddrSet {
  const version = versionOf(entry);
  if (entry.reachability === 'any') return sourceUniverse(version);
  if (entry.reachability !== 'some' && entry.reachability !== 'undetermined') return EMPTY_SET;
  if (entry.exceptSources) return subtractSets(sourceUniverse(version), setFromNetworks(entry.exceptSources, version).set, version);
  return intersectSets(setFromNetworks(entry.sources, version).set, sourceUniverse(version));
}

/** Sources whose fate depends on rules OpsDeck does not model. */
export function undeterminedSources(entry: ExposureEntry): AddrSet {
  return intersectSets(setFromNetworks(entry.undeterminedSources, versionOf(entry)).set, sourceUniverse(versionOf(entry)));
}

/** Sources reaching at least half of the address space count as "any address" (a block list does not make a port private). */
const OPEN_SHARE = 0.5;

/** Reachable from (nearly) every address: `any`, any address through one interface, all but a few networks, or most of the address space. */
export function openToAll(entry: ExposureEntry): boolean {
  if (entry.reachability === 'any') return true;
  if (entry.reachability !== 'some') return false;
  return entry.exceptSources !== null || entry.sources[0] === '0.0.0.0/0' || entry.sources[0] === '::/0' || (entry.sourcesShare ?? 0) >= OPEN_SHARE;
}
