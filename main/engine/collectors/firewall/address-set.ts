// Sets of addresses of one IP version as sorted, disjoint, non-adjacent
// inclusive ranges, flattened [s0, e0, s1, e1, …]. The exposure analysis
// carries "which sources still reach this rule" in these; every operation is
// a linear merge, so a chain of N rules costs O(N × ranges), not O(2^32).
import { maxAddress, parseNetwork, rangeToCidrs, type IpVersion } from './ip-address';

export type AddrSet = readonly bigint[];

export const EMPTY_SET: AddrSet = [];

export function isEmptySet(set: AddrSet): boolean {
  return set.length === 0;
}

/** Normalises arbitrary [start, end] pairs (any order, overlapping) into a set. */
export function setFromRanges(pairs: Array<[bigint, bigint]>): AddrSet {
  if (pairs.length === 0) return EMPTY_SET;
  const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: bigint[] = [];
  for (const [start, end] of sorted) {
    const last = out.length - 1;
    if (last > 0 && start <= out[last]! + 1n) {
      if (end > out[last]!) out[last] = end;
    } else out.push(start, end);
  }
  return out;
}

/** Networks (CIDR, address, `a-b`) of one version; others are ignored and reported in `skipped`. */
export function setFromNetworks(networks: readonly string[], version: IpVersion): { set: AddrSet; skipped: string[] } {
  const pairs: Array<[bigint, bigint]> = [];
  const skipped: string[] = [];
  for (const network of networks) {
    const range = parseNetwork(network);
    if (!range) skipped.push(network);
    else if (range.version === version) pairs.push([range.start, range.end]);
  }
  return { set: setFromRanges(pairs), skipped };
}

export function unionSets(a: AddrSet, b: AddrSet): AddrSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let start: bigint;
    let end: bigint;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      start = a[i]!;
      end = a[i + 1]!;
      i += 2;
    } else {
      start = b[j]!;
      end = b[j + 1]!;
      j += 2;
    }
    const last = out.length - 1;
    if (last > 0 && start <= out[last]! + 1n) {
      if (end > out[last]!) out[last] = end;
    } else out.push(start, end);
  }
  return out;
}

export function intersectSets(a: AddrSet, b: AddrSet): AddrSet {
  if (a.length === 0 || b.length === 0) return EMPTY_SET;
  const out: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = a[i]! > b[j]! ? a[i]! : b[j]!;
    const end = a[i + 1]! < b[j + 1]! ? a[i + 1]! : b[j + 1]!;
    if (start <= end) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

export function complementSet(set: AddrSet, version: IpVersion): AddrSet {
  const max = maxAddress(version);
  const out: bigint[] = [];
  let cursor = 0n;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > cursor) out.push(cursor, set[i]! - 1n);
    cursor = set[i + 1]! + 1n;
  }
  if (cursor <= max) out.push(cursor, max);
  return out;
}

export function subtractSets(a: AddrSet, b: AddrSet, version: IpVersion): AddrSet {
  if (a.length === 0 || b.length === 0) return a;
  return intersectSets(a, complementSet(b, version));
}

export function setsEqual(a: AddrSet, b: AddrSet): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function setSize(set: AddrSet): bigint {
  let total = 0n;
  for (let i = 0; i < set.length; i += 2) total += set[i + 1]! - set[i]! + 1n;
  return total;
}

/**
 * CIDR blocks covering the set, at most `limit` of them; `total` counts them
 * exactly up to 4 × limit and is a lower bound beyond (every further range
 * is one block at least) — a block list of thousands of addresses must not
 * cost a block count per range.
 */
export function setToCidrs(set: AddrSet, version: IpVersion, limit: number): { cidrs: string[]; total: number } {
  const cidrs: string[] = [];
  const exactUpTo = limit * 4;
  let total = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (total >= exactUpTo) {
      total += (set.length - i) / 2;
      break;
    }
    const blocks = rangeToCidrs(version, set[i]!, set[i + 1]!, exactUpTo - total);
    total += blocks.length;
    for (const block of blocks) if (cidrs.length < limit) cidrs.push(block);
  }
  return { cidrs, total };
}
