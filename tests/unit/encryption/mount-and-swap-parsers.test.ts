// /proc/swaps, findmnt -J and blkid: the formats of the real tools (Linux
// swap_show(), util-linux 2.38), hand-assembled; the real outputs of this
// machine are parsed in tests/integration/encryption-real-cryptsetup.test.ts.
import { describe, expect, test } from 'vitest';
import { parseBlkid } from '../../../main/engine/collectors/encryption/blkid';
import { parseFindmntJson } from '../../../main/engine/collectors/encryption/findmnt-json';
import { parseProcSwaps } from '../../../main/engine/collectors/encryption/proc-swaps';

const SWAPS_HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';
const swapLine = (path: string, type: string, kib: number, used: number, priority: number) => `${path}${' '.repeat(Math.max(1, 40 - path.length))}${type}\t${kib}\t\t${used}\t\t${priority}\n`;

describe('/proc/swaps', () => {
  test('partitions under their kernel name, files with octal escapes, sizes in KiB', () => {
    const parsed = parseProcSwaps(`${SWAPS_HEADER}${swapLine('/dev/dm-2', 'partition', 8388604, 1024, -2)}${swapLine('/var/swap\\040file', 'file', 2097148, 0, -3)}`, '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual([
      { path: '/dev/dm-2', type: 'partition', sizeBytes: 8388604 * 1024, usedBytes: 1024 * 1024, priority: -2 },
      { path: '/var/swap file', type: 'file', sizeBytes: 2097148 * 1024, usedBytes: 0, priority: -3 },
    ]);
  });

  test('no swap: only the header', () => {
    expect(parseProcSwaps(SWAPS_HEADER, '', 0)).toMatchObject({ status: 'ok', value: [] });
  });

  test('missing file and stray lines', () => {
    expect(parseProcSwaps('', 'cat: /proc/swaps: No such file or directory\n', 1).status).toBe('unsupported');
    expect(parseProcSwaps(`${SWAPS_HEADER}/dev/sda2 partition 1048572 0 -2\ngarbage\n`, '', 0)).toMatchObject({
      status: 'partial',
      skipped: [{ at: 'line 3', text: 'garbage', reason: expect.stringContaining('not a "Filename') }],
    });
    expect(parseProcSwaps(`${SWAPS_HEADER}garbage\n`, '', 0)).toMatchObject({ status: 'unparsed', message: expect.stringMatching(/^not \/proc\/swaps/) });
  });
});

describe('findmnt -J', () => {
  const text = JSON.stringify({
    filesystems: [
      {
        target: '/',
        source: '/dev/mapper/vg0-root',
        fstype: 'ext4',
        options: 'rw,relatime,errors=remount-ro',
        children: [
          { target: '/proc', source: 'proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
          { target: '/home', source: '/dev/sda2[/@home]', fstype: 'btrfs', options: 'rw,relatime,subvol=/@home' },
          { target: '/tmp', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev', children: [{ target: '/tmp/x', source: null, fstype: null, options: null }] },
        ],
      },
    ],
  });

  test('the tree is flattened in order; bracketed subvolume sources are split', () => {
    const parsed = parseFindmntJson(text, '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.map((mount) => [mount.target, mount.device, mount.sourcePath, mount.fstype])).toEqual([
      ['/', '/dev/mapper/vg0-root', null, 'ext4'],
      ['/proc', 'proc', null, 'proc'],
      ['/home', '/dev/sda2', '/@home', 'btrfs'],
      ['/tmp', 'tmpfs', null, 'tmpfs'],
      ['/tmp/x', null, null, null],
    ]);
    expect(parsed.value![0]!.options).toEqual(['rw', 'relatime', 'errors=remount-ro']);
  });

  test('failures', () => {
    expect(parseFindmntJson('', 'sh: 1: findmnt: not found\n', 127).status).toBe('tool-missing');
    expect(parseFindmntJson('TARGET SOURCE\n', '', 0).status).toBe('unparsed');
  });
});

describe('blkid', () => {
  test('one line per device, quoted tags with backslash escapes', () => {
    const text = [
      '/dev/loop0: UUID="a9194ec2-8e50-43e2-9012-255181598e71" TYPE="crypto_LUKS"',
      '/dev/sda1: UUID="3E4F-5A6B" BLOCK_SIZE="512" TYPE="vfat" PARTLABEL="EFI \\"system\\"" PARTUUID="0f1e2d3c-01"',
      '',
    ].join('\n');
    const parsed = parseBlkid(text, '', 0);
    expect(parsed.value).toEqual([
      { device: '/dev/loop0', type: 'crypto_LUKS', uuid: 'a9194ec2-8e50-43e2-9012-255181598e71', tags: { UUID: 'a9194ec2-8e50-43e2-9012-255181598e71', TYPE: 'crypto_LUKS' } },
      { device: '/dev/sda1', type: 'vfat', uuid: '3E4F-5A6B', tags: { UUID: '3E4F-5A6B', BLOCK_SIZE: '512', TYPE: 'vfat', PARTLABEL: 'EFI "system"', PARTUUID: '0f1e2d3c-01' } },
    ]);
  });

  test('exit 2 with nothing printed: no signatures, ok; missing tool; sudo wanting a password', () => {
    expect(parseBlkid('', '', 2)).toMatchObject({ status: 'ok', value: [] });
    expect(parseBlkid('', 'bash: line 1: blkid: command not found\n', 127).status).toBe('tool-missing');
    expect(parseBlkid('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
  });
});
