// From a path into a parsed YAML document (["hosts", 3, "os"]) to the line and
// column a person should look at, and back to how that path is written in a
// message (`hosts[3].os`). When the path does not exist (a missing key) the
// position is that of the deepest node that does: the parent mapping.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type YamlPath = readonly PropertyKey[];

export interface SourcePosition {
  line: number;
  column: number;
}

/** Point at a value, or at the key that holds it (for an unknown or badly named key). */
export type PathTarget = 'value' | 'key';

export function positionOfOffset(counter: LineCounter, offset: number): SourcePosition {
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

export function positionOfPath(doc: Document, counter: LineCounter, path: YamlPath, target: PathTarget = 'value'): SourcePosition {
  let node: unknown = doc.contents;
  let found: Node | null = isNode(node) ? node : null;
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      if (isLast && target === 'key' && isNode(pair.key)) return startOf(pair.key, counter);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    // A key with nothing after it (`defaults:`) holds an empty scalar whose range
    // sits after the colon; it is still the right place to point at.
    if (!isNode(node)) break;
    found = node;
  }
  return found ? startOf(found, counter) : { line: 1, column: 1 };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

function startOf(node: Node, counter: LineCounter): SourcePosition {
  return positionOfOffset(counter, node.range?.[0] ?? 0);
}

/** `hosts[3].os`, `roles.imap.allowed_ports[0]`; the root is `inventory`. */
export function formatYamlPath(path: YamlPath): string {
  if (path.length === 0) return 'inventory';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** The plain value at `path` in the parsed data, or undefined. */
export function valueAtPath(root: unknown, path: YamlPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
