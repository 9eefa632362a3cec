// The block devices of a Debian host as a graph: lsblk's tree repeats a
// device that sits on several others (md RAID over two partitions, an LV
// over two PVs) under each of them; here each device is one node, keyed by
// its kernel name, with all its parents. Empty FSTYPE/UUID (no udev data)
// are filled from blkid, then from findmnt; mountpoints are lsblk's plus
// findmnt's (lsblk only sees its own mount namespace's view of a device).
import type { BlkidEntry } from './blkid';
import type { MountEntry } from './findmnt-json';
import type { BlockDeviceKind, LsblkDevice } from './lsblk-json';

export interface BlockNode {
  key: string;
  name: string;
  kname: string | null;
  type: string;
  kind: BlockDeviceKind;
  fstype: string | null;
  fstypeSource: 'lsblk' | 'blkid' | 'findmnt' | null;
  uuid: string | null;
  sizeBytes: number | null;
  /** Real mount paths (lsblk's `[SWAP]` is taken out into `swap`). */
  mountpoints: string[];
  /** Active swap area (lsblk `[SWAP]` or a /proc/swaps line). */
  swap: boolean;
  parents: string[];
  children: string[];
}

export interface BlockGraph {
  nodes: Map<string, BlockNode>;
  /** Keys of the top-level devices, in lsblk's order. */
  roots: string[];
}

const MAX_WALK = 20_000;

export function buildBlockGraph(devices: LsblkDevice[]): BlockGraph {
  const nodes = new Map<string, BlockNode>();
  const roots: string[] = [];
  let visits = 0;
  const visit = (device: LsblkDevice, parent: string | null): void => {
    if (++visits > MAX_WALK) return;
    const key = device.kname ?? device.name;
    let node = nodes.get(key);
    if (!node) {
      node = {
        key,
        name: device.name,
        kname: device.kname,
        type: device.type,
        kind: device.kind,
        fstype: device.fstype,
        fstypeSource: device.fstype ? 'lsblk' : null,
        uuid: device.uuid,
        sizeBytes: device.sizeBytes,
        mountpoints: [],
        swap: false,
        parents: [],
        children: [],
      };
      nodes.set(key, node);
    }
    for (const mountpoint of device.mountpoints) {
      if (mountpoint === '[SWAP]') node.swap = true;
      else if (!node.mountpoints.includes(mountpoint)) node.mountpoints.push(mountpoint);
    }
    if (parent === null) {
      if (!roots.includes(key)) roots.push(key);
    } else {
      link(nodes, parent, key);
    }
    for (const child of device.children) visit(child, key);
  };
  for (const device of devices) visit(device, null);
  // A flat listing (lsblk -l) carries the structure in PKNAME only.
  for (const device of devices) {
    const key = device.kname ?? device.name;
    if (device.pkname && nodes.has(device.pkname) && device.pkname !== key) {
      link(nodes, device.pkname, key);
      const at = roots.indexOf(key);
      if (at >= 0) roots.splice(at, 1);
    }
  }
  return { nodes, roots };
}

function link(nodes: Map<string, BlockNode>, parentKey: string, childKey: string): void {
  const parent = nodes.get(parentKey);
  const child = nodes.get(childKey);
  if (!parent || !child || parentKey === childKey) return;
  if (!parent.children.includes(childKey)) parent.children.push(childKey);
  if (!child.parents.includes(parentKey)) child.parents.push(parentKey);
}

/** The node a device path names: /dev/<kname>, /dev/<name>, /dev/mapper/<name>, /dev/disk/by-uuid/<uuid>. */
export function nodeForPath(graph: BlockGraph, path: string, blkid: BlkidEntry[] = []): BlockNode | null {
  const direct = /^\/dev\/(?:mapper\/)?(.+)$/.exec(path);
  if (direct) {
    const name = direct[1]!;
    const byKey = graph.nodes.get(name);
    if (byKey) return byKey;
    for (const node of graph.nodes.values()) if (node.name === name) return node;
  }
  const byUuid = /^\/dev\/disk\/by-uuid\/(.+)$/.exec(path);
  if (byUuid) return nodeForSpec(graph, `UUID=${byUuid[1]}`, blkid);
  return null;
}

/** The node a crypttab/fstab source names: UUID=, PARTUUID=, LABEL=, PARTLABEL= (through blkid tags) or a path. */
export function nodeForSpec(graph: BlockGraph, spec: string, blkid: BlkidEntry[] = []): BlockNode | null {
  const tag = /^(UUID|PARTUUID|LABEL|PARTLABEL)=("?)(.*)\2$/.exec(spec);
  const byLink = /^\/dev\/disk\/by-(uuid|partuuid|label|partlabel)\/(.+)$/.exec(spec);
  const [name, value] = tag ? [tag[1]!, tag[3]!] : byLink ? [byLink[1]!.toUpperCase(), byLink[2]!] : [null, null];
  if (name === null || value === null) return nodeForPath(graph, spec, blkid);
  if (name === 'UUID') {
    for (const node of graph.nodes.values()) if (node.uuid && node.uuid.toLowerCase() === value.toLowerCase()) return node;
  }
  const entry = blkid.find((each) => each.tags[name] === value);
  return entry ? nodeForPath(graph, entry.device, blkid) : null;
}

/** Fills empty FSTYPE/UUID from blkid, then FSTYPE and mountpoints from findmnt. */
export function enrichBlockGraph(graph: BlockGraph, blkid: BlkidEntry[], mounts: MountEntry[]): void {
  for (const entry of blkid) {
    const node = nodeForPath(graph, entry.device);
    if (!node) continue;
    if (!node.fstype && entry.type) {
      node.fstype = entry.type;
      node.fstypeSource = 'blkid';
    }
    if (!node.uuid && entry.uuid) node.uuid = entry.uuid;
  }
  for (const mount of mounts) {
    if (!mount.device || !mount.device.startsWith('/dev/')) continue;
    const node = nodeForPath(graph, mount.device, blkid);
    if (!node) continue;
    if (!node.fstype && mount.fstype) {
      node.fstype = mount.fstype;
      node.fstypeSource = 'findmnt';
    }
    if (!node.mountpoints.includes(mount.target)) node.mountpoints.push(mount.target);
  }
}
