// JSON exactly as nft -j prints it: jansson's json_dumpf(root, fp, 0), i.e.
// one line with ", " and ": " separators, then "\n" (nft-j-list-ruleset.md).
export function janssonCompact(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(janssonCompact).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${janssonCompact(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}
