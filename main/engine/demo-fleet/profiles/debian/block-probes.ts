// What the root-only block probes print on a Debian demo host, derived from
// its disk layout: `dmsetup table --target crypt` (see the fixture
// debian/dmsetup-table-target-crypt.txt and its .md) and `blkid`.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashUuid } from '../../seeded-hash';
import { allDevices, type BlockDevice, type HostDisks } from './block-devices';
import { answer, failure, type CommandAnswer } from '../command-answer';

/** libdevmapper 1.02.185 (bookworm) as an unprivileged user: /dev/mapper/control is root's. */
export const DMSETUP_NOT_ROOT = failure(
  '/dev/mapper/control: open failed: Permission denied\n' +
    'Failure to communicate with kernel device-mapper driver.\n' +
    'Incompatible libdevmapper 1.02.185 (2022-05-18) and kernel driver (unknown version).\n' +
    'Command failed.\n',
  1,
);

/**
 * One line per open LUKS2 mapping, sorted by name as dmsetup lists them.
 * cryptsetup 2.x activates LUKS2 with the volume key in the kernel keyring,
 * so the key field is the keyring reference `:64:logon:cryptsetup:<uuid>-d0`
 * (64 bytes: AES-256-XTS), never the key. Offset: the 16 MiB LUKS2 header.
 */
export function dmsetupCryptTable(disks: HostDisks): string {
  const lines = [...disks.crypt.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, mapping]) => {
      const options = ['allow_discards', ...(mapping.sectorSize !== 512 ? [`sector_size:${mapping.sectorSize}`] : [])];
      const key = `:64:logon:cryptsetup:${mapping.luksUuid}-d0`;
      return `${name}: 0 ${mapping.bytes / 512} crypt aes-xts-plain64 ${key} 0 ${mapping.devno} 32768 ${options.length} ${options.join(' ')}`;
    });
  return lines.length ? `${lines.join('\n')}\n` : 'No devices found\n';
}

/**
 * `blkid` as root: every device with a signature, in /proc/partitions order
 * (whole disks with their partition table, partitions, then dm devices under
 * their /dev/mapper name). Exit 2 when nothing has a signature.
 */
export function blkidAnswer(host: DemoHostSpec, disks: HostDisks): CommandAnswer {
  const devices = allDevices(disks.roots);
  const ordered = [...devices.filter((device) => device.type === 'disk' || device.type === 'part')]
    .sort(byProcPartitions)
    .concat(devices.filter((device) => device.type === 'crypt' || device.type === 'lvm').sort((a, b) => dmNumber(a) - dmNumber(b)));
  const lines = ordered.map((device) => blkidLine(host, device)).filter((line): line is string => line !== null);
  return lines.length ? answer(`${lines.join('\n')}\n`) : answer('', '', 2);
}

function blkidLine(host: DemoHostSpec, device: BlockDevice): string | null {
  const path = device.type === 'crypt' || device.type === 'lvm' ? `/dev/mapper/${device.name}` : `/dev/${device.name}`;
  const tags: [string, string][] = [];
  if (device.type === 'disk') {
    if (device.children.length === 0) return null;
    tags.push(['PTUUID', hashUuid(host.name, 'ptuuid', device.name)], ['PTTYPE', 'gpt']);
  } else {
    if (!device.fstype) return null;
    if (device.uuid) tags.push(['UUID', device.uuid]);
    if (device.fstype === 'vfat') tags.push(['BLOCK_SIZE', '512']);
    if (/^ext[234]$/.test(device.fstype)) tags.push(['BLOCK_SIZE', '4096']);
    tags.push(['TYPE', device.fstype]);
    if (device.type === 'part') tags.push(['PARTUUID', hashUuid(host.name, 'partuuid', device.name)]);
  }
  return `${path}: ${tags.map(([tag, value]) => `${tag}="${value}"`).join(' ')}`;
}

/** nvme (major 259) after sd (major 8) in /proc/partitions; name order within each. */
function byProcPartitions(a: BlockDevice, b: BlockDevice): number {
  const major = (device: BlockDevice) => (device.name.startsWith('nvme') ? 259 : 8);
  return major(a) - major(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function dmNumber(device: BlockDevice): number {
  return Number(/^dm-(\d+)$/.exec(device.kname)?.[1] ?? Number.MAX_SAFE_INTEGER);
}
