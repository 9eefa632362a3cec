import { expect, test } from 'vitest';
import { setFromNetworks } from '../../../main/engine/collectors/firewall/address-set';
import { sameAcrossSites } from '../../../main/engine/views/firewall/site-networks';

const v4 = (...networks: string[]) => setFromNetworks(networks, 4).set;
const networks = { mgmt: { nj: ['10.10.0.0/24'], sea: ['10.20.0.0/24'] }, app: { nj: ['10.10.8.0/22'], sea: ['10.20.8.0/22'] } };

test("a port open to each site's own management network is the same on both sites", () => {
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24'), dc: 'nj' }, { sources: v4('10.20.0.0/24'), dc: 'sea' }, networks, 4)).toEqual({ same: true, via: ['mgmt'] });
});

test('both sites open to both management networks is the same; to the same one is not', () => {
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24', '10.20.0.0/24'), dc: 'nj' }, { sources: v4('10.10.0.0/24', '10.20.0.0/24'), dc: 'sea' }, networks, 4).same).toBe(true);
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24'), dc: 'nj' }, { sources: v4('10.10.0.0/24'), dc: 'sea' }, networks, 4)).toEqual({ same: true, via: [] });
  // nj's host lets in its own mgmt; sea's host lets in nj's mgmt too, not its own: a real difference.
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24'), dc: 'nj' }, { sources: v4('10.10.0.0/24'), dc: 'sea' }, networks, 4).via).toEqual([]);
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24'), dc: 'nj' }, { sources: v4('10.10.0.0/24', '10.20.0.0/24'), dc: 'sea' }, networks, 4).same).toBe(false);
});

test('half a copy, extra addresses, or no networks in the inventory: compared address by address', () => {
  expect(sameAcrossSites({ sources: v4('10.10.0.0/25'), dc: 'nj' }, { sources: v4('10.20.0.0/25'), dc: 'sea' }, networks, 4).same).toBe(false);
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24', '192.0.2.1'), dc: 'nj' }, { sources: v4('10.20.0.0/24'), dc: 'sea' }, networks, 4).same).toBe(false);
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24', '192.0.2.1'), dc: 'nj' }, { sources: v4('10.20.0.0/24', '192.0.2.1'), dc: 'sea' }, networks, 4).same).toBe(true);
  expect(sameAcrossSites({ sources: v4('10.10.0.0/24'), dc: 'nj' }, { sources: v4('10.20.0.0/24'), dc: 'sea' }, undefined, 4).same).toBe(false);
});
