import { describe, expect, test } from 'vitest';
import { normalizedCipher, parseDmsetupCryptTable } from '../../../main/engine/collectors/encryption/dmsetup-table';
import { expectMatchesExpected, fixture, fixtureSections } from './support/encryption-fixtures';

describe('dmsetup table --target crypt', () => {
  test('dmsetup-table-target-crypt.txt: name prefix, masked hex key vs keyring reference, options', () => {
    const parsed = parseDmsetupCryptTable(fixture('debian/dmsetup-table-target-crypt.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toEqual([
      {
        name: 'data_crypt',
        startSector: 0,
        lengthSectors: 3907022848,
        sizeBytes: 3907022848 * 512,
        cipher: 'aes-xts-plain64',
        cipherRaw: 'aes-xts-plain64',
        keyBits: 512,
        keyStorage: 'table',
        luksUuid: null,
        device: '8:1',
        offsetSectors: 4096,
        options: [],
      },
      {
        name: 'nvme0n1p3_crypt',
        startSector: 0,
        lengthSectors: 998031360,
        sizeBytes: 998031360 * 512,
        cipher: 'aes-xts-plain64',
        cipherRaw: 'aes-xts-plain64',
        keyBits: 512,
        keyStorage: 'keyring',
        luksUuid: 'e1d2c3b4-a596-4788-9a0b-c1d2e3f4a5b6',
        device: '259:3',
        offsetSectors: 32768,
        options: ['allow_discards'],
      },
    ]);
    expectMatchesExpected('dmsetup-table-target-crypt', parsed);
  });

  test('dmsetup-table-errors.txt: no devices is ok and empty; no dm driver is unsupported (nothing can be open); non-root needs privilege', () => {
    const results = fixtureSections('debian/dmsetup-table-errors.txt').map((section) => parseDmsetupCryptTable(section.stdout, section.stderr, section.exitCode));
    expect(results.map((result) => [result.status, result.value])).toEqual([
      ['ok', []],
      ['unsupported', []],
      ['needs-privilege', null],
    ]);
    expect(results[1]!.message).toContain('/dev/mapper/control: open failed: No such device');
    expect(results[2]!.message).toContain('/dev/mapper/control: open failed: Permission denied');
  });

  test('a key printed by --showkeys is never kept, only its size', () => {
    const parsed = parseDmsetupCryptTable(`x: 0 8 crypt aes-xts-plain64 ${'ab'.repeat(32)} 0 8:2 0\n`, '', 0);
    expect(parsed.value![0]).toMatchObject({ keyBits: 256, keyStorage: 'table' });
    expect(JSON.stringify(parsed)).not.toContain('abab');
    expect(parsed.warnings).toEqual(['dmsetup printed volume keys (was --showkeys used?): they were dropped and are not kept']);
  });

  test('no name prefix (a single device), capi cipher specs, cipher_null, other targets skipped', () => {
    const text = ['0 2048 crypt capi:xts(aes)-plain64 :32:logon:cryptsetup:abc 0 7:0 0', 'other: 0 10 linear 8:1 0', 'null: 0 8 crypt cipher_null-ecb - 0 8:3 0', ''].join('\n');
    const parsed = parseDmsetupCryptTable(text, '', 0);
    expect(parsed.value!.map((target) => [target.name, target.cipher, target.keyBits, target.keyStorage, target.luksUuid])).toEqual([
      [null, 'aes-xts-plain64', 256, 'keyring', null],
      ['null', 'cipher_null-ecb', 0, 'none', null],
    ]);
    expect(normalizedCipher('capi:cbc(serpent)-essiv:sha256')).toBe('serpent-cbc-essiv:sha256');
  });

  test('tool missing; anything else failing is unparsed with the raw message', () => {
    expect(parseDmsetupCryptTable('', 'sh: 1: dmsetup: not found\n', 127).status).toBe('tool-missing');
    const parsed = parseDmsetupCryptTable('', 'Command failed.\n', 1);
    expect(parsed).toMatchObject({ status: 'unparsed', message: 'dmsetup table failed: Command failed. (exit 1)' });
  });
});
