// How deeply a JSON text nests, measured before JSON.parse: a hostile or
// corrupted document (100 000 nested arrays) must not reach code that walks
// the tree recursively (JSON.stringify of a rule, the renderer). Linear scan,
// strings skipped.
export function jsonNestingDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index++;
      else if (code === 34 /* " */) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--;
  }
  return max;
}
