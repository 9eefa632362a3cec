import { describe, expect, test } from 'vitest';
import { parseLsblkJson } from '../../../main/engine/collectors/encryption/lsblk-json';
import { expectMatchesExpected, fixture, GiB, lsblkJson } from './support/encryption-fixtures';

describe('lsblk -J on the LUKS fixture host (lsblk-J-luks.txt: human sizes, singular MOUNTPOINT)', () => {
  const parsed = parseLsblkJson(fixture('debian/lsblk-J-luks.txt'), '', 0);

  test('reads the whole tree, nested children in any depth, with null values as null', () => {
    expect(parsed.status).toBe('ok');
    expectMatchesExpected('lsblk-J-luks', parsed);
  });

  test('crypt, lvm and part layers keep their types; a closed LUKS partition has no children', () => {
    const [sda, sdb, nvme] = parsed.value!.devices;
    expect(sda!.children[0]).toMatchObject({ name: 'sda1', kind: 'part', fstype: 'crypto_LUKS', mountpoints: [] });
    expect(sda!.children[0]!.children[0]).toMatchObject({ name: 'data_crypt', kind: 'crypt', fstype: 'ext4', mountpoints: ['/srv/data'] });
    expect(sdb!.children[0]).toMatchObject({ name: 'sdb1', fstype: 'crypto_LUKS', children: [] });
    const lvs = nvme!.children[2]!.children[0]!.children;
    expect(lvs.map((lv) => [lv.name, lv.kind, lv.mountpoints])).toEqual([
      ['debian--vg-root', 'lvm', ['/']],
      ['debian--vg-swap_1', 'lvm', ['[SWAP]']],
    ]);
  });

  test('human sizes become approximate bytes, and say so', () => {
    expect(parsed.value!.devices[0]!).toMatchObject({ sizeBytes: Math.round(1.8 * 1024 ** 4), sizeExact: false });
    expect(parsed.warnings).toContain('lsblk printed rounded sizes (run without -b): byte counts are approximate');
  });
});

describe('lsblk -J -b with MOUNTPOINTS (util-linux ≥ 2.37)', () => {
  test('mountpoints arrays: null entries dropped, several paths kept, exact byte sizes', () => {
    const text = lsblkJson([
      { name: 'vda', type: 'disk', size: 274877906944, mountpoints: ['/run/netns', '/', null] },
      { name: 'sdb', type: 'disk', mountpoints: [null] },
    ]);
    const parsed = parseLsblkJson(text, '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value!.devices.map((device) => [device.name, device.mountpoints, device.sizeBytes, device.sizeExact])).toEqual([
      ['vda', ['/run/netns', '/'], 274877906944, true],
      ['sdb', [], GiB, true],
    ]);
  });

  test('util-linux < 2.33 printed numbers as strings: still exact', () => {
    const parsed = parseLsblkJson('{"blockdevices": [{"name": "sda", "type": "disk", "size": "512110190592", "mountpoint": null}]}', '', 0);
    expect(parsed.value!.devices[0]).toMatchObject({ sizeBytes: 512110190592, sizeExact: true, mountpoints: [] });
  });

  test('md RAID levels are raid layers; an unknown TYPE is kept raw and named in a warning, status stays ok', () => {
    const parsed = parseLsblkJson(
      lsblkJson([
        { name: 'md0', type: 'raid1' },
        { name: 'st0', type: 'tape' },
        { name: 'zram0', type: 'disk' },
      ]),
      '',
      0,
    );
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.devices.map((device) => [device.type, device.kind])).toEqual([
      ['raid1', 'raid'],
      ['tape', 'unknown'],
      ['disk', 'zram'],
    ]);
    expect(parsed.warnings).toEqual(['unknown device type "tape": shown as an opaque layer whose encryption cannot be judged']);
  });

  test('an empty listing (a container without block devices) is ok and empty', () => {
    expect(parseLsblkJson('', '', 0)).toMatchObject({ status: 'ok', value: { devices: [] } });
    expect(parseLsblkJson('{"blockdevices": []}\n', '', 0)).toMatchObject({ status: 'ok', value: { devices: [] } });
  });
});

describe('lsblk failures are distinct states carrying the raw message', () => {
  test('not installed: tool-missing (dash and bash wording)', () => {
    for (const stderr of ['sh: 1: lsblk: not found\n', 'bash: line 1: lsblk: command not found\n']) {
      const parsed = parseLsblkJson('', stderr, 127);
      expect(parsed.status).toBe('tool-missing');
      expect(parsed.message).toContain(stderr.trim());
    }
  });

  test('sudo wanting a password: needs-privilege', () => {
    expect(parseLsblkJson('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
  });

  test('util-linux older than 2.37 rejects MOUNTPOINTS: unsupported, not unparsed', () => {
    const parsed = parseLsblkJson('', 'lsblk: unknown column: MOUNTPOINTS\n', 1);
    expect(parsed.status).toBe('unsupported');
    expect(parsed.message).toContain('lsblk: unknown column: MOUNTPOINTS');
  });

  test('garbage is unparsed with a reason', () => {
    expect(parseLsblkJson('NAME MAJ:MIN\nsda 8:0\n', '', 0)).toMatchObject({ status: 'unparsed', value: null });
    expect(parseLsblkJson('{"filesystems": []}', '', 0).message).toBe('not lsblk -J output: the JSON has no "blockdevices" array');
  });
});
