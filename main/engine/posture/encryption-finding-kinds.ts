// The kinds of encryption finding, their stable ids (`encryption.<kind>:<host>`,
// the same across scans so history can follow one problem: the volumes it
// names are in the title, detail and excerpt) and how one is built.
import { areaFinding, areaFindingId, type AreaFindingInput } from './area-finding';
import type { Finding } from './finding';

export { plural } from './area-finding';

export const ENCRYPTION_FINDING_KINDS = {
  /** Data (not logs, swap, boot or memory) on a volume with no crypt layer under it. */
  dataUnencrypted: 'data-unencrypted',
  /** Logs on an unencrypted volume: the provider's known, admitted exception (low). */
  logsUnencrypted: 'logs-unencrypted',
  swapUnencrypted: 'swap-unencrypted',
  /** A LUKS1 header (PBKDF2 only, no header redundancy). */
  luks1: 'luks1',
  /** Not AES-XTS with a 256-bit AES key (or a 256-bit ZFS suite); CBC, ECB, cipher_null. */
  weakCipher: 'weak-cipher',
  /** ZFS keystatus unavailable: the datasets cannot be mounted until the key is loaded. */
  zfsKeyUnavailable: 'zfs-key-unavailable',
  /** A ZFS dataset with encryption=off under an encrypted parent (boot filesystem exempt). */
  zfsUnencryptedChild: 'zfs-unencrypted-child',
  /** An /etc/crypttab entry whose mapping is not open. */
  crypttabNotOpen: 'crypttab-not-open',
  /** Volumes whose encryption could not be judged, or the volume list itself could not be read. */
  encryptionUnknown: 'encryption-unknown',
  /** Open dm-crypt mappings whose cipher and LUKS version could not be read (dmsetup). */
  cryptDetailsUnknown: 'crypt-details-unknown',
} as const;

export type EncryptionFindingKind = (typeof ENCRYPTION_FINDING_KINDS)[keyof typeof ENCRYPTION_FINDING_KINDS];

export function encryptionFindingId(kind: EncryptionFindingKind, host: string): string {
  return areaFindingId('encryption', kind, host);
}

export interface EncryptionFindingInput extends Omit<AreaFindingInput, 'area' | 'kind' | 'control' | 'qualifier'> {
  kind: EncryptionFindingKind;
}

export function encryptionFinding(input: EncryptionFindingInput): Finding {
  return areaFinding({ ...input, area: 'encryption', control: 'onDiskEncryption' });
}

/** 1.8 TiB, 476.9 GiB, 512 MiB — binary units, as lsblk shows them. */
export function bytesText(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
