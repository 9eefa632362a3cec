// `cryptsetup luksDump <device>` (cryptsetup 2.6): the LUKS header. Only
// what the posture needs is read — version, UUID, the data cipher and
// volume-key size, and each key slot's PBKDF. LUKS1 prints flat `Key: value`
// lines (`Cipher name:` + `Cipher mode:`, `MK bits:`, `Key Slot N: ENABLED`);
// LUKS2 prints sections (`Data segments:`, `Keyslots:`) whose entries are
// `  N: <type>` followed by TAB-indented `key: value` lines.
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface LuksKeyslot {
  slot: number;
  /** LUKS2 keyslot type (luks2, reencrypt); `luks1` for LUKS1 slots. */
  type: string;
  pbkdf: string | null;
  keyBits: number | null;
}

export interface LuksDump {
  version: 1 | 2 | null;
  uuid: string | null;
  label: string | null;
  /** Data cipher, e.g. aes-xts-plain64. */
  cipher: string | null;
  /** Volume key size in bits. */
  keyBits: number | null;
  sectorSize: number | null;
  /** Enabled key slots only. */
  keyslots: LuksKeyslot[];
}

export function parseLuksDump(stdout: string, stderr: string, exitCode: number | null): Parsed<LuksDump> {
  const common = commonFailure('cryptsetup', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) {
    if (/not a valid LUKS device|does not exist or access denied/.test(stderr)) {
      return parsedFailure('unsupported', `no LUKS header to read: ${failureText(exitCode, stderr)}`);
    }
    return parsedFailure('unparsed', `cryptsetup luksDump failed: ${failureText(exitCode, stderr, stdout)}`);
  }
  const refused = refuseInput(stdout, 'cryptsetup luksDump');
  if (refused) return refused;
  // A report of fields (salts, digests, areas): OpsDeck picks the ones it needs and reads past the rest.
  const { lines, warnings, skipped } = outputLines(stdout, 'cryptsetup luksDump');
  const dump: LuksDump = { version: null, uuid: null, label: null, cipher: null, keyBits: null, sectorSize: null, keyslots: [] };
  let section = '';
  let cipherName: string | null = null;
  let cipherMode: string | null = null;
  let slot: LuksKeyslot | null = null;
  let inFirstSegment = false;
  for (const line of lines) {
    const top = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(line);
    const luks1Slot = /^Key Slot (\d+): (ENABLED|DISABLED)$/.exec(line);
    if (luks1Slot) {
      slot = null;
      if (luks1Slot[2] === 'ENABLED') dump.keyslots.push({ slot: Number(luks1Slot[1]), type: 'luks1', pbkdf: 'pbkdf2', keyBits: null });
      continue;
    }
    if (top) {
      const key = top[1]!;
      const value = top[2]!;
      section = value === '' ? key : '';
      slot = null;
      inFirstSegment = false;
      if (key === 'Version') dump.version = value.trim() === '1' ? 1 : value.trim() === '2' ? 2 : null;
      else if (key === 'UUID') dump.uuid = value.trim() || null;
      else if (key === 'Label') dump.label = value.trim() === '(no label)' ? null : value.trim() || null;
      else if (key === 'Cipher name') cipherName = value.trim();
      else if (key === 'Cipher mode') cipherMode = value.trim();
      else if (key === 'MK bits') dump.keyBits = integer(value);
      continue;
    }
    const entry = /^ {2}(\d+): (\S+)/.exec(line);
    if (entry) {
      inFirstSegment = section === 'Data segments' && dump.cipher === null;
      slot = section === 'Keyslots' ? { slot: Number(entry[1]), type: entry[2]!, pbkdf: null, keyBits: null } : null;
      if (slot) dump.keyslots.push(slot);
      continue;
    }
    const field = /^\t([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(line);
    if (!field) continue;
    const key = field[1]!.trim();
    const value = field[2]!.trim();
    if (inFirstSegment && key === 'cipher') dump.cipher = value;
    else if (inFirstSegment && key === 'sector') dump.sectorSize = integer(value);
    else if (slot && key === 'Key') slot.keyBits = integer(value);
    else if (slot && key === 'PBKDF') slot.pbkdf = value;
  }
  if (cipherName) dump.cipher = cipherMode ? `${cipherName}-${cipherMode}` : cipherName;
  if (dump.version === 2 && dump.keyBits === null) dump.keyBits = dump.keyslots.find((each) => each.keyBits !== null)?.keyBits ?? null;
  if (dump.version === null) return parsedFailure('unparsed', 'luksDump output has no "Version:" line');
  return parsedOk(dump, warnings, skipped, 'cryptsetup luksDump');
}

function integer(value: string): number | null {
  const match = /^\s*(\d{1,15})/.exec(value);
  return match ? Number(match[1]) : null;
}
