// The right-hand side of an nft -j match, resolved to a flat list of items:
// a scalar, a set literal `{"set": […]}`, a flag list `["established",
// "related"]` (the comma form of ct state, libnftables-json(5)), a prefix, a
// range, a concatenation, or a named set reference `"@admin_v4"` whose
// elements come from the set object elsewhere in the document.
import type { NftSetIndex } from './nft-sets';

export type NftItem = string | number | boolean | { prefix: { addr: string; len: number } } | { range: [unknown, unknown] } | { concat: unknown[] };

export interface ResolvedRight {
  /** scalar: one value; list: a flag combination (`["syn", "ack"]`, ct state's comma form); set: a set literal or named set. */
  shape: 'scalar' | 'list' | 'set';
  items: NftItem[];
  /** Named sets the items came from. */
  sets: string[];
  dynamic: boolean;
  /** A reference to a set that is not in the document. */
  missing: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key of an nft -j object (each statement and expression has exactly one), without allocating a key list. */
export function firstKey(value: Record<string, unknown>): string | undefined {
  for (const key in value) return key;
  return undefined;
}

/** `{"elem": {"val": X, "timeout": …}}` wraps elements that carry per-element data. */
export function unwrapElement(element: unknown): unknown {
  return isObject(element) && isObject(element.elem) && 'val' in element.elem ? element.elem.val : element;
}

export function toItem(value: unknown): NftItem | null {
  const unwrapped = unwrapElement(value);
  if (typeof unwrapped === 'string' || typeof unwrapped === 'number' || typeof unwrapped === 'boolean') return unwrapped;
  if (!isObject(unwrapped)) return null;
  if (isObject(unwrapped.prefix) && typeof unwrapped.prefix.addr === 'string' && typeof unwrapped.prefix.len === 'number') {
    return { prefix: { addr: unwrapped.prefix.addr, len: unwrapped.prefix.len } };
  }
  if (Array.isArray(unwrapped.range) && unwrapped.range.length === 2) return { range: [unwrapElement(unwrapped.range[0]), unwrapElement(unwrapped.range[1])] };
  if (Array.isArray(unwrapped.concat)) return { concat: unwrapped.concat.map(unwrapElement) };
  return null;
}

export function resolveRight(right: unknown, sets: NftSetIndex): ResolvedRight | null {
  if (typeof right === 'string' && right.startsWith('@')) {
    const name = right.slice(1);
    const set = sets.get(name);
    if (!set) return { shape: 'set', items: [], sets: [name], dynamic: true, missing: name };
    return { shape: 'set', items: set.items, sets: [name], dynamic: set.model.dynamic, missing: null };
  }
  const shape = isObject(right) && 'set' in right ? 'set' : Array.isArray(right) ? 'list' : 'scalar';
  const list = isObject(right) && 'set' in right ? right.set : Array.isArray(right) ? right : [right];
  if (!Array.isArray(list)) {
    // `{"set": "@name"}` is not printed by nft, but a lone reference inside a set object is harmless.
    return typeof list === 'string' ? resolveRight(list, sets) : null;
  }
  const items = list.map(toItem);
  return items.includes(null) ? null : { shape, items: items as NftItem[], sets: [], dynamic: false, missing: null };
}

/** An address item as text: `192.0.2.0/24`, `192.0.2.7`, `198.51.100.1-198.51.100.9`; null for anything else. */
export function addressText(item: NftItem): string | null {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && 'prefix' in item) return `${item.prefix.addr}/${item.prefix.len}`;
  if (typeof item === 'object' && 'range' in item && typeof item.range[0] === 'string' && typeof item.range[1] === 'string') return `${item.range[0]}-${item.range[1]}`;
  return null;
}
