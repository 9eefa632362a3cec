// The volumes and device tree of a SmartOS host from ZFS: every filesystem
// and volume (zone datasets, VM disks, zones/swap, zones/dump), its native
// encryption (suite, key status, encryption root) and its nearest encrypted
// ancestor — a dataset created with encryption=off under an encrypted parent
// is a deliberate hole (piadm does it for zones/boot: the loader cannot read
// encrypted datasets). Pools come from zpool status (vdevs, disks) and
// sysinfo (zones pool size, and "Zpool Encrypted" when zfs get fails).
import type { CryptLayer, DeviceTreeNode, EncryptionState, StorageVolume, VolumeClass, VolumeLayer, ZfsDatasetFacts } from './encryption-model';
import type { SmartosSysinfo } from './sysinfo';
import { classifyMounts, isBootMount } from './volume-class';
import type { ZfsDataset } from './zfs-get';
import type { ZpoolStatus, ZpoolVdev } from './zpool-status';

export interface ZfsInputs {
  datasets: ZfsDataset[] | null;
  pools: ZpoolStatus[] | null;
  sysinfo: SmartosSysinfo | null;
}

export interface ZfsFacts {
  volumes: StorageVolume[];
  datasets: ZfsDatasetFacts[];
  tree: DeviceTreeNode[];
}

export function zfsFacts(inputs: ZfsInputs): ZfsFacts {
  const byName = new Map((inputs.datasets ?? []).map((dataset) => [dataset.name, dataset]));
  const datasets = (inputs.datasets ?? []).map((dataset) => withEncryptionRoot(dataset, byName));
  for (const dataset of datasets) byName.set(dataset.name, dataset);
  const facts = datasets.map((dataset) => datasetFacts(dataset, byName));
  const volumes = datasets.flatMap((dataset, index) => {
    const fact = facts[index]!;
    return fact.class === null ? [] : [datasetVolume(dataset, fact, byName, inputs)];
  });
  if (inputs.datasets === null) volumes.push(...sysinfoPoolVolume(inputs.sysinfo));
  return { volumes, datasets: facts, tree: zfsTree(inputs, datasets, facts, volumes) };
}

/**
 * zfs get without `encryptionroot` (older captures, zfs-get-encryption.txt):
 * only the encryption root has a real keylocation, so the root is the nearest
 * encrypted ancestor-or-self that has one.
 */
function withEncryptionRoot(dataset: ZfsDataset, byName: Map<string, ZfsDataset>): ZfsDataset {
  if (!dataset.encrypted || dataset.encryptionRoot !== null || 'encryptionroot' in dataset.properties) return dataset;
  for (let name: string | null = dataset.name, hops = 0; name !== null && hops < 256; hops++) {
    const found = byName.get(name);
    if (found?.encrypted && found.keylocation !== null) return { ...dataset, encryptionRoot: found.name };
    const slash = name.lastIndexOf('/');
    name = slash > 0 ? name.slice(0, slash) : null;
  }
  return dataset;
}

function datasetFacts(dataset: ZfsDataset, byName: Map<string, ZfsDataset>): ZfsDatasetFacts {
  const classification = datasetClass(dataset);
  return {
    name: dataset.name,
    pool: dataset.pool,
    type: dataset.type,
    mountpoint: dataset.mountpoint,
    encryption: dataset.encryption,
    keystatus: dataset.keystatus,
    keyformat: dataset.keyformat,
    keylocation: dataset.keylocation,
    encryptionRoot: dataset.encryptionRoot,
    encryptedAncestor: encryptedAncestor(dataset, byName),
    class: classification?.class ?? null,
  };
}

function encryptedAncestor(dataset: ZfsDataset, byName: Map<string, ZfsDataset>): string | null {
  let parent = dataset.parent;
  for (let hops = 0; parent !== null && hops < 256; hops++) {
    const found = byName.get(parent);
    if (found?.encrypted) return found.name;
    const slash = parent.lastIndexOf('/');
    parent = slash > 0 ? parent.slice(0, slash) : null;
  }
  return null;
}

function datasetClass(dataset: ZfsDataset): { class: VolumeClass; reason: string } | null {
  const leaf = dataset.name.slice(dataset.name.lastIndexOf('/') + 1);
  const topLevel = dataset.parent === dataset.pool;
  if (dataset.type !== 'filesystem') {
    // SmartOS names: <pool>/swap is the swap zvol, <pool>/dump the dump device.
    if (topLevel && leaf === 'swap') return { class: 'swap', reason: 'swap zvol: whatever memory held can be paged out to it' };
    if (topLevel && leaf === 'dump') return { class: 'swap', reason: 'dump zvol: a crash dump holds the contents of memory' };
    if (dataset.type === 'volume') return { class: 'data', reason: 'zvol: a VM disk or block volume' };
  }
  if (topLevel && leaf === 'boot') return { class: 'boot', reason: 'boot filesystem (piadm): the loader cannot read an encrypted dataset' };
  if (dataset.type === null) return { class: 'data', reason: 'dataset (its mountpoint was not reported)' };
  if (dataset.mountpoint === null || dataset.mountpoint === 'none') return null;
  if (dataset.mountpoint === 'legacy') return { class: 'data', reason: 'legacy mount (mounted by SMF or vfstab)' };
  if (isBootMount(dataset.mountpoint)) return { class: 'boot', reason: `boot mount ${dataset.mountpoint}` };
  const classification = classifyMounts([dataset.mountpoint]);
  return { class: classification.class, reason: classification.reason };
}

function datasetState(dataset: ZfsDataset): { state: EncryptionState; reason: string } {
  if (dataset.encrypted === null) return { state: 'unknown', reason: 'zfs get printed no encryption property for it' };
  if (!dataset.encrypted) return { state: 'unencrypted', reason: 'encryption=off' };
  const root = dataset.encryptionRoot && dataset.encryptionRoot !== dataset.name ? ` (encryption root ${dataset.encryptionRoot})` : '';
  if (dataset.keystatus === 'unavailable') return { state: 'locked', reason: `ZFS ${dataset.encryption}${root}, key not loaded (keystatus unavailable)` };
  return { state: 'encrypted', reason: `ZFS ${dataset.encryption}${root}, keystatus ${dataset.keystatus ?? 'not reported'}` };
}

export function zfsCryptLayer(dataset: ZfsDataset): CryptLayer | null {
  if (!dataset.encrypted || dataset.encryption === null) return null;
  const bits = /^aes-(\d+)-/.exec(dataset.encryption);
  return {
    name: dataset.encryptionRoot ?? dataset.name,
    scheme: 'zfs',
    luksVersion: null,
    versionEvidence: null,
    cipher: dataset.encryption,
    keyBits: bits ? Number(bits[1]) : null,
    open: dataset.keystatus !== 'unavailable',
    container: dataset.name,
    crypttabTarget: null,
    zfs: { encryption: dataset.encryption, keystatus: dataset.keystatus, keyformat: dataset.keyformat, keylocation: dataset.keylocation, encryptionRoot: dataset.encryptionRoot },
  };
}

function datasetVolume(dataset: ZfsDataset, fact: ZfsDatasetFacts, byName: Map<string, ZfsDataset>, inputs: ZfsInputs): StorageVolume {
  const classification = datasetClass(dataset)!;
  const state = datasetState(dataset);
  const mountpoints = dataset.mountpoint && dataset.mountpoint.startsWith('/') ? [dataset.mountpoint] : [];
  const crypt = zfsCryptLayer(dataset);
  return {
    id: dataset.name,
    name: dataset.name,
    device: dataset.name,
    fstype: dataset.type === 'volume' ? null : 'zfs',
    mountpoints,
    mounted: mountpoints.length > 0 || dataset.mountpoint === 'legacy' || classification.class === 'swap',
    sizeBytes: dataset.usedBytes,
    class: classification.class,
    classReason: classification.reason,
    layers: datasetLayers(dataset, byName, inputs),
    encryption: state.state,
    encryptionReason: fact.encryptedAncestor && !dataset.encrypted ? `encryption=off under encrypted ${fact.encryptedAncestor}` : state.reason,
    crypt: crypt ? [crypt] : [],
    zfs: { dataset: dataset.name, pool: dataset.pool, encryptedAncestor: fact.encryptedAncestor },
  };
}

function datasetLayers(dataset: ZfsDataset, byName: Map<string, ZfsDataset>, inputs: ZfsInputs): VolumeLayer[] {
  const pool = inputs.pools?.find((each) => each.name === dataset.pool);
  const profile = pool?.config.find((row) => row.name === dataset.pool)?.children[0]?.name.replace(/-\d+$/, '') ?? (inputs.sysinfo?.zpool === dataset.pool ? inputs.sysinfo.zpoolProfile : null);
  const chain: ZfsDataset[] = [];
  for (let current: ZfsDataset | undefined = dataset; current && chain.length < 256; current = current.parent ? byName.get(current.parent) : undefined) chain.unshift(current);
  return [
    { name: dataset.pool, kind: 'zpool' as const, type: profile ?? 'zpool', sizeBytes: poolSize(dataset.pool, inputs), fstype: null },
    ...chain.map((each) => ({
      name: each.name,
      kind: each.type === 'volume' ? ('zvol' as const) : ('dataset' as const),
      type: each.type ?? 'dataset',
      sizeBytes: each.usedBytes,
      fstype: each.type === 'volume' ? null : 'zfs',
    })),
  ];
}

function poolSize(pool: string, inputs: ZfsInputs): number | null {
  return inputs.sysinfo?.zpool === pool ? inputs.sysinfo.zpoolSizeBytes : null;
}

/** When zfs get could not be read: the zones pool as one volume, if sysinfo says whether it is encrypted. */
function sysinfoPoolVolume(sysinfo: SmartosSysinfo | null): StorageVolume[] {
  if (!sysinfo?.zpool) return [];
  const known = sysinfo.zpoolEncrypted;
  return [
    {
      id: `zpool:${sysinfo.zpool}`,
      name: sysinfo.zpool,
      device: sysinfo.zpool,
      fstype: 'zfs',
      mountpoints: [`/${sysinfo.zpool}`],
      mounted: true,
      sizeBytes: sysinfo.zpoolSizeBytes,
      class: 'data',
      classReason: `the ${sysinfo.zpool} pool as a whole (zfs get could not be read)`,
      layers: [{ name: sysinfo.zpool, kind: 'zpool', type: sysinfo.zpoolProfile ?? 'zpool', sizeBytes: sysinfo.zpoolSizeBytes, fstype: 'zfs' }],
      encryption: known === null ? 'unknown' : known ? 'encrypted' : 'unencrypted',
      encryptionReason: known === null ? 'sysinfo does not say whether the pool is encrypted' : `sysinfo "Zpool Encrypted": ${known}; per-dataset exceptions are not visible`,
      crypt: [],
      zfs: { dataset: sysinfo.zpool, pool: sysinfo.zpool, encryptedAncestor: null },
    },
  ];
}

function zfsTree(inputs: ZfsInputs, list: ZfsDataset[], facts: ZfsDatasetFacts[], volumes: StorageVolume[]): DeviceTreeNode[] {
  const pools = [...new Set([...(inputs.pools ?? []).map((pool) => pool.name), ...facts.map((fact) => fact.pool), ...(inputs.sysinfo?.zpool ? [inputs.sysinfo.zpool] : [])])];
  const volumeIds = new Set(volumes.map((volume) => volume.id));
  const datasets = new Map(list.map((dataset) => [dataset.name, dataset]));
  const nodes = new Map<string, DeviceTreeNode>();
  for (const dataset of datasets.values()) {
    const state = datasetState(dataset);
    nodes.set(dataset.name, {
      id: dataset.name,
      kind: dataset.type === 'volume' ? 'zvol' : 'dataset',
      name: dataset.name,
      type: dataset.type ?? 'dataset',
      sizeBytes: dataset.usedBytes,
      fstype: dataset.type === 'volume' ? null : 'zfs',
      mountpoints: dataset.mountpoint && dataset.mountpoint.startsWith('/') ? [dataset.mountpoint] : [],
      marker: state.state,
      state: null,
      crypt: zfsCryptLayer(dataset),
      volumeId: volumeIds.has(dataset.name) ? dataset.name : null,
      children: [],
      members: [],
    });
  }
  const roots: DeviceTreeNode[] = pools.map((pool) => {
    const status = inputs.pools?.find((each) => each.name === pool);
    const rootDataset = nodes.get(pool);
    const fallback = volumes.find((volume) => volume.id === `zpool:${pool}`);
    return {
      id: `zpool:${pool}`,
      kind: 'zpool',
      name: pool,
      type: 'zpool',
      sizeBytes: poolSize(pool, inputs),
      fstype: null,
      mountpoints: [],
      marker: rootDataset?.marker ?? fallback?.encryption ?? 'unknown',
      state: status?.state ?? null,
      crypt: null,
      volumeId: fallback?.id ?? null,
      children: [],
      members: (status?.config ?? []).flatMap((row) => (row.name === pool ? row.children : [row])).map((vdev) => vdevNode(vdev, `zpool:${pool}`, inputs.sysinfo)),
    };
  });
  for (const [name, node] of nodes) {
    const parentName = nearestParent(name, nodes);
    const parent = parentName ? nodes.get(parentName) : roots.find((root) => root.name === datasets.get(name)!.pool);
    parent?.children.push(node);
  }
  return roots;
}

function nearestParent(name: string, nodes: Map<string, DeviceTreeNode>): string | null {
  for (let slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
    const candidate = name.slice(0, slash);
    if (nodes.has(candidate)) return candidate;
  }
  return null;
}

function vdevNode(vdev: ZpoolVdev, parentId: string, sysinfo: SmartosSysinfo | null): DeviceTreeNode {
  const id = `${parentId}/${vdev.name}`;
  const leaf = vdev.children.length === 0;
  return {
    id,
    kind: leaf ? 'disk' : 'vdev',
    name: vdev.name,
    type: leaf ? 'disk' : vdev.name.replace(/-\d+$/, ''),
    sizeBytes: leaf ? (sysinfo?.disks[vdev.name] ?? null) : null,
    fstype: null,
    mountpoints: [],
    marker: 'none',
    state: [vdev.state, vdev.note].filter(Boolean).join(' ') || null,
    crypt: null,
    volumeId: null,
    children: [],
    members: vdev.children.map((child) => vdevNode(child, id, sysinfo)),
  };
}
