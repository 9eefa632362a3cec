// `cryptsetup status <name>` (cryptsetup 2.x): one block per mapping — the
// first line `/dev/mapper/<name> is active[ and is in use].` (or
// `… is inactive.`, exit 4), then `  key: value` lines whose padding is not
// consistent (`cipher:  `, `key location: `): split on the first colon.
// Several blocks one after another (a loop over /dev/mapper/*) are read as
// a list. keysize is `512 bits` up to 2.7 and `512 [bits]` from 2.8; offset
// and size are always 512-byte sectors. Flags carry a trailing space.
// See cryptsetup-status*.md.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface CryptsetupStatus {
  /** The device as cryptsetup echoed it (`/dev/mapper/<name>`, or the path given). */
  device: string;
  name: string;
  active: boolean;
  inUse: boolean;
  /** `type:` as printed: LUKS1, LUKS2, PLAIN, TCRYPT, BITLK, LOOPAES, n/a… */
  type: string | null;
  luksVersion: 1 | 2 | null;
  /** e.g. aes-xts-plain64 */
  cipher: string | null;
  keyBits: number | null;
  /** `keyring` (LUKS2, key in the kernel keyring) or `dm-crypt` (key in the dm table). */
  keyLocation: string | null;
  /** The backing device path. */
  backingDevice: string | null;
  loopFile: string | null;
  sectorSize: number | null;
  offsetSectors: number | null;
  sizeSectors: number | null;
  /** size × 512. */
  sizeBytes: number | null;
  readOnly: boolean | null;
  suspended: boolean;
  flags: string[];
  integrity: string | null;
  reencryption: string | null;
}

const HEADERS: Array<[suffix: string, active: boolean, inUse: boolean]> = [
  [' is active and is in use.', true, true],
  [' is active.', true, false],
  [' is inactive.', false, false],
];

function header(line: string): CryptsetupStatus | null {
  if (/^\s/.test(line)) return null;
  for (const [suffix, active, inUse] of HEADERS) {
    if (line.length > suffix.length && line.endsWith(suffix)) return emptyStatus(line.slice(0, -suffix.length), active, inUse);
  }
  return null;
}

export function parseCryptsetupStatus(stdout: string, stderr: string, exitCode: number | null): Parsed<CryptsetupStatus[]> {
  const common = commonFailure('cryptsetup', exitCode, stderr);
  if (common) return common;
  if (/running as non-root user/.test(stderr)) {
    return parsedFailure('needs-privilege', `cryptsetup status needs root: ${failureText(exitCode, stderr)}`);
  }
  if (/Cannot initialize device-mapper/.test(stderr)) {
    return parsedFailure('unsupported', `this kernel has no device-mapper, so no dm-crypt mapping can be open: ${failureText(exitCode, stderr)}`);
  }
  if (/does not exist or access denied/.test(stderr)) {
    return parsedFailure('unsupported', `cryptsetup cannot open the device: ${failureText(exitCode, stderr)}`);
  }
  const refused = refuseInput(stdout, 'cryptsetup status');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'cryptsetup status');
  const statuses: CryptsetupStatus[] = [];
  let current: CryptsetupStatus | null = null;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const started = header(line);
    if (started) {
      current = started;
      statuses.push(current);
      continue;
    }
    if (!current || !/^\s/.test(line)) {
      skipped.push(skippedInput(`line ${index + 1}`, line, current ? 'neither a "<device> is active" line nor an indented field' : 'before any "<device> is active" line'));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'an indented line without "field:"'));
      continue;
    }
    applyField(current, line.slice(0, colon).trim(), line.slice(colon + 1).trim(), warnings);
  }
  if (statuses.length === 0) {
    if (exitCode !== 0) return parsedFailure('unparsed', `cryptsetup status failed: ${failureText(exitCode, stderr, stdout)}`);
    return parsedFailure('unparsed', 'not cryptsetup status output: no "<device> is active." line');
  }
  return parsedOk(statuses, warnings, skipped, 'cryptsetup status');
}

function emptyStatus(device: string, active: boolean, inUse: boolean): CryptsetupStatus {
  return {
    device,
    name: device.startsWith('/dev/mapper/') ? device.slice('/dev/mapper/'.length) : device,
    active,
    inUse,
    type: null,
    luksVersion: null,
    cipher: null,
    keyBits: null,
    keyLocation: null,
    backingDevice: null,
    loopFile: null,
    sectorSize: null,
    offsetSectors: null,
    sizeSectors: null,
    sizeBytes: null,
    readOnly: null,
    suspended: false,
    flags: [],
    integrity: null,
    reencryption: null,
  };
}

/** Fields kept as printed (an empty value is none), by cryptsetup's name. */
const TEXT_FIELDS = new Map<string, 'cipher' | 'keyLocation' | 'backingDevice' | 'loopFile' | 'integrity' | 'reencryption'>([
  ['cipher', 'cipher'],
  ['key location', 'keyLocation'],
  ['device', 'backingDevice'],
  ['loop', 'loopFile'],
  ['integrity', 'integrity'],
  ['reencryption', 'reencryption'],
]);

/** Fields read as their leading number ("512 bits", "4096 sectors"). */
const NUMBER_FIELDS = new Map<string, 'keyBits' | 'sectorSize' | 'offsetSectors'>([
  ['keysize', 'keyBits'],
  ['sector size', 'sectorSize'],
  ['offset', 'offsetSectors'],
]);

function applyField(status: CryptsetupStatus, key: string, value: string, warnings: string[]): void {
  const textField = TEXT_FIELDS.get(key);
  if (textField) {
    status[textField] = value || null;
    return;
  }
  const numberField = NUMBER_FIELDS.get(key);
  if (numberField) {
    status[numberField] = leadingInteger(value);
    return;
  }
  switch (key) {
    case 'type':
      status.type = value;
      status.luksVersion = value === 'LUKS1' ? 1 : value === 'LUKS2' ? 2 : null;
      return;
    case 'size':
      status.sizeSectors = leadingInteger(value);
      status.sizeBytes = status.sizeSectors === null ? null : status.sizeSectors * 512;
      return;
    case 'mode':
      status.readOnly = value.startsWith('readonly');
      status.suspended = value.includes('(suspended)');
      return;
    case 'flags':
      status.flags = value.split(/\s+/).filter(Boolean);
      return;
    case 'skipped':
    case 'integrity keysize':
    case 'integrity tag size':
      return;
    default:
      // Kept verbatim in the warnings: a field cryptsetup added after this code was written.
      warnings.push(`field not modelled in the status of ${status.name}, kept verbatim: "${key.slice(0, 40)}: ${value.slice(0, 200)}"`);
  }
}

function leadingInteger(value: string): number | null {
  const match = /^(\d{1,15})\b/.exec(value);
  return match ? Number(match[1]) : null;
}
