import { describe, expect, test } from 'vitest';
import { parseCrypttab } from '../../../main/engine/collectors/encryption/crypttab';
import { expectMatchesExpected, fixture } from './support/encryption-fixtures';

describe('/etc/crypttab', () => {
  test('crypttab.txt: header skipped, four fields by spaces, key file none, options split', () => {
    const parsed = parseCrypttab(fixture('debian/crypttab.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value!.entries.map((entry) => [entry.target, entry.source, entry.keyFile, entry.mode, entry.noauto, entry.swap])).toEqual([
      ['nvme0n1p3_crypt', 'UUID=e1d2c3b4-a596-4788-9a0b-c1d2e3f4a5b6', null, 'luks', false, false],
      ['data_crypt', 'UUID=5f3c2a1e-8b7d-4c6e-9f0a-1b2c3d4e5f60', '/etc/keys/data.key', 'luks', false, false],
      ['sdb1_crypt', 'UUID=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', null, 'luks', true, false],
      ['cswap', '/dev/disk/by-partlabel/swap', '/dev/urandom', 'plain', false, true],
    ]);
    expect(parsed.value!.entries[3]).toMatchObject({ randomKey: true, cipher: 'aes-xts-plain64', keyBits: 256, line: 5 });
    expectMatchesExpected('crypttab', parsed);
  });

  test('crypttab-default.txt (only the TAB header the package writes): ok, no entries', () => {
    expect(parseCrypttab(fixture('debian/crypttab-default.txt'), '', 0)).toEqual({ status: 'ok', value: { present: true, entries: [] }, message: null, warnings: [] });
  });

  test('crypttab-missing.txt (cat: No such file, exit 1): unsupported, an empty table and the raw message', () => {
    const parsed = parseCrypttab('', fixture('debian/crypttab-missing.txt'), 1);
    expect(parsed.status).toBe('unsupported');
    expect(parsed.value).toEqual({ present: false, entries: [] });
    expect(parsed.message).toContain('cat: /etc/crypttab: No such file or directory');
  });

  test('TABs, indented comments, missing key file and options, a line with one field', () => {
    const parsed = parseCrypttab('  # comment\nroot_crypt\t/dev/sda3\nlonely\nsecret\tUUID=1\t-\tluks,noauto,nofail\n', '', 0);
    expect(parsed.value!.entries.map((entry) => [entry.target, entry.keyFile, entry.options])).toEqual([
      ['root_crypt', null, []],
      ['secret', null, ['luks', 'noauto', 'nofail']],
    ]);
    expect(parsed.status).toBe('partial');
    expect(parsed.skipped).toEqual([{ at: 'line 3', text: 'lonely', reason: 'no source device' }]);
  });

  test('an escaped comma in an option value stays in the value (crypttab(5))', () => {
    const parsed = parseCrypttab('data UUID=5f3c2a1e-8b7d-4c6e-9f0a-1b2c3d4e5f60 none luks,keyfile-offset=0,header=/etc/hdr\\,v2,tries=3\n', '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.entries[0]!.options).toEqual(['luks', 'keyfile-offset=0', 'header=/etc/hdr,v2', 'tries=3']);
  });

  test('text that is not a crypttab, and random bytes, are refused', () => {
    expect(parseCrypttab('Filesystem Size Used Avail Use% Mounted on\n/dev/sda1 20G 5G 15G 25% /\ntmpfs 1G 0 1G 0% /run\n', '', 0)).toMatchObject({
      status: 'unparsed',
      message: expect.stringMatching(/^not a crypttab: 3 of 3 lines/),
    });
    expect(parseCrypttab('\u0000\u0001\u00ff\ufffd binary', '', 0)).toMatchObject({ status: 'unparsed', message: expect.stringMatching(/^not \/etc\/crypttab output: it holds a control byte 0x00/) });
  });

  test('unreadable: needs-privilege with the raw message', () => {
    const parsed = parseCrypttab('', 'cat: /etc/crypttab: Permission denied\n', 1);
    expect(parsed.status).toBe('needs-privilege');
    expect(parsed.message).toContain('Permission denied');
  });
});
