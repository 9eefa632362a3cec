// `dmsetup table --target crypt`: one line per active dm-crypt target,
// `<name>: <start> <length> crypt <cipher> <key> <iv_offset> <device>
// <offset> [<#opts> <opt>…]` (the `<name>: ` prefix only when no device was
// named). Lengths and offsets are 512-byte sectors; the device is
// `major:minor`. See dmsetup-table*.md.
//
// The key field: without --showkeys (never used) dmsetup replaces a hex key
// with as many `0`s (so its length still gives the key size), and prints a
// kernel-keyring reference `:<bytes>:logon:cryptsetup:<LUKS uuid>-d<n>` as
// is. libcryptsetup puts the volume key in the keyring only when it activates
// a LUKS2 device (lib/setup.c, since 2.0), so a keyring reference means
// LUKS2; a key in the table means LUKS1, plain or TCRYPT — or LUKS2 opened
// with --disable-keyring, which facts report as an inference, not a fact.
// Should a real key ever appear, it is dropped here and never kept.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface DmCryptTarget {
  /** The dm name (null when the line had no `<name>: ` prefix). */
  name: string | null;
  startSector: number;
  lengthSectors: number;
  sizeBytes: number;
  /** Normalized to the cryptsetup form (`capi:xts(aes)-plain64` → `aes-xts-plain64`). */
  cipher: string;
  cipherRaw: string;
  keyBits: number | null;
  /** keyring: the volume key lives in the kernel keyring (LUKS2); table: in the dm table; none: cipher_null. */
  keyStorage: 'keyring' | 'table' | 'none';
  /** For keyring keys: the LUKS UUID named by the key description (cryptsetup:<uuid>-d0). */
  luksUuid: string | null;
  /** `major:minor` (or a path) of the backing device. */
  device: string;
  offsetSectors: number | null;
  options: string[];
}

const LINE = /^(\d{1,20}) (\d{1,20}) (\S+) (.*)$/;

export function parseDmsetupCryptTable(stdout: string, stderr: string, exitCode: number | null): Parsed<DmCryptTarget[]> {
  const common = commonFailure('dmsetup', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) {
    if (/No such device|Failure to communicate with kernel device-mapper/.test(stderr)) {
      return parsedFailure('unsupported', `this kernel has no device-mapper, so no dm-crypt mapping can be open: ${failureText(exitCode, stderr)}`, []);
    }
    return parsedFailure('unparsed', `dmsetup table failed: ${failureText(exitCode, stderr, stdout)}`);
  }
  const refused = refuseInput(stdout, 'dmsetup table');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'dmsetup table');
  const targets: DmCryptTarget[] = [];
  let keysShown = false;
  let tableLines = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.trim() === 'No devices found') continue;
    const split = splitName(line);
    if (!split) {
      // Never the key: a line that holds one is kept only with it blanked.
      skipped.push(skippedInput(`line ${index + 1}`, withoutKeys(line), 'not a "name: start length target args" table line'));
      continue;
    }
    tableLines++;
    const [start, length, targetType, rest] = split.fields;
    if (targetType !== 'crypt') continue;
    const target = cryptTarget(split.name, Number(start), Number(length), rest);
    if (!target) {
      skipped.push(skippedInput(`line ${index + 1}`, withoutKeys(line), `crypt table${split.name ? ` of ${split.name}` : ''} not understood: its cipher and key size are unknown`));
      continue;
    }
    if (target.shown) keysShown = true;
    targets.push(target.value);
  }
  if (keysShown) warnings.push('dmsetup printed volume keys (was --showkeys used?): they were dropped and are not kept');
  if (skipped.length > tableLines) return parsedFailure('unparsed', `not dmsetup table output: ${skipped.length} of ${skipped.length + tableLines} lines are not table lines`);
  return parsedOk(targets, warnings, skipped, 'dmsetup table');
}

function splitName(line: string): { name: string | null; fields: [string, string, string, string] } | null {
  const bare = LINE.exec(line);
  if (bare) return { name: null, fields: [bare[1]!, bare[2]!, bare[3]!, bare[4]!] };
  let at = line.indexOf(': ');
  while (at > 0) {
    const match = LINE.exec(line.slice(at + 2));
    if (match) return { name: line.slice(0, at), fields: [match[1]!, match[2]!, match[3]!, match[4]!] };
    at = line.indexOf(': ', at + 1);
  }
  return null;
}

function cryptTarget(name: string | null, start: number, length: number, rest: string): { value: DmCryptTarget; shown: boolean } | null {
  const fields = rest.split(' ').filter(Boolean);
  const [cipherRaw, key, _ivOffset, device, offset, count, ...options] = fields;
  if (!cipherRaw || !key || !device) return null;
  const keyInfo = keyField(key);
  const optionCount = count !== undefined && /^\d+$/.test(count) ? Number(count) : 0;
  return {
    shown: keyInfo.shown,
    value: {
      name,
      startSector: start,
      lengthSectors: length,
      sizeBytes: length * 512,
      cipher: normalizedCipher(cipherRaw),
      cipherRaw,
      keyBits: keyInfo.bits,
      keyStorage: keyInfo.storage,
      luksUuid: keyInfo.luksUuid,
      device,
      offsetSectors: offset !== undefined && /^\d+$/.test(offset) ? Number(offset) : null,
      options: options.slice(0, optionCount),
    },
  };
}

function keyField(key: string): { bits: number | null; storage: DmCryptTarget['keyStorage']; luksUuid: string | null; shown: boolean } {
  if (key === '-') return { bits: 0, storage: 'none', luksUuid: null, shown: false };
  if (key.startsWith(':')) {
    // :<key_size in bytes>:<key_type>:<key_description>
    const [, bytes, , ...description] = key.split(':');
    const uuid = /^cryptsetup:([0-9a-fA-F-]{36})-d\d+$/.exec(description.join(':'));
    return { bits: bytes && /^\d+$/.test(bytes) ? Number(bytes) * 8 : null, storage: 'keyring', luksUuid: uuid ? uuid[1]!.toLowerCase() : null, shown: false };
  }
  if (/^[0-9a-fA-F]+$/.test(key)) return { bits: key.length * 4, storage: 'table', luksUuid: null, shown: /[1-9a-fA-F]/.test(key) };
  return { bits: null, storage: 'table', luksUuid: null, shown: false };
}

/** `capi:xts(aes)-plain64` → `aes-xts-plain64`; the cryptsetup form is left alone. */
export function normalizedCipher(cipher: string): string {
  const capi = /^capi:([a-z0-9]+)\(([a-z0-9]+)\)-(\S+)$/i.exec(cipher);
  return capi ? `${capi[2]}-${capi[1]}-${capi[3]}` : cipher;
}

/** A line for a warning, with anything that could be a hex key masked. */
function withoutKeys(line: string): string {
  return line.replace(/[0-9a-fA-F]{32,}/g, '<hex>');
}
