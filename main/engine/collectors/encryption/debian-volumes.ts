// The volumes of a Debian host: every block device that carries a
// filesystem, swap or a closed LUKS container; swap files; memory-backed
// mounts; and block mounts lsblk did not show. A volume is encrypted when
// every path from it down to the disks passes a crypt layer (RAID over two
// LUKS partitions is; RAID over one LUKS and one plain partition is not).
import { nodeForPath, type BlockGraph, type BlockNode } from './block-graph';
import { closedContainerLayer, isCryptContainer, mappingLayer, openCryptLayer, type CryptSources } from './crypt-layers';
import type { CryptLayer, EncryptionState, StorageVolume, VolumeLayer } from './encryption-model';
import type { MountEntry } from './findmnt-json';
import type { SwapArea } from './proc-swaps';
import { classifyMounts, MEMORY_FILESYSTEMS } from './volume-class';

/** Signatures of a layer that is not itself data: what it holds is stacked on top. */
const MEMBER_FSTYPES = /^(LVM2_member|linux_raid_member|zfs_member|\w+_raid_member|drbd|bcache|VMFS_volume_member)$/;
/** Mounts that are neither on a local disk nor in memory: kernel views, network, overlays. */
const LOCAL_DISK_FSTYPES = /^(ext[234]|xfs|btrfs|vfat|exfat|ntfs3?|f2fs|jfs|reiserfs|nilfs2|bcachefs|iso9660|udf|squashfs|erofs|hfsplus|zfs)$/;
const SYSTEM_RUNTIME = /^\/(proc|sys|dev|run)(\/|$)/;

interface Evaluation {
  state: Exclude<EncryptionState, 'locked'>;
  reason: string;
  crypt: CryptLayer[];
}

export interface DebianVolumeInputs extends CryptSources {
  mounts: MountEntry[] | null;
  swaps: SwapArea[] | null;
}

export function debianVolumes(inputs: DebianVolumeInputs): StorageVolume[] {
  const graph = inputs.graph;
  const volumes: StorageVolume[] = [];
  if (graph) {
    for (const swap of inputs.swaps ?? []) {
      const node = swap.type !== 'file' ? nodeForPath(graph, swap.path, inputs.blkid) : null;
      if (node) node.swap = true;
    }
    const evaluate = evaluator(graph, inputs);
    for (const node of graph.nodes.values()) {
      if (isVolume(node)) volumes.push(blockVolume(node, graph, evaluate, inputs));
    }
  }
  volumes.push(...swapFiles(inputs.swaps ?? [], volumes));
  volumes.push(...otherMounts(inputs, volumes));
  return volumes;
}

function isVolume(node: BlockNode): boolean {
  // Optical media (install ISOs, cloud-init config drives) are read-only: nothing the host stores lands there.
  if (node.kind === 'rom') return false;
  if (node.mountpoints.length > 0 || node.swap) return true;
  if (node.children.length > 0 || !node.fstype) return false;
  return !MEMBER_FSTYPES.test(node.fstype);
}

function blockVolume(node: BlockNode, graph: BlockGraph, evaluate: (key: string) => Evaluation, sources: CryptSources): StorageVolume {
  const zram = node.kind === 'zram';
  const swap = node.swap || node.fstype === 'swap';
  const classification = classifyMounts(node.mountpoints, { swap, memory: zram ? 'zram (compressed RAM)' : null });
  const base = {
    id: node.key,
    name: node.name,
    device: devicePath(node),
    fstype: node.fstype,
    mountpoints: node.mountpoints,
    mounted: node.mountpoints.length > 0 || node.swap,
    sizeBytes: node.sizeBytes,
    class: classification.class,
    classReason: classification.reason,
    layers: layersOf(node, graph),
    zfs: null,
  };
  if (zram) return { ...base, encryption: 'not-on-disk', encryptionReason: 'zram lives in RAM', crypt: [] };
  if (isCryptContainer(node.fstype) && node.children.length === 0) {
    const layer = closedContainerLayer(node, sources);
    return { ...base, encryption: 'locked', encryptionReason: `${node.fstype} container with no open mapping: the data is encrypted and the key is not loaded`, crypt: [layer] };
  }
  const evaluation = evaluate(node.key);
  return { ...base, encryption: evaluation.state, encryptionReason: evaluation.reason, crypt: evaluation.crypt };
}

function devicePath(node: BlockNode): string {
  return node.kind === 'crypt' || node.kind === 'lvm' || node.kind === 'dm' || node.kind === 'mpath' ? `/dev/mapper/${node.name}` : `/dev/${node.kname ?? node.name}`;
}

/** Disk first, the volume last, following each layer's first parent. */
export function layersOf(node: BlockNode, graph: BlockGraph): VolumeLayer[] {
  const layers: VolumeLayer[] = [];
  const seen = new Set<string>();
  let current: BlockNode | undefined = node;
  while (current && !seen.has(current.key)) {
    seen.add(current.key);
    layers.unshift({ name: current.name, kind: current.kind, type: current.type, sizeBytes: current.sizeBytes, fstype: current.fstype });
    current = current.parents[0] === undefined ? undefined : graph.nodes.get(current.parents[0]);
  }
  return layers;
}

/** Memoized: is everything written to this device encrypted before it reaches a disk? */
function evaluator(graph: BlockGraph, sources: CryptSources): (key: string) => Evaluation {
  const memo = new Map<string, Evaluation>();
  const evaluate = (key: string, visiting: Set<string>): Evaluation => {
    const known = memo.get(key);
    if (known) return known;
    const node = graph.nodes.get(key);
    if (!node || visiting.has(key)) return { state: 'unknown', reason: 'the device stack loops', crypt: [] };
    visiting.add(key);
    const result = evaluateNode(node, (parent) => evaluate(parent, visiting), sources);
    visiting.delete(key);
    memo.set(key, result);
    return result;
  };
  return (key) => evaluate(key, new Set());
}

function evaluateNode(node: BlockNode, below: (key: string) => Evaluation, sources: CryptSources): Evaluation {
  if (node.kind === 'crypt') {
    const layer = openCryptLayer(node, sources);
    const deeper = node.parents.flatMap((key) => below(key).crypt);
    return { state: 'encrypted', reason: `on dm-crypt mapping ${node.name}${layer.container ? ` (container ${layer.container})` : ''}`, crypt: [layer, ...deeper] };
  }
  if (node.kind === 'zram') return { state: 'not-on-disk', reason: 'zram lives in RAM', crypt: [] };
  if (node.parents.length === 0) {
    if (node.kind === 'loop') return { state: 'unknown', reason: `on loop device ${node.name}: its backing file's encryption is not visible`, crypt: [] };
    if (node.kind === 'unknown') return { state: 'unknown', reason: `on ${node.name}, of unknown device type "${node.type}"`, crypt: [] };
    return { state: 'unencrypted', reason: `no crypt layer between it and ${node.kind} ${node.name}`, crypt: [] };
  }
  const results = node.parents.map(below);
  const crypt = dedupe(results.flatMap((result) => result.crypt));
  const plain = results.find((result) => result.state === 'unencrypted');
  if (plain) {
    if (node.kind === 'unknown') return { state: 'unknown', reason: `on ${node.name}, of unknown device type "${node.type}", with no crypt layer below`, crypt };
    return { state: 'unencrypted', reason: plain.reason, crypt };
  }
  const unknown = results.find((result) => result.state === 'unknown');
  if (unknown) return { state: 'unknown', reason: unknown.reason, crypt };
  if (results.every((result) => result.state === 'not-on-disk')) return { state: 'not-on-disk', reason: results[0]!.reason, crypt };
  return {
    state: 'encrypted',
    reason: results
      .map((result) => result.reason)
      .filter(unique)
      .join('; '),
    crypt,
  };
}

function dedupe(layers: CryptLayer[]): CryptLayer[] {
  const seen = new Set<string>();
  return layers.filter((layer) => !seen.has(layer.name) && (seen.add(layer.name), true));
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

/** Swap files: as encrypted as the filesystem holding them (longest mountpoint prefix). */
function swapFiles(swaps: SwapArea[], volumes: StorageVolume[]): StorageVolume[] {
  return swaps
    .filter((swap) => swap.type === 'file')
    .map((swap): StorageVolume => {
      const host = holdingVolume(swap.path, volumes);
      const fileLayer = { name: swap.path, kind: 'swapfile' as const, type: 'file', sizeBytes: swap.sizeBytes, fstype: 'swap' };
      return {
        id: `file:${swap.path}`,
        name: swap.path,
        device: swap.path,
        fstype: 'swap',
        mountpoints: [],
        mounted: true,
        sizeBytes: swap.sizeBytes,
        class: 'swap',
        classReason: 'swap file: whatever memory held can be paged out to it',
        layers: [...(host?.layers ?? []), fileLayer],
        encryption: host ? (host.encryption === 'locked' ? 'unknown' : host.encryption) : 'unknown',
        encryptionReason: host ? `a file on ${host.name} (${host.mountpoints.join(', ')}): ${host.encryptionReason}` : 'the filesystem holding it was not found',
        crypt: host?.crypt ?? [],
        zfs: null,
      };
    });
}

function holdingVolume(path: string, volumes: StorageVolume[]): StorageVolume | null {
  let best: { volume: StorageVolume; length: number } | null = null;
  for (const volume of volumes) {
    for (const mountpoint of volume.mountpoints) {
      const prefix = mountpoint === '/' ? '/' : `${mountpoint}/`;
      if ((path.startsWith(prefix) || path === mountpoint) && (!best || mountpoint.length > best.length)) best = { volume, length: mountpoint.length };
    }
  }
  return best?.volume ?? null;
}

/** tmpfs/ramfs mounts (outside /proc, /sys, /dev, /run), and local block mounts the device graph does not explain. */
function otherMounts(inputs: DebianVolumeInputs, volumes: StorageVolume[]): StorageVolume[] {
  const result: StorageVolume[] = [];
  const explained = new Set(volumes.flatMap((volume) => volume.mountpoints));
  for (const mount of inputs.mounts ?? []) {
    if (explained.has(mount.target)) continue;
    const memory = mount.fstype !== null && MEMORY_FILESYSTEMS.has(mount.fstype);
    if (memory && SYSTEM_RUNTIME.test(mount.target)) continue;
    const block = mount.device !== null && mount.device.startsWith('/dev/') && !(inputs.graph && nodeForPath(inputs.graph, mount.device, inputs.blkid));
    const zfs = mount.fstype === 'zfs';
    if (!memory && !block && !zfs) continue;
    if (!memory && mount.fstype !== null && !LOCAL_DISK_FSTYPES.test(mount.fstype)) continue;
    explained.add(mount.target);
    result.push(mountVolume(mount, memory, inputs));
  }
  return result;
}

function mountVolume(mount: MountEntry, memory: boolean, inputs: DebianVolumeInputs): StorageVolume {
  const classification = classifyMounts([mount.target], { memory: memory ? mount.fstype : null });
  const mapping = mount.device?.startsWith('/dev/mapper/') ? mount.device.slice('/dev/mapper/'.length) : null;
  const dmTarget = mapping && inputs.dm?.some((target) => target.name === mapping) ? mapping : null;
  const layer = dmTarget ? mappingLayer(dmTarget, null, inputs) : null;
  const [encryption, reason]: [EncryptionState, string] = memory
    ? ['not-on-disk', `${mount.fstype} lives in RAM`]
    : layer
      ? ['encrypted', `on dm-crypt mapping ${dmTarget} (dmsetup)`]
      : mount.fstype === 'zfs'
        ? ['unknown', 'ZFS dataset: native encryption is only read on SmartOS hosts']
        : ['unknown', `${mount.device} is not in the block device list`];
  return {
    id: `mount:${mount.target}`,
    name: mount.source ?? mount.target,
    device: mount.device,
    fstype: mount.fstype,
    mountpoints: [mount.target],
    mounted: true,
    sizeBytes: null,
    class: classification.class,
    classReason: classification.reason,
    layers: [{ name: mount.source ?? mount.target, kind: memory ? 'tmpfs' : 'mount', type: mount.fstype ?? 'mount', sizeBytes: null, fstype: mount.fstype }],
    encryption,
    encryptionReason: reason,
    crypt: layer ? [layer] : [],
    zfs: null,
  };
}
