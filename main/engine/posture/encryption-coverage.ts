// Encryption coverage of one host, for the fleet chart: bytes of data on
// encrypted volumes against all data, and whether the host is fully
// encrypted. Data = the `data` and `logs` classes (logs are data the
// provider holds, even where their exception is admitted); swap counts
// toward "fully encrypted" but not toward bytes; boot/EFI and memory are
// exempt. A locked volume is encrypted. Volumes of unknown size are counted
// but add no bytes (ZFS sizes are not collected).
import type { EncryptionFacts, StorageVolume } from '../collectors/encryption/encryption-model';

export interface EncryptionCoverage {
  dataBytes: number;
  encryptedDataBytes: number;
  /** The volume list was complete, showed at least one data, logs or swap volume on disk, and all are encrypted. */
  fullyEncrypted: boolean;
  dataVolumes: number;
  encryptedDataVolumes: number;
  /** Data volumes whose size is unknown (counted in volumes, not in bytes). */
  dataVolumesWithoutSize: number;
  /** Volumes (data, logs, swap) whose encryption could not be judged. */
  unknownVolumes: number;
}

const isEncrypted = (volume: StorageVolume) => volume.encryption === 'encrypted' || volume.encryption === 'locked';

export function encryptionCoverage(facts: EncryptionFacts): EncryptionCoverage {
  const data = facts.volumes.filter((volume) => volume.class === 'data' || volume.class === 'logs');
  const relevant = facts.volumes.filter((volume) => (volume.class === 'data' || volume.class === 'logs' || volume.class === 'swap') && volume.encryption !== 'not-on-disk');
  const bytes = (volumes: StorageVolume[]) => volumes.reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0);
  return {
    dataBytes: bytes(data),
    encryptedDataBytes: bytes(data.filter(isEncrypted)),
    // A host showing no disk volume at all (a container) is not counted as fully encrypted.
    fullyEncrypted: facts.complete && relevant.length > 0 && relevant.every(isEncrypted),
    dataVolumes: data.length,
    encryptedDataVolumes: data.filter(isEncrypted).length,
    dataVolumesWithoutSize: data.filter((volume) => volume.sizeBytes === null).length,
    unknownVolumes: relevant.filter((volume) => volume.encryption === 'unknown').length,
  };
}
