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
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';

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
  let document: unknown;
  try {
    document = JSON.parse(stdout);
  } catch (error) {
    return parsedFailure('unparsed', `lsblk output is not JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const list = isRecord(document) ? document.blockdevices : undefined;
  if (!Array.isArray(list)) return parsedFailure('unparsed', 'lsblk JSON has no "blockdevices" array');
  const state: WalkState = { warnings: [], count: 0, humanSizes: false, unknownTypes: new Set() };
  const devices = readDevices(list, 0, state);
  if (state.humanSizes) state.warnings.push('lsblk printed rounded sizes (run without -b): byte counts are approximate');
  for (const type of state.unknownTypes) state.warnings.push(`unknown device type "${type}": shown as an opaque layer whose encryption cannot be judged`);
  return parsedOk({ devices }, state.warnings);
}

interface WalkState {
  warnings: string[];
  count: number;
  humanSizes: boolean;
  unknownTypes: Set<string>;
}

function readDevices(list: unknown[], depth: number, state: WalkState): LsblkDevice[] {
  if (depth >= MAX_DEPTH) {
    state.warnings.push(`device tree deeper than ${MAX_DEPTH} levels: the rest was not read`);
    return [];
  }
  const devices: LsblkDevice[] = [];
  for (const item of list) {
    if (state.count >= MAX_DEVICES) {
      state.warnings.push(`more than ${MAX_DEVICES} devices: the rest was not read`);
      break;
    }
    const device = readDevice(item, depth, state);
    if (device) devices.push(device);
  }
  return devices;
}

function readDevice(item: unknown, depth: number, state: WalkState): LsblkDevice | null {
  const name = isRecord(item) ? text(item.name) : null;
  if (!isRecord(item) || name === null) {
    state.warnings.push('a block device entry without a name was skipped');
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
    children: Array.isArray(item.children) ? readDevices(item.children, depth + 1, state) : [],
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
