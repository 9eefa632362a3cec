// `findmnt -J` for a Debian demo host: the usual pseudo filesystems of a
// systemd machine plus the block filesystems from its disk layout, nested
// by mount point as findmnt's tree does. Trixie mounts /tmp as tmpfs.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { mountedBlockFilesystems, type HostDisks } from './block-devices';
import { utilLinuxJson, type UtilLinuxObject } from './util-linux-json';

interface Mount {
  target: string;
  source: string;
  fstype: string;
  options: string;
}

const PSEUDO: Mount[] = [
  { target: '/sys', source: 'sysfs', fstype: 'sysfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/kernel/security', source: 'securityfs', fstype: 'securityfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/fs/cgroup', source: 'cgroup2', fstype: 'cgroup2', options: 'rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot' },
  { target: '/sys/fs/pstore', source: 'pstore', fstype: 'pstore', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/firmware/efi/efivars', source: 'efivarfs', fstype: 'efivarfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/fs/bpf', source: 'bpf', fstype: 'bpf', options: 'rw,nosuid,nodev,noexec,relatime,mode=700' },
  { target: '/sys/kernel/debug', source: 'debugfs', fstype: 'debugfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/kernel/tracing', source: 'tracefs', fstype: 'tracefs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/kernel/config', source: 'configfs', fstype: 'configfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys/fs/fuse/connections', source: 'fusectl', fstype: 'fusectl', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/proc', source: 'proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/proc/sys/fs/binfmt_misc', source: 'systemd-1', fstype: 'autofs', options: 'rw,relatime,fd=30,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=17342' },
  { target: '/dev', source: 'udev', fstype: 'devtmpfs', options: 'rw,nosuid,relatime,size=65817416k,nr_inodes=16454354,mode=755,inode64' },
  { target: '/dev/pts', source: 'devpts', fstype: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000' },
  { target: '/dev/shm', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,inode64' },
  { target: '/dev/hugepages', source: 'hugetlbfs', fstype: 'hugetlbfs', options: 'rw,relatime,pagesize=2M' },
  { target: '/dev/mqueue', source: 'mqueue', fstype: 'mqueue', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/run', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=13166692k,mode=755,inode64' },
  { target: '/run/lock', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=5120k,inode64' },
  { target: '/run/user/1000', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,relatime,size=13166688k,nr_inodes=3291672,mode=700,uid=1000,gid=1000,inode64' },
];

const BLOCK_OPTIONS: Record<string, string> = {
  '/': 'rw,relatime,errors=remount-ro',
  '/boot/efi': 'rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=mixed,utf8,errors=remount-ro',
  '/srv/mail': 'rw,noatime',
};

function parentTarget(target: string, targets: string[]): string | null {
  let best: string | null = null;
  for (const candidate of targets) {
    if (candidate === target) continue;
    const prefix = candidate === '/' ? '/' : `${candidate}/`;
    if (target.startsWith(prefix) && (best === null || candidate.length > best.length)) best = candidate;
  }
  return best;
}

export function findmntJson(host: DemoHostSpec, disks: HostDisks): string {
  const block = mountedBlockFilesystems(disks).map((mount) => ({ ...mount, options: BLOCK_OPTIONS[mount.target] ?? 'rw,relatime' }));
  const root = block.find((mount) => mount.target === '/');
  if (!root) throw new Error(`${host.name} has no root filesystem`);
  const mounts: Mount[] = [root, ...PSEUDO, ...block.filter((mount) => mount.target !== '/')];
  if (host.release === 'trixie') {
    mounts.push({ target: '/tmp', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,size=32908708k,nr_inodes=1048576,inode64' });
  }
  const targets = mounts.map((mount) => mount.target);
  const build = (mount: Mount): UtilLinuxObject => {
    const children = mounts.filter((other) => parentTarget(other.target, targets) === mount.target);
    return {
      target: mount.target,
      source: mount.source,
      fstype: mount.fstype,
      options: mount.options,
      children: children.length ? children.map(build) : undefined,
    };
  };
  return utilLinuxJson('filesystems', [build(root)]);
}
