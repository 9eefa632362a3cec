// The encryption area of one host as a device tree: disk > partition >
// crypt > LVM > filesystem, or pool > dataset, one row per layer, each with
// a lock marker in words. Rows that are volumes add where they are mounted,
// what they hold and why they count as (un)encrypted. Host text only ever
// goes into text nodes.
import { bytesText } from '../../components/bytes-text';
import { LockMarker, type LockState } from '../../components/LockMarker';
import type { CryptLayerView, DeviceNodeView, EncryptionFactsView, EncryptionStateView, VolumeView } from '../../../preload/contract';

interface TreeRow {
  node: DeviceNodeView;
  depth: number;
  /** The layers above it, outermost first (disk, partition, …). */
  path: string[];
}

const MARKER: Record<EncryptionStateView, { lock: LockState; label: string }> = {
  encrypted: { lock: 'encrypted', label: 'encrypted' },
  locked: { lock: 'locked', label: 'locked (key not loaded)' },
  unencrypted: { lock: 'unencrypted', label: 'not encrypted' },
  unknown: { lock: 'unknown', label: 'not judged' },
  'not-on-disk': { lock: 'memory', label: 'in memory' },
};

const EXEMPT = new Set<VolumeView['class']>(['boot', 'memory']);

export function DeviceTree({ facts, host }: { facts: EncryptionFactsView; host: string }) {
  const volumes = new Map(facts.volumes.map((volume) => [volume.id, volume]));
  const rows = flatten(facts.deviceTree, 0, []);
  // Volumes outside the block tree (swap files, tmpfs, mounts lsblk did not show) get a row of their own.
  const inTree = new Set(rows.map((row) => row.node.volumeId).filter((id): id is string => id !== null));
  const loose = facts.volumes.filter((volume) => !inTree.has(volume.id));
  const failed = facts.checks.filter((check) => check.status !== 'ok');
  return (
    <div className="device-tree" data-testid="device-tree">
      {!facts.complete && <p className="error">The volume list could not be read: the tree below may be incomplete.</p>}
      {failed.length > 0 && (
        <ul className="check-problems">
          {failed.map((check) => (
            <li key={check.commandId}>
              <code>{check.commandId}</code>: {check.status}
              {check.message ? ` — ${check.message}` : ''}
            </li>
          ))}
        </ul>
      )}
      <table className="grid tree-table" aria-label={`Device tree of ${host}`}>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Encryption</th>
            <th scope="col">Size</th>
            <th scope="col">Mounted at</th>
            <th scope="col">Holds</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <NodeRow key={row.node.id} row={row} volume={row.node.volumeId ? (volumes.get(row.node.volumeId) ?? null) : null} />
          ))}
          {loose.map((volume) => (
            <LooseVolumeRow key={volume.id} volume={volume} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function flatten(nodes: DeviceNodeView[], depth: number, path: string[]): TreeRow[] {
  return nodes.flatMap((node) => [{ node, depth, path }, ...flatten(node.children, depth + 1, [...path, node.name])]);
}

function NodeRow({ row, volume }: { row: TreeRow; volume: VolumeView | null }) {
  const { node } = row;
  const mountpoints = node.mountpoints.length > 0 ? node.mountpoints : (volume?.mountpoints ?? []);
  return (
    <tr data-node={node.name} data-marker={node.marker} className={volume ? 'volume-row' : undefined}>
      <th scope="row" className="tree-cell" style={{ paddingLeft: 6 + row.depth * 18 }}>
        {row.depth > 0 && (
          <span className="tree-branch" aria-hidden="true">
            └{' '}
          </span>
        )}
        {row.path.length > 0 && <span className="visually-hidden">in {row.path.join(' › ')}: </span>}
        <span className="layer-kind">{kindLabel(node.kind)}</span> <span className="mono">{node.name}</span>
        {node.fstype && <span className="muted"> {node.fstype}</span>}
        {node.state && node.state !== 'ONLINE' && <span className="error"> {node.state}</span>}
        {node.members.length > 0 && <div className="muted members">built from {node.members.map(memberText).join('; ')}</div>}
      </th>
      <td>
        {node.marker === 'none' ? <span className="muted">—</span> : <MarkerFor state={node.marker} volume={volume} />}
        {/* Only where the crypt layer is (the mapping, the encryption root): layers above it say why in the last column. */}
        {node.crypt && node.crypt.name === node.name && <div className="muted crypt-detail">{cryptText(node.crypt)}</div>}
      </td>
      <td className="nowrap">{node.sizeBytes === null ? '—' : bytesText(node.sizeBytes)}</td>
      <td className="mono">{mountpoints.join(', ')}</td>
      <td className="holds">{volume ? <ClassText volume={volume} /> : null}</td>
      <td className="why">{volume?.encryptionReason ?? ''}</td>
    </tr>
  );
}

function LooseVolumeRow({ volume }: { volume: VolumeView }) {
  return (
    <tr data-node={volume.name} data-marker={volume.encryption} className="volume-row">
      <th scope="row" className="tree-cell">
        <span className="layer-kind">{kindLabel(volume.layers[volume.layers.length - 1]?.kind ?? 'mount')}</span> <span className="mono">{volume.name}</span>
        {volume.layers.length > 1 && (
          <div className="muted">
            on{' '}
            {volume.layers
              .slice(0, -1)
              .map((layer) => layer.name)
              .join(' › ')}
          </div>
        )}
      </th>
      <td>
        <MarkerFor state={volume.encryption} volume={volume} />
      </td>
      <td className="nowrap">{volume.sizeBytes === null ? '—' : bytesText(volume.sizeBytes)}</td>
      <td className="mono">{volume.mountpoints.join(', ')}</td>
      <td className="holds">
        <ClassText volume={volume} />
      </td>
      <td className="why">{volume.encryptionReason}</td>
    </tr>
  );
}

/** Unencrypted boot or memory volumes are exempt: shown as such, not as an alarm. */
function MarkerFor({ state, volume }: { state: EncryptionStateView; volume: VolumeView | null }) {
  const marker = MARKER[state];
  if (state === 'unencrypted' && volume && EXEMPT.has(volume.class)) return <LockMarker state="exception" label={`not encrypted (exempt: ${volume.class})`} />;
  if (state === 'unencrypted' && volume?.class === 'logs') return <LockMarker state="exception" label="not encrypted (logs: admitted exception)" />;
  return <LockMarker state={marker.lock} label={marker.label} />;
}

function ClassText({ volume }: { volume: VolumeView }) {
  return (
    <span title={volume.classReason}>
      {volume.class}
      {EXEMPT.has(volume.class) && <span className="muted"> (exempt)</span>}
    </span>
  );
}

const KIND_LABELS: Record<string, string> = {
  zpool: 'pool',
  zvol: 'zvol',
  dataset: 'dataset',
  part: 'part',
  crypt: 'crypt',
  lvm: 'lvm',
  disk: 'disk',
  swapfile: 'swap file',
  tmpfs: 'tmpfs',
  mount: 'mount',
};

function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

function cryptText(layer: CryptLayerView): string {
  const scheme = layer.scheme === 'luks' ? `LUKS${layer.luksVersion ?? '?'}` : layer.scheme === 'zfs' ? 'ZFS' : layer.scheme;
  const cipher = layer.cipher ? ` ${layer.cipher}${layer.keyBits !== null ? ` ${layer.keyBits}-bit` : ''}` : ' cipher not read';
  const key = layer.zfs ? `, key ${layer.zfs.keystatus ?? '?'}` : layer.open ? '' : ', closed';
  return `${scheme}${cipher}${key}`;
}

function memberText(member: DeviceNodeView): string {
  const inner = member.members.length > 0 ? `: ${member.members.map((disk) => disk.name).join(', ')}` : '';
  return `${member.name}${member.state ? ` (${member.state})` : ''}${inner}`;
}
