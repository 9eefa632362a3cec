// The encryption facts of one host: every filesystem or volume that holds
// data, what it is stacked on, whether a crypt layer is under it, and a
// device tree for the UI. Plain, serialisable data.
import type { TargetOs } from '../host-command';
import type { CommandCheck } from '../output-reader';
import type { BlockDeviceKind } from './lsblk-json';

/** What a volume holds, for the posture: boot/EFI and memory are exempt. */
export type VolumeClass = 'data' | 'logs' | 'swap' | 'boot' | 'memory';

/**
 * encrypted: a crypt layer under it on every path to the disks (or ZFS
 * encryption with the key loaded); locked: encrypted and the key is not
 * loaded (closed LUKS container, ZFS keystatus unavailable); unknown: a layer
 * whose encryption OpsDeck cannot judge (loop file, unknown device type, a
 * command that failed); not-on-disk: tmpfs, zram.
 */
export type EncryptionState = 'encrypted' | 'locked' | 'unencrypted' | 'unknown' | 'not-on-disk';

export type LayerKind = BlockDeviceKind | 'swapfile' | 'tmpfs' | 'mount' | 'zpool' | 'vdev' | 'dataset' | 'zvol';

export interface CryptLayer {
  /** The dm-crypt mapping (or, for a closed container, its crypttab target or device), or the ZFS encryption root. */
  name: string;
  scheme: 'luks' | 'plain' | 'zfs' | 'other' | 'unknown';
  luksVersion: 1 | 2 | null;
  /** How luksVersion is known (or why not), for the evidence. */
  versionEvidence: string | null;
  /** dm-crypt cipher spec (aes-xts-plain64) or ZFS suite (aes-256-gcm). */
  cipher: string | null;
  /** Key size in bits as the tool counts it (XTS: both halves, so 512 for AES-256). */
  keyBits: number | null;
  /** The mapping is active / the ZFS key is loaded. */
  open: boolean;
  /** The device holding the LUKS header or ciphertext (sda1), or the dataset. */
  container: string | null;
  /** The crypttab entry that opens it, if any. */
  crypttabTarget: string | null;
  zfs: { encryption: string; keystatus: string | null; keyformat: string | null; keylocation: string | null; encryptionRoot: string | null } | null;
}

export interface VolumeLayer {
  name: string;
  kind: LayerKind;
  /** As the tool printed it (lsblk TYPE, `dataset`, `file`). */
  type: string;
  sizeBytes: number | null;
  fstype: string | null;
}

export interface StorageVolume {
  /** Stable within the host: kname, dataset name, `file:<path>`, `mount:<target>`. */
  id: string;
  name: string;
  /** /dev path, dataset name or file path. */
  device: string | null;
  fstype: string | null;
  mountpoints: string[];
  mounted: boolean;
  sizeBytes: number | null;
  class: VolumeClass;
  classReason: string;
  /** From the disk (first) up to the volume itself (last); a RAID or LVM layer lists its other members in the tree. */
  layers: VolumeLayer[];
  encryption: EncryptionState;
  encryptionReason: string;
  /** Every crypt layer under the volume (any path), nearest first. */
  crypt: CryptLayer[];
  /** The ZFS dataset (SmartOS), with its nearest encrypted ancestor. */
  zfs: { dataset: string; pool: string; encryptedAncestor: string | null } | null;
}

export type TreeMarker = EncryptionState | 'none';

export interface DeviceTreeNode {
  /** Unique in the tree (a path of names: a device with several parents appears under each, as lsblk shows it). */
  id: string;
  kind: LayerKind;
  name: string;
  type: string;
  sizeBytes: number | null;
  fstype: string | null;
  mountpoints: string[];
  /** Lock marker: encrypted / locked / unencrypted / unknown / not-on-disk; `none` for structural layers (a disk with partitions, an LVM PV). */
  marker: TreeMarker;
  /** Health where the tool reports one (zpool status STATE: ONLINE, DEGRADED…); null for block devices. */
  state: string | null;
  crypt: CryptLayer | null;
  /** The StorageVolume this node is, if any. */
  volumeId: string | null;
  children: DeviceTreeNode[];
  /** What a pool is built from (ZFS vdevs and disks); empty for block devices. */
  members: DeviceTreeNode[];
}

export interface CrypttabState {
  target: string;
  source: string;
  keyFile: string | null;
  noauto: boolean;
  swap: boolean;
  /** An active mapping of that name exists; null when neither lsblk nor dmsetup could be read. */
  open: boolean | null;
  /** The device the source resolves to on this host (sdb1), if found. */
  device: string | null;
  line: number;
}

export interface ZfsDatasetFacts {
  name: string;
  pool: string;
  type: 'filesystem' | 'volume' | null;
  mountpoint: string | null;
  encryption: string | null;
  keystatus: string | null;
  keyformat: string | null;
  keylocation: string | null;
  /** As reported, or (when encryptionroot was not asked for) the nearest encrypted ancestor-or-self with a real keylocation. */
  encryptionRoot: string | null;
  /** Nearest ancestor dataset with encryption on. */
  encryptedAncestor: string | null;
  /** null: a container that holds no data of its own (mountpoint none). */
  class: VolumeClass | null;
}

export interface EncryptionFacts {
  os: TargetOs;
  /** The inventory command (lsblk / zfs get, or sysinfo as a fallback) was read: the volume list is complete. */
  complete: boolean;
  volumes: StorageVolume[];
  deviceTree: DeviceTreeNode[];
  /** null when /etc/crypttab could not be read (or on SmartOS). */
  crypttab: CrypttabState[] | null;
  /** dm-crypt mappings' details (dmsetup) could be read. */
  cryptDetailsKnown: boolean;
  zfsDatasets: ZfsDatasetFacts[];
  checks: CommandCheck[];
}
