// JSON framed the way util-linux 2.38 (lsblk -J, findmnt -J) writes it:
// 3-space indent, sibling objects joined by `},{`, and arrays of scalars
// (MOUNTPOINTS) on one line indented 4 past their key — verified against the
// real lsblk/findmnt 2.38.1 on this machine (see lsblk-J-luks.md).
export type UtilLinuxScalar = string | number | boolean | null;
export interface UtilLinuxObject {
  [key: string]: UtilLinuxScalar | UtilLinuxScalar[] | UtilLinuxObject[] | undefined;
}

const INDENT = 3;

function scalar(value: UtilLinuxScalar): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function isObjectArray(value: unknown[]): value is UtilLinuxObject[] {
  return value.length > 0 && typeof value[0] === 'object' && value[0] !== null;
}

function objectBody(object: UtilLinuxObject, level: number): string {
  const pad = ' '.repeat(level * INDENT);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (isObjectArray(value)) {
        lines.push(`${pad}"${key}": ${objectArray(value, level)}`);
      } else {
        const items = (value as UtilLinuxScalar[]).map(scalar).join(', ');
        lines.push(`${pad}"${key}": [\n${' '.repeat(level * INDENT + 4)}${items}\n${pad}]`);
      }
    } else {
      lines.push(`${pad}"${key}": ${scalar(value)}`);
    }
  }
  return lines.join(',\n');
}

/** `[` … `]` for an array of objects whose key sits at `level`. */
function objectArray(objects: UtilLinuxObject[], level: number): string {
  const itemPad = ' '.repeat((level + 1) * INDENT);
  const bodies = objects.map((object) => objectBody(object, level + 2));
  return `[\n${itemPad}{\n${bodies.join(`\n${itemPad}},{\n`)}\n${itemPad}}\n${' '.repeat(level * INDENT)}]`;
}

/** A whole document: `{ "<key>": [ …objects… ] }` plus the trailing newline. */
export function utilLinuxJson(key: string, objects: UtilLinuxObject[]): string {
  return `{\n${' '.repeat(INDENT)}"${key}": ${objectArray(objects, 1)}\n}\n`;
}
