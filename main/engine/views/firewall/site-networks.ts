// Sources compared across sites: each site has its own copy of some networks
// (the inventory's `networks:`, e.g. mgmt = 10.1.0.0/24 at nj, 10.2.0.0/24
// at sea). A set of sources is rewritten to what it means per site — "all of
// this site's mgmt", "all of another site's mgmt", and the addresses left —
// so ssh open to each site's own management network is the same on both.
// Only whole copies count: a port open to half of a site's mgmt network is
// compared address by address. Pure.
import { intersectSets, isEmptySet, setFromNetworks, setsEqual, subtractSets, type AddrSet } from '../../collectors/firewall/address-set';
import type { IpVersion } from '../../collectors/firewall/ip-address';
import type { LogicalNetworks } from '../../inventory/inventory-schema';

export interface SiteRelativeSources {
  /** Addresses not covered by a whole copy of a logical network. */
  rest: AddrSet;
  /** "mgmt:own", "mgmt:other": which copies the sources hold whole. */
  copies: string[];
}

export function siteRelativeSources(sources: AddrSet, dc: string, networks: LogicalNetworks, version: IpVersion): SiteRelativeSources {
  let rest = sources;
  const copies = new Set<string>();
  for (const name of Object.keys(networks).sort()) {
    for (const [site, blocks] of Object.entries(networks[name]!)) {
      const copy = setFromNetworks(blocks, version).set;
      if (isEmptySet(copy) || !setsEqual(intersectSets(rest, copy), copy)) continue;
      rest = subtractSets(rest, copy, version);
      copies.add(`${name}:${site === dc ? 'own' : 'other'}`);
    }
  }
  return { rest, copies: [...copies].sort() };
}

/** Whether two hosts' sources are the same once each site's copy of a logical network counts as one; with the networks that made them so. */
export function sameAcrossSites(a: { sources: AddrSet; dc: string }, b: { sources: AddrSet; dc: string }, networks: LogicalNetworks | undefined, version: IpVersion): { same: boolean; via: string[] } {
  if (setsEqual(a.sources, b.sources)) return { same: true, via: [] };
  if (!networks || a.dc === b.dc) return { same: false, via: [] };
  const left = siteRelativeSources(a.sources, a.dc, networks, version);
  const right = siteRelativeSources(b.sources, b.dc, networks, version);
  const same = setsEqual(left.rest, right.rest) && left.copies.join() === right.copies.join();
  return { same, via: same ? [...new Set(left.copies.map((copy) => copy.split(':')[0]!))] : [] };
}
