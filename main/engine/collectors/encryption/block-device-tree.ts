// The device tree of a Debian host for the UI: lsblk's own nesting (disks at
// the top, what is stacked on them below; a device on several others appears
// under each, as in lsblk), each node with its lock marker, crypt details and
// the volume it is. Swap files hang under the filesystem holding them;
// memory-backed mounts and mounts lsblk did not show are extra roots.
import type { BlockGraph } from './block-graph';
import { closedContainerLayer, isCryptContainer, openCryptLayer, type CryptSources } from './crypt-layers';
import type { DeviceTreeNode, StorageVolume, TreeMarker } from './encryption-model';
import type { LsblkDevice } from './lsblk-json';

const MAX_NODES = 20_000;

export function blockDeviceTree(devices: LsblkDevice[], graph: BlockGraph | null, volumes: StorageVolume[], sources: CryptSources): DeviceTreeNode[] {
  const byId = new Map(volumes.map((volume) => [volume.id, volume]));
  const swapFilesByHost = new Map<string, StorageVolume[]>();
  for (const volume of volumes) {
    if (!volume.id.startsWith('file:')) continue;
    const host = volume.layers[volume.layers.length - 2]?.name;
    const hostVolume = host ? volumes.find((each) => each.name === host && !each.id.startsWith('file:')) : undefined;
    if (hostVolume) swapFilesByHost.set(hostVolume.id, [...(swapFilesByHost.get(hostVolume.id) ?? []), volume]);
  }
  let count = 0;
  const placed = new Set<string>();
  const build = (device: LsblkDevice, parentId: string): DeviceTreeNode | null => {
    if (++count > MAX_NODES) return null;
    const key = device.kname ?? device.name;
    const node = graph?.nodes.get(key);
    const volume = byId.get(key) ?? null;
    const id = parentId ? `${parentId}/${device.name}` : device.name;
    const fstype = node?.fstype ?? device.fstype;
    const crypt = device.kind === 'crypt' && node ? openCryptLayer(node, sources) : node && isCryptContainer(fstype) && node.children.length === 0 ? closedContainerLayer(node, sources) : null;
    if (volume) placed.add(volume.id);
    const children = device.children.map((child) => build(child, id)).filter((child): child is DeviceTreeNode => child !== null);
    for (const file of volume ? (swapFilesByHost.get(volume.id) ?? []) : []) {
      placed.add(file.id);
      children.push(volumeNode(file, id));
    }
    return {
      id,
      kind: device.kind,
      name: device.name,
      type: device.type,
      sizeBytes: device.sizeBytes,
      fstype,
      mountpoints: node?.mountpoints ?? device.mountpoints.filter((each) => each !== '[SWAP]'),
      marker: marker(volume, device.kind === 'crypt', isCryptContainer(fstype), (node?.children.length ?? device.children.length) > 0),
      state: null,
      crypt,
      volumeId: volume?.id ?? null,
      children,
      members: [],
    };
  };
  const roots = devices.map((device) => build(device, '')).filter((root): root is DeviceTreeNode => root !== null);
  for (const volume of volumes) if (!placed.has(volume.id)) roots.push(volumeNode(volume, ''));
  return roots;
}

function marker(volume: StorageVolume | null, crypt: boolean, container: boolean, hasChildren: boolean): TreeMarker {
  if (volume) return volume.encryption;
  if (crypt) return 'encrypted';
  if (container) return hasChildren ? 'encrypted' : 'locked';
  return 'none';
}

function volumeNode(volume: StorageVolume, parentId: string): DeviceTreeNode {
  const top = volume.layers[volume.layers.length - 1];
  return {
    id: parentId ? `${parentId}/${volume.name}` : volume.id,
    kind: top?.kind ?? 'mount',
    name: volume.name,
    type: top?.type ?? 'mount',
    sizeBytes: volume.sizeBytes,
    fstype: volume.fstype,
    mountpoints: volume.mountpoints,
    marker: volume.encryption,
    state: null,
    crypt: volume.crypt[0] ?? null,
    volumeId: volume.id,
    children: [],
    members: [],
  };
}
