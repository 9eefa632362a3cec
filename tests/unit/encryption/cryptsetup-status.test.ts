import { describe, expect, test } from 'vitest';
import { parseCryptsetupStatus } from '../../../main/engine/collectors/encryption/cryptsetup-status';
import { expectMatchesExpected, fixture, fixtureSections } from './support/encryption-fixtures';

describe('cryptsetup status on the fixtures (cryptsetup 2.6.1 format strings)', () => {
  test('LUKS2: type, cipher, key size in bits, keyring key, sectors, trailing-space flags', () => {
    const parsed = parseCryptsetupStatus(fixture('debian/cryptsetup-status.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value![0]).toMatchObject({
      device: '/dev/mapper/nvme0n1p3_crypt',
      name: 'nvme0n1p3_crypt',
      active: true,
      inUse: true,
      type: 'LUKS2',
      luksVersion: 2,
      cipher: 'aes-xts-plain64',
      keyBits: 512,
      keyLocation: 'keyring',
      backingDevice: '/dev/nvme0n1p3',
      sectorSize: 512,
      offsetSectors: 32768,
      sizeSectors: 998031360,
      sizeBytes: 998031360 * 512,
      readOnly: false,
      flags: ['discards'],
    });
    expectMatchesExpected('cryptsetup-status', parsed);
  });

  test('LUKS1: key in dm-crypt, no flags line', () => {
    const parsed = parseCryptsetupStatus(fixture('debian/cryptsetup-status-luks1.txt'), '', 0);
    expect(parsed.value![0]).toMatchObject({ name: 'data_crypt', type: 'LUKS1', luksVersion: 1, keyLocation: 'dm-crypt', offsetSectors: 4096, flags: [] });
    expectMatchesExpected('cryptsetup-status-luks1', parsed);
  });

  test('each failure case of cryptsetup-status-errors.txt has its own status and keeps the raw message', () => {
    const results = fixtureSections('debian/cryptsetup-status-errors.txt').map((section) => {
      const parsed = parseCryptsetupStatus(section.stdout, section.stderr, section.exitCode);
      return { heading: section.heading, status: parsed.status, message: parsed.message, value: parsed.value };
    });
    expect(results.map((result) => result.status)).toEqual(['ok', 'unsupported', 'needs-privilege', 'unsupported']);
    expect(results[0]!.value).toEqual([expect.objectContaining({ name: 'nosuch', active: false, inUse: false })]);
    expect(results[1]!.message).toContain('Cannot initialize device-mapper. Is dm_mod kernel module loaded?');
    expect(results[2]!.message).toContain('running as non-root user');
    expect(results[3]!.message).toContain('Device /dev/nosuch does not exist or access denied.');
    expectMatchesExpected('cryptsetup-status-errors', results);
  });
});

describe('cryptsetup status variants', () => {
  test('cryptsetup ≥ 2.8 prints "keysize: 512 [bits]"; plain mappings; suspended and read-only', () => {
    const text = [
      '/dev/mapper/cswap is active.',
      '  type:    PLAIN',
      '  cipher:  aes-cbc-essiv:sha256',
      '  keysize: 256 [bits]',
      '  key location: dm-crypt',
      '  device:  /dev/sda2',
      '  sector size:  512',
      '  offset:  0 sectors',
      '  size:    8388608 sectors',
      '  mode:    readonly (suspended)',
      '',
    ].join('\n');
    const parsed = parseCryptsetupStatus(text, '', 0);
    expect(parsed.value![0]).toMatchObject({ name: 'cswap', inUse: false, type: 'PLAIN', luksVersion: null, cipher: 'aes-cbc-essiv:sha256', keyBits: 256, readOnly: true, suspended: true });
  });

  test('several blocks (a loop over /dev/mapper/*) are read as a list; a non-crypt dm device says type n/a', () => {
    const text = `${fixture('debian/cryptsetup-status.txt')}${fixture('debian/cryptsetup-status-luks1.txt')}/dev/mapper/debian--vg-root is active and is in use.\n  type:    n/a\n`;
    const parsed = parseCryptsetupStatus(text, '', 0);
    expect(parsed.value!.map((status) => [status.name, status.type])).toEqual([
      ['nvme0n1p3_crypt', 'LUKS2'],
      ['data_crypt', 'LUKS1'],
      ['debian--vg-root', 'n/a'],
    ]);
  });

  test('a missing tool, and output without a status line', () => {
    expect(parseCryptsetupStatus('', 'bash: line 1: cryptsetup: command not found\n', 127).status).toBe('tool-missing');
    expect(parseCryptsetupStatus('hello\n', '', 0).status).toBe('unparsed');
    expect(parseCryptsetupStatus('', 'Usage: cryptsetup [OPTION...] <action> <action-specific>\n', 1)).toMatchObject({ status: 'unparsed' });
  });
});
