// `zfs get -H -p -o name,property,value <props> -t filesystem,volume`
// (illumos / OpenZFS): TAB-separated `name property value`, no header, one
// line per (dataset, property), grouped by dataset. `-` means "not
// applicable" (keystatus of an unencrypted dataset, mountpoint of a volume —
// which is how a volume is told from a filesystem, the type not being asked
// for). Only the encryption root has a real keylocation; its descendants
// say `none` and inherit keyformat. See zfs-get-encryption*.md.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from './output-lines';

export interface ZfsDataset {
  name: string;
  pool: string;
  /** The parent dataset's name, null for a pool's root dataset. */
  parent: string | null;
  /** From the mountpoint (`-` for a volume); null when the mountpoint was not asked for. */
  type: 'filesystem' | 'volume' | null;
  /** `off`, `on`, or a suite (`aes-256-gcm`…). */
  encryption: string | null;
  encrypted: boolean | null;
  /** available | unavailable; null when `-` (unencrypted). */
  keystatus: string | null;
  keyformat: string | null;
  keylocation: string | null;
  encryptionRoot: string | null;
  /** A path, `legacy` or `none` for filesystems; null for volumes. */
  mountpoint: string | null;
  /**
   * Bytes the dataset itself holds (`usedbydataset`; `used` from older
   * commands, which also counts children and so must not be summed).
   */
  usedBytes: number | null;
  /** Every property as printed. */
  properties: Record<string, string>;
}

export function parseZfsGet(stdout: string, stderr: string, exitCode: number | null): Parsed<ZfsDataset[]> {
  const common = commonFailure('zfs', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0 && /bad property list|invalid property/.test(stderr)) {
    return parsedFailure('unsupported', `this platform's ZFS has no native encryption properties (platforms before 2019): ${failureText(exitCode, stderr)}`);
  }
  if (exitCode !== 0 && stdout.trim() === '') return parsedFailure('unparsed', `zfs get failed: ${failureText(exitCode, stderr)}`);
  const { lines, warnings } = outputLines(stdout, 'zfs get');
  if (exitCode !== 0) warnings.push(`zfs get ended with ${failureText(exitCode, stderr)}; the datasets it printed were read`);
  const byName = new Map<string, Record<string, string>>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const first = line.indexOf('\t');
    const second = first < 0 ? -1 : line.indexOf('\t', first + 1);
    if (first <= 0 || second < 0) {
      warnings.push(`line not understood: ${line.slice(0, 120)}`);
      continue;
    }
    const name = line.slice(0, first);
    const property = line.slice(first + 1, second);
    let properties = byName.get(name);
    if (!properties) {
      properties = Object.create(null) as Record<string, string>;
      byName.set(name, properties);
    }
    properties[property] = line.slice(second + 1);
  }
  return parsedOk([...byName].map(([name, properties]) => dataset(name, properties)), warnings);
}

function dataset(name: string, properties: Record<string, string>): ZfsDataset {
  const slash = name.lastIndexOf('/');
  const value = (property: string): string | null => {
    const raw = properties[property];
    return raw === undefined || raw === '-' || raw === '' ? null : raw;
  };
  const encryption = value('encryption');
  const used = value('usedbydataset') ?? value('used');
  return {
    name,
    pool: name.split('/')[0]!,
    parent: slash > 0 ? name.slice(0, slash) : null,
    type: properties.mountpoint === undefined ? null : properties.mountpoint === '-' ? 'volume' : 'filesystem',
    encryption,
    encrypted: encryption === null ? null : encryption !== 'off',
    keystatus: value('keystatus'),
    keyformat: value('keyformat') === 'none' ? null : value('keyformat'),
    keylocation: value('keylocation') === 'none' ? null : value('keylocation'),
    encryptionRoot: value('encryptionroot'),
    mountpoint: value('mountpoint'),
    usedBytes: used !== null && /^\d{1,18}$/.test(used) ? Number(used) : null,
    properties: { ...properties },
  };
}
