import { describe, expect, test } from 'vitest';
import { ENCRYPTION_CLI_FORMATS, isEncryptionCliFormat, parseEncryptionForCli } from '../../../main/engine/collectors/encryption/encryption-cli';
import { fixture } from './support/encryption-fixtures';

describe('opsdeck parse encryption --format …', () => {
  test('lsblk-json: the tree, a summary, and the volumes derived from it alone', () => {
    const result = parseEncryptionForCli('lsblk-json', fixture('debian/lsblk-J-luks.txt'));
    expect(result).toMatchObject({ format: 'lsblk-json', status: 'ok', summary: { topLevelDevices: 3, volumes: 6, encryptedVolumes: 4, unencryptedVolumes: null } });
    expect(result.volumes!.find((volume) => volume.name === 'debian--vg-root')).toEqual({
      id: 'debian--vg-root',
      name: 'debian--vg-root',
      mountpoints: ['/'],
      sizeBytes: Math.round(474.9 * 1024 ** 3),
      class: 'data',
      encryption: 'encrypted',
      encryptionReason: 'on dm-crypt mapping nvme0n1p3_crypt (container nvme0n1p3)',
      layers: ['nvme0n1', 'nvme0n1p3', 'nvme0n1p3_crypt', 'debian--vg-root'],
    });
  });

  test('cryptsetup-status: one or several blocks', () => {
    const result = parseEncryptionForCli('cryptsetup-status', fixture('debian/cryptsetup-status.txt') + fixture('debian/cryptsetup-status-luks1.txt'));
    expect(result).toMatchObject({ status: 'ok', summary: { mappings: 2, active: 2, types: 'LUKS2, LUKS1', ciphers: 'aes-xts-plain64 512-bit' } });
  });

  test('crypttab, and the header-only default', () => {
    expect(parseEncryptionForCli('crypttab', fixture('debian/crypttab.txt')).summary).toEqual({ entries: 4, noauto: 1, swap: 1, withKeyFile: 1 });
    expect(parseEncryptionForCli('crypttab', fixture('debian/crypttab-default.txt')).summary).toEqual({ entries: 0, noauto: 0, swap: 0, withKeyFile: 0 });
  });

  test('zfs-get: datasets, which are not encrypted, and volumes', () => {
    const result = parseEncryptionForCli('zfs-get', fixture('smartos/zfs-get-encryption.txt'));
    expect(result.summary).toEqual({ datasets: 7, encrypted: 6, unencrypted: 'zones/boot', keysUnavailable: 0 });
    expect(result.volumes!.map((volume) => [volume.name, volume.class, volume.encryption])).toContainEqual(['zones/boot', 'boot', 'unencrypted']);
  });

  test('garbage gives a status and a message, never a throw; the result is plain JSON', () => {
    for (const format of ENCRYPTION_CLI_FORMATS) {
      const result = parseEncryptionForCli(format, '\u0000{not [valid');
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      expect(['ok', 'unparsed']).toContain(result.status);
    }
    expect(parseEncryptionForCli('lsblk-json', 'nope').status).toBe('unparsed');
    expect(isEncryptionCliFormat('zfs-get')).toBe(true);
    expect(isEncryptionCliFormat('zfs-list')).toBe(false);
  });
});
