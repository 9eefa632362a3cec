// The fixed commands of the encryption area, per OS. Read-only; nothing from
// a host, the inventory or the UI is ever part of them (remoteCommandLine
// adds `env LC_ALL=C`, and `sudo -n` for the privileged ones).
//
// Crypt mappings: their names come from the host (lsblk, crypttab), so a
// per-mapping `cryptsetup status <name>` would splice host data into a shell
// line. Instead ONE constant command covers every mapping:
// `dmsetup table --target crypt` prints one line per active dm-crypt target
// with its cipher, key size (masked key, or the kernel-keyring reference
// `:64:logon:cryptsetup:<uuid>-d0` that only LUKS2 activations use), the
// backing device and the data offset. Chosen over a constant
// `sh -c 'for d in /dev/mapper/*; do cryptsetup status "$d"; done'` because
// (1) it needs no shell: a sudoers rule for it is exactly this command,
// whereas sudo for `sh -c …` is a root shell; (2) dmsetup never prints keys
// without --showkeys (libdm dmsetup.c "Suppress encryption keys"), which
// OpsDeck never passes; (3) it also lists mappings lsblk does not show
// (a mapping whose backing device vanished). What it lacks — the LUKS header
// version — is inferred from the keyring reference (see dmsetup-table.ts);
// `cryptsetup status` stays parseable for `opsdeck parse encryption`.
//
// blkid is the fallback for an empty FSTYPE: lsblk reads it from the udev
// database, which containers and udev-less hosts do not have. Without root
// blkid only shows its cache, so it runs privileged.
//
// SmartOS: no crypttab, lsblk or dm-crypt; ZFS native encryption is all there
// is. `zfs get` without a dataset lists every filesystem and volume of every
// pool (zone datasets, zones/swap and zones/dump included).
import type { HostCommand, TargetOs } from '../host-command';

export const ENCRYPTION_COMMAND_IDS = {
  lsblk: 'encryption.lsblk',
  crypttab: 'encryption.crypttab',
  procSwaps: 'encryption.proc-swaps',
  findmnt: 'encryption.findmnt',
  blkid: 'encryption.blkid',
  dmsetupCrypt: 'encryption.dmsetup-table-crypt',
  zfsGet: 'encryption.zfs-get',
  zpoolStatus: 'encryption.zpool-status',
  sysinfo: 'encryption.sysinfo',
} as const;

export const LSBLK_COMMAND = 'lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID';
export const ZFS_GET_COMMAND = 'zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume';

const ids = ENCRYPTION_COMMAND_IDS;
const command = (id: string, text: string, privileged = false): HostCommand => ({ id, command: text, privileged });

export const ENCRYPTION_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    command(ids.lsblk, LSBLK_COMMAND),
    command(ids.crypttab, 'cat /etc/crypttab'),
    command(ids.procSwaps, 'cat /proc/swaps'),
    command(ids.findmnt, 'findmnt -J'),
    command(ids.blkid, 'blkid', true),
    command(ids.dmsetupCrypt, 'dmsetup table --target crypt', true),
  ],
  smartos: [command(ids.zfsGet, ZFS_GET_COMMAND), command(ids.zpoolStatus, 'zpool status'), command(ids.sysinfo, 'sysinfo')],
};
