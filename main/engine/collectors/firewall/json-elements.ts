// The elements of a `{"<key>": [{…}, {…}, …]}` document as text slices,
// found by one linear scan without parsing them. nft -j prints one such
// document of tens of megabytes for a large ruleset: parsing it whole keeps
// the entire tree alive while the model is built (the garbage collector
// then copies it, which costs more than the parse), whereas parsing one
// element at a time lets each tree die young. Returns null for any other
// shape (whitespace aside), so the caller parses the text whole and reports
// JSON errors as JSON.parse words them. Strings are skipped with their
// escapes; nesting is counted, never recursed into.

function skipWhitespace(text: string, from: number): number {
  let index = from;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return index;
    index++;
  }
}

/** Index of the `}` closing the object that opens at `start`, or -1 when the text ends first. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) {
      for (index++; index < text.length; index++) {
        const inner = text.charCodeAt(index);
        if (inner === 92 /* \ */) index++;
        else if (inner === 34) break;
      }
    } else if (code === 123 /* { */ || code === 91 /* [ */) depth++;
    else if (code === 125 /* } */ || code === 93 /* ] */) {
      depth--;
      if (depth === 0) return code === 125 ? index : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

export function topLevelArrayElements(text: string, key: string): string[] | null {
  let index = skipWhitespace(text, 0);
  if (text.charCodeAt(index) !== 123) return null;
  index = skipWhitespace(text, index + 1);
  const quoted = JSON.stringify(key);
  if (!text.startsWith(quoted, index)) return null;
  index = skipWhitespace(text, index + quoted.length);
  if (text.charCodeAt(index) !== 58 /* : */) return null;
  index = skipWhitespace(text, index + 1);
  if (text.charCodeAt(index) !== 91 /* [ */) return null;
  index = skipWhitespace(text, index + 1);
  const elements: string[] = [];
  if (text.charCodeAt(index) === 93) index = skipWhitespace(text, index + 1);
  else {
    for (;;) {
      if (text.charCodeAt(index) !== 123) return null;
      const end = objectEnd(text, index);
      if (end < 0) return null;
      elements.push(text.slice(index, end + 1));
      index = skipWhitespace(text, end + 1);
      const separator = text.charCodeAt(index);
      index = skipWhitespace(text, index + 1);
      if (separator === 93) break;
      if (separator !== 44 /* , */) return null;
    }
  }
  if (text.charCodeAt(index) !== 125) return null;
  return skipWhitespace(text, index + 1) === text.length ? elements : null;
}

/** The single key of an element slice (`{"rule": …}` → `rule`), read without parsing; null when it does not start with a plain key. */
export function leadingKey(element: string): string | null {
  const open = skipWhitespace(element, 1);
  if (element.charCodeAt(open) !== 34) return null;
  const close = element.indexOf('"', open + 1);
  if (close < 0) return null;
  const key = element.slice(open + 1, close);
  return key.includes('\\') ? null : key;
}
