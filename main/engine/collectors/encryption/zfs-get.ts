// `zfs get -H -p -o name,property,value <props> -t filesystem,volume`
// (illumos / OpenZFS): TAB-separated `name property value`, no header, one
// line per (dataset, property), grouped by dataset. `-` means "not
// applicable" (keystatus of an unencrypted dataset, mountpoint of a volume —
// which is how a volume is told from a filesystem, the type not being asked
// for). Only the encryption root has a real keylocation; its descendants
// say `none` and inherit keyformat. See zfs-get-encryption*.md.
// Neighbouring layouts read too: -H without -o (a fourth SOURCE field);
// without -H a `NAME PROPERTY VALUE [SOURCE]` header and space-aligned
// columns (read by the header's positions); without -p rounded sizes
// (`1.21G`). Anything else is listed as skipped, or refused when most of it is.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface ZfsDataset {
  name: string;
  pool: string;
  /** The parent dataset's name, null for a pool's root dataset. */
  parent: string | null;
  /** From the mountpoint (`-` for a volume); null when the mountpoint was not asked for. */
  type: 'filesystem' | 'volume' | null;
  /** `off`, `on`, or a suite (`aes-256-gcm`…). */
  encryption: string | null;
  encrypted: boolean | null;
  /** available | unavailable; null when `-` (unencrypted). */
  keystatus: string | null;
  keyformat: string | null;
  keylocation: string | null;
  encryptionRoot: string | null;
  /** A path, `legacy` or `none` for filesystems; null for volumes. */
  mountpoint: string | null;
  /**
   * Bytes the dataset itself holds (`usedbydataset`; `used` from older
   * commands, which also counts children and so must not be summed).
   */
  usedBytes: number | null;
  /** Every property as printed. */
  properties: Record<string, string>;
}

export function parseZfsGet(stdout: string, stderr: string, exitCode: number | null): Parsed<ZfsDataset[]> {
  const common = commonFailure('zfs', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0 && /bad property list|invalid property/.test(stderr)) {
    return parsedFailure('unsupported', `this platform's ZFS has no native encryption properties (platforms before 2019): ${failureText(exitCode, stderr)}`);
  }
  if (exitCode !== 0 && stdout.trim() === '') return parsedFailure('unparsed', `zfs get failed: ${failureText(exitCode, stderr)}`);
  const refused = refuseInput(stdout, 'zfs get');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'zfs get');
  if (exitCode !== 0) warnings.push(`zfs get ended with ${failureText(exitCode, stderr)}; the datasets it printed were read`);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  const columns = headerAt >= 0 ? headerColumns(lines[headerAt]!) : null;
  const split = columns ? (line: string) => alignedFields(line, columns) : tabFields;
  const byName = new Map<string, Record<string, string>>();
  let read = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '' || (columns && index === headerAt)) return;
    const fields = split(line);
    if (!fields || !DATASET_NAME.test(fields.name) || !PROPERTY_NAME.test(fields.property)) {
      skipped.push(skippedInput(`line ${index + 1}`, line, columns ? 'not a NAME PROPERTY VALUE row under the header' : 'not a TAB-separated name, property, value line (zfs get -H)'));
      return;
    }
    read++;
    let properties = byName.get(fields.name);
    if (!properties) {
      properties = Object.create(null) as Record<string, string>;
      byName.set(fields.name, properties);
    }
    properties[fields.property] = fields.value;
  });
  if (skipped.length > read) {
    return parsedFailure(
      'unparsed',
      `not zfs get output: ${skipped.length} of ${skipped.length + read} lines are not (dataset, property, value) rows — OpsDeck reads \`zfs get -H -p -o name,property,value\` and the same with a header (without -H)`,
    );
  }
  if (columns) warnings.push("zfs get printed a header and aligned columns (run without -H): read by the header's column positions");
  return parsedOk(
    [...byName].map(([name, properties]) => dataset(name, properties)),
    warnings,
    skipped,
    'zfs get',
  );
}

// zfs(8) component names: alphanumerics and _ - : . (and / @ # between components); pool names start with a letter.
const DATASET_NAME = /^[A-Za-z][\w\-:.]*(\/[\w\-:.]+)*([@#][\w\-:.]+)?$/;
// Native properties are lowercase words; user properties hold a colon (com.example:backup).
const PROPERTY_NAME = /^[a-z][a-z0-9_.:-]*$/;
const HEADER_WORDS = new Set(['NAME', 'PROPERTY', 'VALUE', 'RECEIVED', 'SOURCE']);

interface ZfsRow {
  name: string;
  property: string;
  value: string;
}

/** The header of `zfs get` without -H: each column's start, by its word (`NAME  PROPERTY  VALUE  SOURCE`). */
function headerColumns(line: string): Map<string, number> | null {
  const columns = new Map<string, number>();
  for (const match of line.matchAll(/\S+/g)) {
    if (!HEADER_WORDS.has(match[0])) return null;
    columns.set(match[0], match.index);
  }
  return columns.has('NAME') && columns.has('PROPERTY') && columns.has('VALUE') ? columns : null;
}

/** A row aligned under the header: zfs pads every column to its widest value, so the header's positions hold. */
function alignedFields(line: string, columns: Map<string, number>): ZfsRow | null {
  const starts = [...columns.values()].sort((a, b) => a - b);
  const cell = (word: string): string => {
    const from = columns.get(word)!;
    const next = starts.find((start) => start > from);
    return line.slice(from, next).trim();
  };
  if (line.length <= columns.get('VALUE')! || /\S/.test(line[columns.get('PROPERTY')! - 1] ?? ' ')) return null;
  return { name: cell('NAME'), property: cell('PROPERTY'), value: cell('VALUE') };
}

/** `zfs get -H`: TAB-separated name, property, value (and source when -o is not given). */
function tabFields(line: string): ZfsRow | null {
  const fields = line.split('\t');
  if (fields.length < 3 || fields.length > 5) return null;
  return { name: fields[0]!, property: fields[1]!, value: fields[2]! };
}

const HUMAN_UNITS = 'BKMGTPEZ';

/** Bytes from `zfs get -p` (exact) or without -p (`1.21G`, rounded). */
function sizeBytes(text: string | null): number | null {
  if (text === null) return null;
  if (/^\d{1,18}$/.test(text)) return Number(text);
  const human = /^(\d+(?:\.\d+)?)([BKMGTPEZ])$/.exec(text);
  return human ? Math.round(Number(human[1]) * 1024 ** HUMAN_UNITS.indexOf(human[2]!)) : null;
}

function dataset(name: string, properties: Record<string, string>): ZfsDataset {
  const slash = name.lastIndexOf('/');
  const value = (property: string): string | null => {
    const raw = properties[property];
    return raw === undefined || raw === '-' || raw === '' ? null : raw;
  };
  const encryption = value('encryption');
  const used = value('usedbydataset') ?? value('used');
  return {
    name,
    pool: name.split('/')[0]!,
    parent: slash > 0 ? name.slice(0, slash) : null,
    type: properties.mountpoint === undefined ? null : properties.mountpoint === '-' ? 'volume' : 'filesystem',
    encryption,
    encrypted: encryption === null ? null : encryption !== 'off',
    keystatus: value('keystatus'),
    keyformat: value('keyformat') === 'none' ? null : value('keyformat'),
    keylocation: value('keylocation') === 'none' ? null : value('keylocation'),
    encryptionRoot: value('encryptionroot'),
    mountpoint: value('mountpoint'),
    usedBytes: sizeBytes(used),
    properties: { ...properties },
  };
}
