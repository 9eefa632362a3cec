import { describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMANDS, ENCRYPTION_COMMAND_IDS } from '../../../main/engine/collectors/encryption/encryption-commands';
import { remoteCommandLine } from '../../../main/engine/collectors/host-command';

describe('the encryption commands', () => {
  test('Debian: exactly these invocations, the privileged ones through sudo -n', () => {
    expect(ENCRYPTION_COMMANDS.debian.map((command) => remoteCommandLine(command, true))).toEqual([
      'env LC_ALL=C lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID',
      'env LC_ALL=C cat /etc/crypttab',
      'env LC_ALL=C cat /proc/swaps',
      'env LC_ALL=C findmnt -J',
      'sudo -n env LC_ALL=C blkid',
      'sudo -n env LC_ALL=C dmsetup table --target crypt',
    ]);
  });

  test('SmartOS: zfs get of every filesystem and volume, zpool status, sysinfo; no crypttab', () => {
    expect(ENCRYPTION_COMMANDS.smartos.map((command) => remoteCommandLine(command, true))).toEqual([
      'env LC_ALL=C zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume',
      'env LC_ALL=C zpool status',
      'env LC_ALL=C sysinfo',
    ]);
  });

  test('ids are encryption.<name>, unique, and every command is a constant with no per-host part', () => {
    const all = [...ENCRYPTION_COMMANDS.debian, ...ENCRYPTION_COMMANDS.smartos];
    expect(new Set(all.map((command) => command.id)).size).toBe(all.length);
    for (const command of all) {
      expect(command.id).toMatch(/^encryption\.[a-z-]+$/);
      expect(Object.values(ENCRYPTION_COMMAND_IDS)).toContain(command.id);
      // No per-mapping `cryptsetup status <name>`: names from a host never reach a shell line.
      expect(command.command).not.toMatch(/cryptsetup|\$|`|;|\|/);
    }
  });
});
