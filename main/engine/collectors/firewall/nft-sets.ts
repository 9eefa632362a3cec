// Named sets and maps of an nft -j document. Rules refer to them as
// "@name" within their own table; elements are listed inline in the set
// object (`"elem": [...]`), each a value, a prefix, a range, a concatenation,
// or `{"elem": {"val": …, "timeout": …}}` when it carries per-element data.
// Map elements are `[key, data]` pairs (verdict maps: data `{"accept": null}`).
import { chainId, type NamedSet, type RuleFamily } from './firewall-model';
import { renderExpr, renderStatement } from './nft-render';
import { toItem, unwrapElement, type NftItem } from './nft-values';

export interface NftSetEntry {
  model: NamedSet;
  items: NftItem[];
  /** Maps: key item and the data (for verdict maps, the verdict statement object). */
  mapEntries: Array<{ key: NftItem; data: unknown }>;
}

/** Sets and maps of one table, by name. */
export type NftSetIndex = Map<string, NftSetEntry>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function setTableKey(family: string, table: string): string {
  return `${family}/${table}`;
}

/** A `set` or `map` object; null when it lacks the fields every nft version prints. */
export function parseNftSet(body: unknown, isMap: boolean): { tableKey: string; entry: NftSetEntry; warnings: string[] } | null {
  if (!isObject(body) || typeof body.name !== 'string' || typeof body.table !== 'string' || typeof body.family !== 'string') return null;
  const family = body.family as RuleFamily;
  const type = Array.isArray(body.type) ? body.type.map(String).join(' . ') : String(body.type ?? '');
  const flags = Array.isArray(body.flags) ? body.flags.map(String) : typeof body.flags === 'string' ? [body.flags] : [];
  const elements = Array.isArray(body.elem) ? body.elem : [];
  const items: NftItem[] = [];
  const mapEntries: Array<{ key: NftItem; data: unknown }> = [];
  const rendered: string[] = [];
  const warnings: string[] = [];
  for (const element of elements) {
    if (isMap && Array.isArray(element) && element.length === 2) {
      const key = toItem(element[0]);
      if (key === null) {
        warnings.push(`map ${body.name}: element ${renderExpr(element[0])} not understood`);
        continue;
      }
      mapEntries.push({ key, data: element[1] });
      items.push(key);
      rendered.push(`${renderExpr(unwrapElement(element[0]))} : ${isObject(element[1]) ? renderStatement(element[1]) : renderExpr(element[1])}`);
      continue;
    }
    const item = toItem(element);
    if (item === null) {
      warnings.push(`set ${body.name}: element ${renderExpr(element)} not understood`);
      continue;
    }
    items.push(item);
    rendered.push(renderExpr(unwrapElement(element)));
  }
  // Sets a rule fills at run time (`update @s { ip saddr }`), or whose elements time out, are snapshots.
  const dynamic = flags.includes('dynamic') || flags.includes('timeout') || body.timeout !== undefined;
  const model: NamedSet = {
    id: `${chainId('nftables', family, body.table, body.name)}`,
    source: 'nftables',
    family,
    table: body.table,
    name: body.name,
    type,
    flags,
    map: isMap ? String(body.map ?? '') : null,
    elements: rendered,
    dynamic,
  };
  return { tableKey: setTableKey(family, body.table), entry: { model, items, mapEntries }, warnings };
}
