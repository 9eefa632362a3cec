import { describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../main/engine/collectors/encryption/encryption-facts';
import { expectMatchesExpected, fixture, GiB, lsblkJson, output } from './support/encryption-fixtures';

const FINDMNT_FIXTURE_HOST = JSON.stringify({
  filesystems: [
    {
      target: '/',
      source: '/dev/mapper/debian--vg-root',
      fstype: 'ext4',
      options: 'rw,relatime,errors=remount-ro',
      children: [
        { target: '/proc', source: 'proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
        { target: '/run', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=1638400k,mode=755' },
        { target: '/boot', source: '/dev/nvme0n1p2', fstype: 'ext2', options: 'rw,relatime', children: [{ target: '/boot/efi', source: '/dev/nvme0n1p1', fstype: 'vfat', options: 'rw,relatime' }] },
        { target: '/srv/data', source: '/dev/mapper/data_crypt', fstype: 'ext4', options: 'rw,relatime' },
        { target: '/tmp', source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev' },
        { target: '/mnt/nfs', source: '192.0.2.5:/export', fstype: 'nfs4', options: 'rw' },
      ],
    },
  ],
});

/** The Debian host the fixtures describe: lsblk-J-luks, crypttab, dmsetup-table-target-crypt. */
function fixtureHostOutputs() {
  return [
    output(ids.lsblk, fixture('debian/lsblk-J-luks.txt')),
    output(ids.crypttab, fixture('debian/crypttab.txt')),
    output(ids.procSwaps, 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n'),
    output(ids.findmnt, FINDMNT_FIXTURE_HOST),
    output(ids.blkid, '', { exitCode: 2 }),
    output(ids.dmsetupCrypt, fixture('debian/dmsetup-table-target-crypt.txt')),
  ];
}

describe('Debian: the fixture host (lsblk-J-luks + crypttab + dmsetup-table-target-crypt)', () => {
  const facts = encryptionFacts('debian', fixtureHostOutputs());

  test('every volume with class, encryption and its stack; boot exempt; /tmp in memory; /run and NFS left out', () => {
    expect(facts.complete).toBe(true);
    expect(facts.cryptDetailsKnown).toBe(true);
    expect(facts.volumes.map((volume) => [volume.name, volume.mountpoints, volume.class, volume.encryption])).toEqual([
      ['data_crypt', ['/srv/data'], 'data', 'encrypted'],
      ['sdb1', [], 'data', 'locked'],
      ['nvme0n1p1', ['/boot/efi'], 'boot', 'unencrypted'],
      ['nvme0n1p2', ['/boot'], 'boot', 'unencrypted'],
      ['debian--vg-root', ['/'], 'data', 'encrypted'],
      ['debian--vg-swap_1', [], 'swap', 'encrypted'],
      ['tmpfs', ['/tmp'], 'memory', 'not-on-disk'],
    ]);
  });

  test('LUKS version from where dmsetup says the key lives: keyring → LUKS2, table → LUKS1 (inferred, and said so)', () => {
    const root = facts.volumes.find((volume) => volume.name === 'debian--vg-root')!;
    expect(root.crypt).toEqual([expect.objectContaining({ name: 'nvme0n1p3_crypt', luksVersion: 2, cipher: 'aes-xts-plain64', keyBits: 512, crypttabTarget: 'nvme0n1p3_crypt' })]);
    const data = facts.volumes.find((volume) => volume.name === 'data_crypt')!;
    expect(data.crypt[0]).toMatchObject({ luksVersion: 1, versionEvidence: expect.stringContaining('--disable-keyring') });
  });

  test('the closed LUKS disk is locked and named by its crypttab entry; crypttab says which entries are open', () => {
    expect(facts.volumes.find((volume) => volume.name === 'sdb1')!.crypt).toEqual([expect.objectContaining({ name: 'sdb1_crypt', open: false, container: 'sdb1', crypttabTarget: 'sdb1_crypt' })]);
    expect(facts.crypttab!.map((entry) => [entry.target, entry.open, entry.device, entry.noauto])).toEqual([
      ['nvme0n1p3_crypt', true, 'nvme0n1p3', false],
      ['data_crypt', true, 'sda1', false],
      ['sdb1_crypt', false, 'sdb1', true],
      ['cswap', false, null, false],
    ]);
  });

  test('the device tree keeps lsblk nesting with lock markers', () => {
    const [sda, sdb, nvme] = facts.deviceTree;
    expect(sda!.marker).toBe('none');
    expect(sda!.children[0]).toMatchObject({ name: 'sda1', marker: 'encrypted', fstype: 'crypto_LUKS' });
    expect(sda!.children[0]!.children[0]).toMatchObject({ name: 'data_crypt', kind: 'crypt', marker: 'encrypted', volumeId: 'data_crypt', crypt: expect.objectContaining({ luksVersion: 1 }) });
    expect(sdb!.children[0]).toMatchObject({ name: 'sdb1', marker: 'locked', crypt: expect.objectContaining({ open: false }) });
    expect(nvme!.children.map((child) => [child.name, child.marker])).toEqual([
      ['nvme0n1p1', 'unencrypted'],
      ['nvme0n1p2', 'unencrypted'],
      ['nvme0n1p3', 'encrypted'],
    ]);
    expect(facts.deviceTree.at(-1)).toMatchObject({ kind: 'tmpfs', mountpoints: ['/tmp'], marker: 'not-on-disk' });
  });

  test('matches the expected facts, and is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expectMatchesExpected('facts-debian-fixture-host', facts);
  });
});

describe('Debian: fallbacks when lsblk cannot see everything', () => {
  test('no udev: FSTYPE from blkid (a LUKS loop device, locked) and from findmnt (the root filesystem)', () => {
    const facts = encryptionFacts('debian', [
      output(
        ids.lsblk,
        lsblkJson([
          { name: 'vda', type: 'disk', size: 256 * GiB, mountpoints: ['/'] },
          { name: 'loop0', type: 'loop', size: 40 * 1024 ** 2 },
        ]),
      ),
      output(ids.blkid, '/dev/loop0: UUID="a9194ec2-8e50-43e2-9012-255181598e71" TYPE="crypto_LUKS"\n'),
      output(ids.findmnt, JSON.stringify({ filesystems: [{ target: '/', source: '/dev/vda', fstype: 'ext4', options: 'rw' }] })),
      output(ids.dmsetupCrypt, '', { exitCode: 1, stderr: fixture('debian/dmsetup-table-errors.txt').split('### ')[2]!.split('\n').slice(1).join('\n') }),
    ]);
    expect(facts.volumes.map((volume) => [volume.name, volume.fstype, volume.class, volume.encryption])).toEqual([
      ['vda', 'ext4', 'data', 'unencrypted'],
      ['loop0', 'crypto_LUKS', 'data', 'locked'],
    ]);
    expect(facts.checks.find((check) => check.commandId === ids.dmsetupCrypt)).toMatchObject({ status: 'unsupported' });
    expect(facts.cryptDetailsKnown).toBe(true);
  });

  test('mountpoints from findmnt when lsblk shows none; a block mount lsblk does not know is unknown; a dm-crypt mount dmsetup knows is encrypted', () => {
    const facts = encryptionFacts('debian', [
      output(ids.lsblk, lsblkJson([{ name: 'sda', type: 'disk', children: [{ name: 'sda1', type: 'part', fstype: 'ext4' }] }])),
      output(
        ids.findmnt,
        JSON.stringify({
          filesystems: [
            { target: '/', source: '/dev/sda1', fstype: 'ext4', options: 'rw' },
            { target: '/srv/x', source: '/dev/sdz9', fstype: 'xfs', options: 'rw' },
            { target: '/srv/y', source: '/dev/mapper/y_crypt', fstype: 'ext4', options: 'rw' },
          ],
        }),
      ),
      output(ids.dmsetupCrypt, 'y_crypt: 0 8 crypt aes-xts-plain64 :64:logon:cryptsetup:11111111-2222-3333-4444-555555555555-d0 0 8:33 32768\n'),
    ]);
    expect(facts.volumes.map((volume) => [volume.id, volume.mountpoints, volume.encryption])).toEqual([
      ['sda1', ['/'], 'unencrypted'],
      ['mount:/srv/x', ['/srv/x'], 'unknown'],
      ['mount:/srv/y', ['/srv/y'], 'encrypted'],
    ]);
  });

  test('swap: an active swap file lives on its filesystem; zram is memory', () => {
    const facts = encryptionFacts('debian', [
      output(
        ids.lsblk,
        lsblkJson([
          { name: 'zram0', type: 'disk', mountpoints: ['[SWAP]'] },
          { name: 'sda', type: 'disk', children: [{ name: 'sda1', type: 'part', fstype: 'ext4', mountpoints: ['/'] }] },
        ]),
      ),
      output(
        ids.procSwaps,
        'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swapfile                               file\t2097148\t\t0\t\t-2\n/dev/zram0                              partition\t4194300\t\t0\t\t100\n',
      ),
    ]);
    expect(facts.volumes.map((volume) => [volume.id, volume.class, volume.encryption])).toEqual([
      ['zram0', 'memory', 'not-on-disk'],
      ['sda1', 'data', 'unencrypted'],
      ['file:/swapfile', 'swap', 'unencrypted'],
    ]);
    expect(facts.volumes[2]!.layers.map((layer) => layer.name)).toEqual(['sda', 'sda1', '/swapfile']);
    // The swap file hangs under the filesystem holding it in the tree.
    expect(facts.deviceTree[1]!.children[0]!.children).toEqual([expect.objectContaining({ kind: 'swapfile', name: '/swapfile', marker: 'unencrypted' })]);
  });
});

describe('Debian: failures are recorded, with the raw message, and the facts say what is unknown', () => {
  test('lsblk missing: not complete; dmsetup needing sudo: crypt details unknown; a command that never answered', () => {
    const facts = encryptionFacts('debian', [
      output(ids.lsblk, '', { stderr: 'sh: 1: lsblk: not found\n', exitCode: 127 }),
      output(ids.crypttab, '', { stderr: fixture('debian/crypttab-missing.txt'), exitCode: 1 }),
      output(ids.dmsetupCrypt, '', { stderr: 'sudo: a password is required\n', exitCode: 1 }),
      output(ids.findmnt, '', { exitCode: null, error: 'timed out after 30 s' }),
    ]);
    expect(facts.complete).toBe(false);
    expect(facts.cryptDetailsKnown).toBe(false);
    expect(facts.crypttab).toEqual([]);
    expect(facts.checks.map((check) => [check.commandId, check.status])).toEqual([
      [ids.lsblk, 'tool-missing'],
      [ids.crypttab, 'unsupported'],
      [ids.procSwaps, 'not-run'],
      [ids.findmnt, 'no-answer'],
      [ids.blkid, 'not-run'],
      [ids.dmsetupCrypt, 'needs-privilege'],
    ]);
    expect(facts.checks[0]!.message).toContain('sh: 1: lsblk: not found');
    expect(facts.checks[3]!.message).toBe('timed out after 30 s');
  });
});

describe('SmartOS', () => {
  const smartosOutputs = () => [
    output(ids.zfsGet, fixture('smartos/zfs-get-encryption.txt')),
    output(ids.zpoolStatus, fixture('smartos/zpool-status.txt')),
    output(ids.sysinfo, fixture('smartos/sysinfo.txt')),
  ];

  test('the fixture host (zfs-get-encryption + zpool-status + sysinfo): all encrypted but the exempt boot filesystem', () => {
    const facts = encryptionFacts('smartos', smartosOutputs());
    expect(facts.complete).toBe(true);
    expect(facts.volumes.map((volume) => [volume.name, volume.class, volume.encryption])).toEqual([
      ['zones', 'data', 'encrypted'],
      ['zones/7f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'data', 'encrypted'],
      ['zones/archive', 'data', 'encrypted'],
      ['zones/boot', 'boot', 'unencrypted'],
      ['zones/config', 'data', 'encrypted'],
      ['zones/dump', 'swap', 'encrypted'],
      ['zones/swap', 'swap', 'encrypted'],
    ]);
    // Without encryptionroot in the output, the root is the ancestor with a real keylocation.
    expect(facts.zfsDatasets.find((dataset) => dataset.name === 'zones/archive')).toMatchObject({ encryptionRoot: 'zones', encryptedAncestor: 'zones' });
    const pool = facts.deviceTree[0]!;
    expect(pool).toMatchObject({ kind: 'zpool', state: 'ONLINE', sizeBytes: 1780 * GiB, marker: 'encrypted' });
    expect(pool.members[0]).toMatchObject({ kind: 'vdev', type: 'raidz3', state: 'ONLINE' });
    expect(pool.members[0]!.members.map((disk) => [disk.name, disk.sizeBytes])).toEqual([
      ['c1t1d0', 1e12],
      ['c3t0d0', 1e12],
      ['c3t1d0', 1e12],
      ['c3t2d0', 1e12],
      ['c3t3d0', 1e12],
    ]);
    expectMatchesExpected('facts-smartos-fixture-host', facts);
  });

  test('the zone of vmadm-get.txt: its zfs_filesystem is an encrypted data volume', () => {
    const vm = JSON.parse(fixture('smartos/vmadm-get.txt')) as { zfs_filesystem: string; zpool: string };
    const facts = encryptionFacts('smartos', smartosOutputs());
    expect(facts.volumes.find((volume) => volume.id === vm.zfs_filesystem)).toMatchObject({ class: 'data', encryption: 'encrypted', zfs: { pool: vm.zpool } });
  });

  test('the datasets of zfs-list-H.txt, asked with mountpoint: legacy, none, zvols and zone datasets classified', () => {
    const lines = fixture('smartos/zfs-list-H.txt')
      .trim()
      .split('\n')
      .flatMap((line) => {
        const [name, , , mountpoint] = line.split('\t') as [string, string, string, string];
        const on = name !== 'zones/boot';
        return [
          `${name}\tencryption\t${on ? 'aes-256-gcm' : 'off'}`,
          `${name}\tkeystatus\t${on ? 'available' : '-'}`,
          `${name}\tencryptionroot\t${on ? 'zones' : '-'}`,
          `${name}\tmountpoint\t${mountpoint}`,
        ];
      });
    const facts = encryptionFacts('smartos', [output(ids.zfsGet, `${lines.join('\n')}\n`)]);
    const classOf = new Map(facts.zfsDatasets.map((dataset) => [dataset.name, [dataset.type, dataset.class]]));
    expect(classOf.get('zones/cores')).toEqual(['filesystem', null]);
    expect(classOf.get('zones/config')).toEqual(['filesystem', 'data']);
    expect(classOf.get('zones/c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/disk0')).toEqual(['volume', 'data']);
    expect(classOf.get('zones/swap')).toEqual(['volume', 'swap']);
    expect(classOf.get('zones/dump')).toEqual(['volume', 'swap']);
    expect(classOf.get('zones/boot')).toEqual(['filesystem', 'boot']);
    expect(classOf.get('zones/cores/global')).toEqual(['filesystem', 'data']);
    expect(facts.volumes).toHaveLength(15);
    expect(facts.volumes.filter((volume) => volume.encryption !== 'encrypted').map((volume) => volume.name)).toEqual(['zones/boot']);
  });

  test('zfs get refused (old platform): the zones pool from sysinfo stands in, and the facts are not complete', () => {
    const facts = encryptionFacts('smartos', [
      output(ids.zfsGet, '', { stderr: "bad property list: invalid property 'encryptionroot'\n", exitCode: 2 }),
      output(ids.zpoolStatus, fixture('smartos/zpool-status.txt')),
      output(ids.sysinfo, fixture('smartos/sysinfo-unencrypted-pool.txt')),
    ]);
    expect(facts.complete).toBe(false);
    expect(facts.checks[0]).toMatchObject({ status: 'unsupported', message: expect.stringContaining('bad property list') });
    expect(facts.volumes).toEqual([expect.objectContaining({ id: 'zpool:zones', class: 'data', encryption: 'unencrypted', sizeBytes: 1780 * GiB })]);
    expect(facts.deviceTree[0]).toMatchObject({ name: 'zones', marker: 'unencrypted', volumeId: 'zpool:zones' });
  });

  test('sysinfo and zfs get disagreeing is noted; zfs get is believed', () => {
    const facts = encryptionFacts('smartos', [output(ids.zfsGet, fixture('smartos/zfs-get-encryption-unencrypted.txt')), output(ids.sysinfo, fixture('smartos/sysinfo.txt'))]);
    expect(facts.volumes[0]!.encryption).toBe('unencrypted');
    expect(facts.checks.find((check) => check.commandId === ids.sysinfo)!.warnings).toEqual(['sysinfo says "Zpool Encrypted": true but zfs get says zones encryption=off; zfs get is believed']);
  });
});
