// `lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID`: the
// block device tree, disks at the top and what is stacked on them as
// "children" (partitions, md RAID, LVM, dm-crypt — in any order; a RAID or
// LVM volume spanning several devices appears under each of them).
//
// Quirks handled (lsblk-J-luks.md, util-linux 2.38): empty values are JSON
// null; MOUNTPOINTS is an array that may hold null; without -b SIZE is a
// rounded human string ("1.8T"); util-linux < 2.33 prints numbers as
// strings; < 2.37 has only MOUNTPOINT (singular) and rejects MOUNTPOINTS
// with "lsblk: unknown column: MOUNTPOINTS"; FSTYPE/UUID are null without
// udev data (blkid fills them in, see blkid.ts).
import { commonFailure, parsedFailure, parsedOk, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { failureText } from './command-failure';
import { isRecord, readJsonOutput } from './json-output';

/** What a device is, as a layer. `unknown`: a TYPE this code does not know (the raw TYPE is kept). */
export type BlockDeviceKind = 'disk' | 'part' | 'crypt' | 'lvm' | 'raid' | 'loop' | 'mpath' | 'dm' | 'rom' | 'zram' | 'unknown';

export interface LsblkDevice {
  name: string;
  kname: string | null;
  pkname: string | null;
  /** TYPE as lsblk printed it (disk, part, crypt, lvm, raid1, linear, loop, mpath, dm, rom…). */
  type: string;
  kind: BlockDeviceKind;
  fstype: string | null;
  sizeBytes: number | null;
  /** False when SIZE was a rounded human string (lsblk without -b). */
  sizeExact: boolean;
  mountpoints: string[];
  uuid: string | null;
  children: LsblkDevice[];
}

export interface LsblkTree {
  devices: LsblkDevice[];
}

const MAX_DEPTH = 48;
const MAX_DEVICES = 20_000;

// util-linux lsblk get_type(): md devices report their level, dm devices
// their DM UUID prefix, SCSI devices their SCSI type.
const RAID_TYPES = new Set(['raid', 'md', 'linear', 'raid0', 'raid1', 'raid4', 'raid5', 'raid6', 'raid10', 'multipath', 'faulty', 'container']);

export function blockDeviceKind(type: string, name: string): BlockDeviceKind {
  if (/^zram\d+$/.test(name)) return 'zram';
  if (type === 'disk' || type === 'part' || type === 'crypt' || type === 'lvm' || type === 'loop' || type === 'mpath' || type === 'dm' || type === 'rom') return type;
  if (RAID_TYPES.has(type)) return 'raid';
  return 'unknown';
}

export function parseLsblkJson(stdout: string, stderr: string, exitCode: number | null): Parsed<LsblkTree> {
  const common = commonFailure('lsblk', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) {
    if (/unknown column/i.test(stderr)) {
      return parsedFailure('unsupported', `lsblk on this host does not know a column OpsDeck asks for (util-linux older than 2.37 has no MOUNTPOINTS): ${failureText(exitCode, stderr)}`);
    }
    return parsedFailure('unparsed', `lsblk failed: ${failureText(exitCode, stderr, stdout)}`);
  }
  if (stdout.trim() === '') return parsedOk({ devices: [] }, ['lsblk printed nothing: no block devices are visible (a container?)']);
  const json = readJsonOutput(stdout, 'lsblk', 'lsblk -J');
  if ('failure' in json) return json.failure;
  const list = isRecord(json.document) ? json.document.blockdevices : undefined;
  if (!Array.isArray(list)) return parsedFailure('unparsed', 'not lsblk -J output: the JSON has no "blockdevices" array');
  const columns = columnsOf(list);
  const missing = REQUIRED_COLUMNS.filter((names) => list.length > 0 && !names.some((name) => columns.has(name))).map((names) => names.map((name) => name.toUpperCase()).join(' or '));
  if (missing.length > 0) {
    return parsedFailure(
      'unparsed',
      `lsblk -J output without the ${missing.join(', ')} column(s): OpsDeck cannot tell which volumes exist and where they are mounted — it reads \`lsblk -J -b -o ${LSBLK_COLUMNS}\``,
    );
  }
  const state: WalkState = { warnings: [], count: 0, humanSizes: false, unknownTypes: new Set(), skipped: [] };
  if (list.length > 0 && !columns.has('fstype'))
    state.skipped.push(
      skippedInput('columns', [...columns].join(',').toUpperCase(), `no FSTYPE column: swap areas and closed LUKS containers cannot be told apart — OpsDeck reads \`lsblk -J -b -o ${LSBLK_COLUMNS}\``),
    );
  const devices = readDevices(list, 0, state, 'blockdevices');
  if (devices.length === 0 && state.skipped.length > 0 && list.length > 0)
    return parsedFailure('unparsed', `not lsblk -J output: no entry of "blockdevices" is a device with a NAME or PATH and a TYPE`);
  if (state.humanSizes) state.warnings.push('lsblk printed rounded sizes (run without -b): byte counts are approximate');
  for (const type of state.unknownTypes) state.warnings.push(`unknown device type "${type}": shown as an opaque layer whose encryption cannot be judged`);
  return parsedOk({ devices }, state.warnings, state.skipped, 'lsblk -J');
}

/** The columns OpsDeck asks for (encryption-commands.ts); PATH stands in for NAME. */
const LSBLK_COLUMNS = 'NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID';
const REQUIRED_COLUMNS = [['name', 'path'], ['type'], ['mountpoints', 'mountpoint']];

/** Every key any device carries: lsblk -J prints each requested column on every device (null when empty). */
function columnsOf(list: unknown[]): Set<string> {
  const columns = new Set<string>();
  const stack = [...list];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_DEVICES) {
    const item = stack.pop();
    if (!isRecord(item)) continue;
    for (const key of Object.keys(item)) if (key !== 'children') columns.add(key);
    if (Array.isArray(item.children)) stack.push(...item.children.slice(0, MAX_DEVICES));
  }
  return columns;
}

/** `lsblk -o PATH`: /dev/sda1 → sda1, /dev/mapper/root → root (the names lsblk's NAME column prints). */
function nameFromPath(path: string | null): string | null {
  if (path === null) return null;
  return path.replace(/^\/dev\/(mapper\/)?/, '') || null;
}

interface WalkState {
  warnings: string[];
  count: number;
  humanSizes: boolean;
  unknownTypes: Set<string>;
  skipped: SkippedInput[];
}

function readDevices(list: unknown[], depth: number, state: WalkState, at: string): LsblkDevice[] {
  if (depth >= MAX_DEPTH) {
    state.skipped.push(skippedInput(at, JSON.stringify(list).slice(0, 300), `device tree deeper than ${MAX_DEPTH} levels: not read`));
    return [];
  }
  const devices: LsblkDevice[] = [];
  for (const [index, item] of list.entries()) {
    if (state.count >= MAX_DEVICES) {
      state.skipped.push(skippedInput(`${at}[${index}]`, '', `more than ${MAX_DEVICES} devices: the rest was not read`));
      break;
    }
    const device = readDevice(item, depth, state, `${at}[${index}]`);
    if (device) devices.push(device);
  }
  return devices;
}

function readDevice(item: unknown, depth: number, state: WalkState, at: string): LsblkDevice | null {
  const name = isRecord(item) ? (text(item.name) ?? nameFromPath(text(item.path))) : null;
  if (!isRecord(item) || name === null || text(item.type) === null) {
    state.skipped.push(skippedInput(at, JSON.stringify(item)?.slice(0, 300) ?? String(item), 'a block device entry without a NAME (or PATH) or without a TYPE: what it holds cannot be judged'));
    return null;
  }
  state.count++;
  const type = text(item.type) ?? 'unknown';
  const kind = blockDeviceKind(type, name);
  if (kind === 'unknown') state.unknownTypes.add(type);
  const size = sizeValue(item.size);
  if (size.human) state.humanSizes = true;
  return {
    name,
    kname: text(item.kname),
    pkname: text(item.pkname),
    type,
    kind,
    fstype: text(item.fstype),
    sizeBytes: size.bytes,
    sizeExact: !size.human,
    mountpoints: mountpointsOf(item),
    uuid: text(item.uuid),
    children: Array.isArray(item.children) ? readDevices(item.children, depth + 1, state, `${at}.children`) : [],
  };
}

function mountpointsOf(item: Record<string, unknown>): string[] {
  const many = item.mountpoints;
  if (Array.isArray(many)) return many.filter((each): each is string => typeof each === 'string' && each.length > 0);
  const one = text(item.mountpoint);
  return one ? [one] : [];
}

const HUMAN_UNITS = 'BKMGTPE';

function sizeValue(value: unknown): { bytes: number | null; human: boolean } {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { bytes: value, human: false } : { bytes: null, human: false };
  if (typeof value !== 'string') return { bytes: null, human: false };
  if (/^\d+$/.test(value)) return { bytes: Number(value), human: false };
  const match = /^(\d+(?:[.,]\d+)?)([BKMGTPE])$/.exec(value.trim());
  if (!match) return { bytes: null, human: false };
  const bytes = Number(match[1]!.replace(',', '.')) * 1024 ** HUMAN_UNITS.indexOf(match[2]!);
  return { bytes: Math.round(bytes), human: true };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
