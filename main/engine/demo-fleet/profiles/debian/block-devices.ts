// The disks of a Debian demo host and everything derived from them:
// `lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID`,
// /etc/crypttab, `cryptsetup status <name>` and /proc/swaps. Layout: the
// Debian installer's "encrypted LVM" on the NVMe system disk, a LUKS data
// disk for roles that keep data, and on the planted host a log disk
// added later without LUKS.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashHex, hashUuid } from '../../seeded-hash';
import { utilLinuxJson, type UtilLinuxObject } from './util-linux-json';

export interface BlockDevice {
  name: string;
  kname: string;
  type: 'disk' | 'part' | 'crypt' | 'lvm';
  fstype: string | null;
  size: number;
  mountpoints: (string | null)[];
  uuid: string | null;
  /** The mount's source in findmnt / the device in /proc/swaps. */
  children: BlockDevice[];
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const LUKS2_HEADER = 16 * MiB;

/** Where each role keeps its data, and how big that disk is. */
const DATA_DISKS: Partial<Record<DemoHostSpec['role'], { mount: string; bytes: number }>> = {
  imap: { mount: '/srv/mail', bytes: 3_840_755_982_336 },
  mx: { mount: '/var/spool/postfix', bytes: 960_197_124_096 },
  db: { mount: '/var/lib/postgresql', bytes: 1_920_383_410_176 },
  backup: { mount: '/srv/backup', bytes: 16_000_900_661_248 },
};

export interface HostDisks {
  roots: BlockDevice[];
  /** crypt mappings: name → what cryptsetup status reports. */
  crypt: Map<string, { device: string; devno: string; sectorSize: number; bytes: number; keyFile: string; luksUuid: string }>;
}

function lvmUuid(host: DemoHostSpec, label: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const hex = hashHex(64, host.name, 'lvm', label);
  const chars = Array.from({ length: 32 }, (_, index) => alphabet[parseInt(hex.slice(index * 2, index * 2 + 2), 16) % alphabet.length]);
  const groups = [6, 4, 4, 4, 4, 4, 6];
  let at = 0;
  return groups.map((size) => chars.slice(at, (at += size)).join('')).join('-');
}

function leaf(partial: Omit<BlockDevice, 'children'>): BlockDevice {
  return { ...partial, children: [] };
}

export function hostDisks(host: DemoHostSpec): HostDisks {
  const uuid = (label: string) => hashUuid(host.name, 'fs', label);
  const crypt: HostDisks['crypt'] = new Map();
  let dm = 0;
  const nextDm = () => `dm-${dm++}`;

  const systemBytes = 512_110_190_592;
  const efiBytes = 512 * MiB;
  const bootBytes = 953 * MiB;
  const luksBytes = systemBytes - efiBytes - bootBytes - 2 * MiB;
  const systemLuksUuid = uuid('system-luks');
  const cryptKname = nextDm();
  const lvs = [
    { lv: 'root', bytes: 64 * GiB, fstype: 'ext4', mount: '/' },
    { lv: 'swap', bytes: 8 * GiB, fstype: 'swap', mount: '[SWAP]' },
    { lv: 'var', bytes: 32 * GiB, fstype: 'ext4', mount: '/var' },
  ].map((lv) => leaf({ name: `vg0-${lv.lv}`, kname: nextDm(), type: 'lvm', fstype: lv.fstype, size: lv.bytes, mountpoints: [lv.mount], uuid: uuid(lv.lv) }));
  crypt.set('nvme0n1p3_crypt', { device: '/dev/nvme0n1p3', devno: '259:3', sectorSize: 512, bytes: luksBytes - LUKS2_HEADER, keyFile: 'none', luksUuid: systemLuksUuid });
  const system: BlockDevice = {
    name: 'nvme0n1',
    kname: 'nvme0n1',
    type: 'disk',
    fstype: null,
    size: systemBytes,
    mountpoints: [null],
    uuid: null,
    children: [
      leaf({
        name: 'nvme0n1p1',
        kname: 'nvme0n1p1',
        type: 'part',
        fstype: 'vfat',
        size: efiBytes,
        mountpoints: ['/boot/efi'],
        uuid: hashHex(8, host.name, 'efi')
          .toUpperCase()
          .replace(/^(.{4})/, '$1-'),
      }),
      leaf({ name: 'nvme0n1p2', kname: 'nvme0n1p2', type: 'part', fstype: 'ext4', size: bootBytes, mountpoints: ['/boot'], uuid: uuid('boot') }),
      {
        name: 'nvme0n1p3',
        kname: 'nvme0n1p3',
        type: 'part',
        fstype: 'crypto_LUKS',
        size: luksBytes,
        mountpoints: [null],
        uuid: systemLuksUuid,
        children: [{ name: 'nvme0n1p3_crypt', kname: cryptKname, type: 'crypt', fstype: 'LVM2_member', size: luksBytes - LUKS2_HEADER, mountpoints: [null], uuid: lvmUuid(host, 'pv'), children: lvs }],
      },
    ],
  };

  const roots: BlockDevice[] = [];
  const data = DATA_DISKS[host.role];
  if (data) {
    const partBytes = data.bytes - 2 * MiB;
    const luksUuid = uuid('data-luks');
    crypt.set('data_crypt', { device: '/dev/sda1', devno: '8:1', sectorSize: 4096, bytes: partBytes - LUKS2_HEADER, keyFile: '/etc/luks-keys/data.key', luksUuid });
    roots.push({
      name: 'sda',
      kname: 'sda',
      type: 'disk',
      fstype: null,
      size: data.bytes,
      mountpoints: [null],
      uuid: null,
      children: [
        {
          name: 'sda1',
          kname: 'sda1',
          type: 'part',
          fstype: 'crypto_LUKS',
          size: partBytes,
          mountpoints: [null],
          uuid: luksUuid,
          children: [leaf({ name: 'data_crypt', kname: nextDm(), type: 'crypt', fstype: 'ext4', size: partBytes - LUKS2_HEADER, mountpoints: [data.mount], uuid: uuid('data') })],
        },
      ],
    });
  }
  if (hasProblem(host, 'unencrypted-log-volume')) {
    const diskBytes = 480_103_981_056;
    roots.push({
      name: 'sdb',
      kname: 'sdb',
      type: 'disk',
      fstype: null,
      size: diskBytes,
      mountpoints: [null],
      uuid: null,
      children: [leaf({ name: 'sdb1', kname: 'sdb1', type: 'part', fstype: 'ext4', size: diskBytes - 2 * MiB, mountpoints: ['/var/log'], uuid: uuid('log') })],
    });
  }
  roots.push(system);
  return { roots, crypt };
}

function lsblkObject(device: BlockDevice, parentKname: string | null): UtilLinuxObject {
  return {
    name: device.name,
    kname: device.kname,
    pkname: parentKname,
    type: device.type,
    fstype: device.fstype,
    size: device.size,
    mountpoints: device.mountpoints,
    uuid: device.uuid,
    children: device.children.length ? device.children.map((child) => lsblkObject(child, device.kname)) : undefined,
  };
}

export function lsblkJson(disks: HostDisks): string {
  return utilLinuxJson(
    'blockdevices',
    disks.roots.map((device) => lsblkObject(device, null)),
  );
}

export function crypttabText(disks: HostDisks): string {
  const lines = ['# <target name>\t<source device>\t\t<key file>\t<options>'];
  for (const [name, mapping] of disks.crypt) lines.push(`${name} UUID=${mapping.luksUuid} ${mapping.keyFile} luks,discard`);
  return `${lines.join('\n')}\n`;
}

/** `cryptsetup status <name>` for an active LUKS2 mapping (cryptsetup-status.txt). */
export function cryptsetupStatus(disks: HostDisks, requested: string): { stdout: string; exitCode: number } {
  const name = requested.startsWith('/dev/mapper/') ? requested.slice('/dev/mapper/'.length) : requested;
  const shown = requested.startsWith('/') ? requested : `/dev/mapper/${requested}`;
  const mapping = disks.crypt.get(name);
  if (!mapping) return { stdout: `${shown} is inactive.\n`, exitCode: 4 };
  const lines = [
    `${shown} is active and is in use.`,
    '  type:    LUKS2',
    '  cipher:  aes-xts-plain64',
    '  keysize: 512 bits',
    '  key location: keyring',
    `  device:  ${mapping.device}`,
    `  sector size:  ${mapping.sectorSize}`,
    '  offset:  32768 sectors',
    `  size:    ${mapping.bytes / 512} sectors`,
    '  mode:    read/write',
    '  flags:   discards ',
  ];
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

export function allDevices(devices: BlockDevice[]): BlockDevice[] {
  return devices.flatMap((device) => [device, ...allDevices(device.children)]);
}

/** /proc/swaps as Linux's swap_show() prints it (path padded to 40, KiB). */
export function procSwaps(disks: HostDisks): string {
  const header = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';
  const swaps = allDevices(disks.roots).filter((device) => device.fstype === 'swap');
  return (
    header +
    swaps
      .map((device) => {
        const path = `/dev/${device.kname}`;
        const kib = device.size / 1024 - 4; // the first page holds the swap header
        const used = 0;
        return `${path}${' '.repeat(Math.max(1, 40 - path.length))}partition\t${kib}\t${kib < 10_000_000 ? '\t' : ''}${used}\t${used < 10_000_000 ? '\t' : ''}-2\n`;
      })
      .join('')
  );
}

/** Mounted block filesystems: mountpoint → source device path for findmnt. */
export function mountedBlockFilesystems(disks: HostDisks): Array<{ target: string; source: string; fstype: string }> {
  return allDevices(disks.roots)
    .filter((device) => device.fstype && device.fstype !== 'swap' && typeof device.mountpoints[0] === 'string')
    .map((device) => ({
      target: device.mountpoints[0]!,
      source: device.type === 'part' || device.type === 'disk' ? `/dev/${device.name}` : `/dev/mapper/${device.name}`,
      fstype: device.fstype!,
    }));
}
