// The part of the engine's encryption facts the host page reads (the
// renderer may not import engine code): the device tree and the volumes
// its nodes stand for.
export type EncryptionStateView = 'encrypted' | 'locked' | 'unencrypted' | 'unknown' | 'not-on-disk';

export interface CryptLayerView {
  name: string;
  scheme: 'luks' | 'plain' | 'zfs' | 'other' | 'unknown';
  luksVersion: 1 | 2 | null;
  cipher: string | null;
  keyBits: number | null;
  open: boolean;
  zfs: { keystatus: string | null; encryptionRoot: string | null } | null;
}

export interface DeviceNodeView {
  id: string;
  kind: string;
  name: string;
  type: string;
  sizeBytes: number | null;
  fstype: string | null;
  mountpoints: string[];
  marker: EncryptionStateView | 'none';
  state: string | null;
  crypt: CryptLayerView | null;
  volumeId: string | null;
  children: DeviceNodeView[];
  members: DeviceNodeView[];
}

export interface VolumeView {
  id: string;
  name: string;
  mountpoints: string[];
  sizeBytes: number | null;
  class: 'data' | 'logs' | 'swap' | 'boot' | 'memory';
  classReason: string;
  encryption: EncryptionStateView;
  encryptionReason: string;
  layers: { name: string; kind: string }[];
}

export interface EncryptionFactsView {
  os: 'debian' | 'smartos';
  complete: boolean;
  volumes: VolumeView[];
  deviceTree: DeviceNodeView[];
  checks: { commandId: string; status: string; message: string | null }[];
}

/** The facts as stored, if they have the shape this page reads (an older engine's may not). */
export function encryptionFactsOf(facts: unknown): EncryptionFactsView | null {
  const candidate = facts as Partial<EncryptionFactsView> | null | undefined;
  if (!candidate || typeof candidate !== 'object') return null;
  return Array.isArray(candidate.volumes) && Array.isArray(candidate.deviceTree) && Array.isArray(candidate.checks) ? (candidate as EncryptionFactsView) : null;
}
