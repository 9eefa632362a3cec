// luksDump outputs captured on the development machine (captured/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseLuksDump } from '../../../main/engine/collectors/encryption/luks-dump';

const captured = (name: string) => readFileSync(join(process.cwd(), 'tests', 'unit', 'encryption', 'captured', name), 'utf8');

describe('cryptsetup luksDump (cryptsetup 2.6.1, captured)', () => {
  test('LUKS2: version, UUID, data segment cipher and sector, volume key bits from the key slot, PBKDF', () => {
    const parsed = parseLuksDump(captured('luksdump-luks2.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual({
      version: 2,
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      label: null,
      cipher: 'aes-xts-plain64',
      keyBits: 512,
      sectorSize: 4096,
      keyslots: [{ slot: 0, type: 'luks2', pbkdf: 'pbkdf2', keyBits: 512 }],
    });
  });

  test('LUKS1: Cipher name + mode, MK bits, only the enabled key slots', () => {
    const parsed = parseLuksDump(captured('luksdump-luks1.txt'), '', 0);
    expect(parsed.value).toEqual({
      version: 1,
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      label: null,
      cipher: 'aes-xts-plain64',
      keyBits: 512,
      sectorSize: null,
      keyslots: [{ slot: 0, type: 'luks1', pbkdf: 'pbkdf2', keyBits: null }],
    });
  });

  test('no such device, and a device that is not LUKS: unsupported with the raw message', () => {
    expect(parseLuksDump('', captured('luksdump-missing.stderr.txt'), 4)).toMatchObject({ status: 'unsupported', message: expect.stringContaining('does not exist or access denied') });
    expect(parseLuksDump('', captured('luksdump-not-luks.stderr.txt'), 1)).toMatchObject({ status: 'unsupported', message: expect.stringContaining('is not a valid LUKS device') });
    expect(parseLuksDump('LUKS header information\n', '', 0).status).toBe('unparsed');
  });
});
