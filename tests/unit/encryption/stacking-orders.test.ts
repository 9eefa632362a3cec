// Hand-built device trees for every stacking order: where the crypt layer
// sits must not matter, only whether every path from the filesystem down to
// the disks passes one.
import { describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../main/engine/collectors/encryption/encryption-facts';
import type { EncryptionFacts, StorageVolume } from '../../../main/engine/collectors/encryption/encryption-model';
import { encryptionFindings } from '../../../main/engine/posture/encryption-findings';
import { hostContext, lsblkJson, output, type Dev } from './support/encryption-fixtures';

function debianFacts(devices: Dev[], dmTable = ''): EncryptionFacts {
  return encryptionFacts('debian', [output(ids.lsblk, lsblkJson(devices)), output(ids.dmsetupCrypt, dmTable || 'No devices found\n')]);
}

function volume(facts: EncryptionFacts, name: string): StorageVolume {
  const found = facts.volumes.find((each) => each.name === name);
  if (!found) throw new Error(`no volume ${name} in ${facts.volumes.map((each) => each.name).join(', ')}`);
  return found;
}

const layers = (facts: EncryptionFacts, name: string) => volume(facts, name).layers.map((layer) => `${layer.kind}:${layer.name}`);

describe('stacking orders on Debian', () => {
  test('LUKS on a partition', () => {
    const facts = debianFacts(
      [
        {
          name: 'sda',
          type: 'disk',
          children: [{ name: 'sda1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'data_crypt', kname: 'dm-0', type: 'crypt', fstype: 'ext4', mountpoints: ['/srv/mail'] }] }],
        },
      ],
      'data_crypt: 0 100 crypt aes-xts-plain64 :64:logon:cryptsetup:11111111-2222-3333-4444-555555555555-d0 0 8:1 32768\n',
    );
    expect(volume(facts, 'data_crypt')).toMatchObject({ id: 'dm-0', class: 'data', encryption: 'encrypted', device: '/dev/mapper/data_crypt' });
    expect(layers(facts, 'data_crypt')).toEqual(['disk:sda', 'part:sda1', 'crypt:data_crypt']);
    expect(volume(facts, 'data_crypt').crypt).toEqual([
      expect.objectContaining({ name: 'data_crypt', scheme: 'luks', luksVersion: 2, cipher: 'aes-xts-plain64', keyBits: 512, container: 'sda1', open: true }),
    ]);
  });

  test('LVM on LUKS (the Debian installer\'s "encrypted LVM"): root, swap and /var/log all encrypted', () => {
    const facts = debianFacts([
      {
        name: 'nvme0n1',
        type: 'disk',
        children: [
          { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'] },
          {
            name: 'nvme0n1p3',
            type: 'part',
            fstype: 'crypto_LUKS',
            children: [
              {
                name: 'nvme0n1p3_crypt',
                kname: 'dm-0',
                type: 'crypt',
                fstype: 'LVM2_member',
                children: [
                  { name: 'vg0-root', kname: 'dm-1', type: 'lvm', fstype: 'ext4', mountpoints: ['/'] },
                  { name: 'vg0-swap', kname: 'dm-2', type: 'lvm', fstype: 'swap', mountpoints: ['[SWAP]'] },
                  { name: 'vg0-log', kname: 'dm-3', type: 'lvm', fstype: 'ext4', mountpoints: ['/var/log'] },
                ],
              },
            ],
          },
        ],
      },
    ]);
    expect(facts.volumes.map((each) => [each.name, each.class, each.encryption])).toEqual([
      ['nvme0n1p1', 'boot', 'unencrypted'],
      ['vg0-root', 'data', 'encrypted'],
      ['vg0-swap', 'swap', 'encrypted'],
      ['vg0-log', 'logs', 'encrypted'],
    ]);
    expect(layers(facts, 'vg0-root')).toEqual(['disk:nvme0n1', 'part:nvme0n1p3', 'crypt:nvme0n1p3_crypt', 'lvm:vg0-root']);
    expect(encryptionFindings(facts, hostContext()).map((finding) => finding.id)).toEqual([]);
  });

  test('LUKS on LVM: the crypt layer above the logical volume', () => {
    const facts = debianFacts([
      {
        name: 'sda',
        type: 'disk',
        children: [
          {
            name: 'sda1',
            type: 'part',
            fstype: 'LVM2_member',
            children: [
              { name: 'vg1-mail', kname: 'dm-0', type: 'lvm', fstype: 'crypto_LUKS', children: [{ name: 'mail_crypt', kname: 'dm-1', type: 'crypt', fstype: 'xfs', mountpoints: ['/srv/mail'] }] },
              { name: 'vg1-scratch', kname: 'dm-2', type: 'lvm', fstype: 'ext4', mountpoints: ['/srv/scratch'] },
            ],
          },
        ],
      },
    ]);
    expect(volume(facts, 'mail_crypt')).toMatchObject({ encryption: 'encrypted', crypt: [expect.objectContaining({ container: 'vg1-mail', scheme: 'luks' })] });
    expect(layers(facts, 'mail_crypt')).toEqual(['disk:sda', 'part:sda1', 'lvm:vg1-mail', 'crypt:mail_crypt']);
    expect(volume(facts, 'vg1-scratch')).toMatchObject({ encryption: 'unencrypted', encryptionReason: 'no crypt layer between it and disk sda' });
    const findings = encryptionFindings(facts, hostContext());
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([['encryption.data-unencrypted:db1.nj', 'high']]);
    expect(findings[0]!.title).toBe('Data on an unencrypted volume: /srv/scratch (vg1-scratch)');
  });

  test('LUKS on md RAID: the array appears under both members, once as a volume', () => {
    const md = (): Dev => ({ name: 'md0', type: 'raid1', fstype: 'crypto_LUKS', children: [{ name: 'md0_crypt', kname: 'dm-0', type: 'crypt', fstype: 'ext4', mountpoints: ['/srv/backup'] }] });
    const facts = debianFacts([
      { name: 'sda', type: 'disk', children: [{ name: 'sda1', type: 'part', fstype: 'linux_raid_member', children: [md()] }] },
      { name: 'sdb', type: 'disk', children: [{ name: 'sdb1', type: 'part', fstype: 'linux_raid_member', children: [md()] }] },
    ]);
    expect(facts.volumes.map((each) => [each.name, each.encryption])).toEqual([['md0_crypt', 'encrypted']]);
    expect(layers(facts, 'md0_crypt')).toEqual(['disk:sda', 'part:sda1', 'raid:md0', 'crypt:md0_crypt']);
    // The tree keeps lsblk's shape: the array under each member, with distinct ids.
    const ids = JSON.stringify(facts.deviceTree).match(/"id":"[^"]*md0_crypt"/g);
    expect(ids).toEqual(['"id":"sda/sda1/md0/md0_crypt"', '"id":"sdb/sdb1/md0/md0_crypt"']);
  });

  test('md RAID over two LUKS mappings is encrypted; over one LUKS and one plain partition it is not', () => {
    const raid = (fstype: string): Dev => ({ name: 'md1', type: 'raid1', fstype, mountpoints: ['/srv/data'] });
    const encrypted = debianFacts([
      {
        name: 'sda',
        type: 'disk',
        children: [{ name: 'sda1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'a_crypt', kname: 'dm-0', type: 'crypt', fstype: 'linux_raid_member', children: [raid('ext4')] }] }],
      },
      {
        name: 'sdb',
        type: 'disk',
        children: [{ name: 'sdb1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'b_crypt', kname: 'dm-1', type: 'crypt', fstype: 'linux_raid_member', children: [raid('ext4')] }] }],
      },
    ]);
    expect(volume(encrypted, 'md1')).toMatchObject({ encryption: 'encrypted' });
    expect(volume(encrypted, 'md1').crypt.map((layer) => layer.name)).toEqual(['a_crypt', 'b_crypt']);
    const mixed = debianFacts([
      {
        name: 'sda',
        type: 'disk',
        children: [{ name: 'sda1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'a_crypt', kname: 'dm-0', type: 'crypt', fstype: 'linux_raid_member', children: [raid('ext4')] }] }],
      },
      { name: 'sdb', type: 'disk', children: [{ name: 'sdb1', type: 'part', fstype: 'linux_raid_member', children: [raid('ext4')] }] },
    ]);
    expect(volume(mixed, 'md1')).toMatchObject({ encryption: 'unencrypted', encryptionReason: 'no crypt layer between it and disk sdb' });
  });

  test('an LV spanning an encrypted and a plain PV is not encrypted', () => {
    const lv = (): Dev => ({ name: 'vg-big', kname: 'dm-5', type: 'lvm', fstype: 'xfs', mountpoints: ['/srv/big'] });
    const facts = debianFacts([
      {
        name: 'sda',
        type: 'disk',
        children: [{ name: 'sda1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'pv_crypt', kname: 'dm-0', type: 'crypt', fstype: 'LVM2_member', children: [lv()] }] }],
      },
      { name: 'sdb', type: 'disk', fstype: 'LVM2_member', children: [lv()] },
    ]);
    expect(volume(facts, 'vg-big').encryption).toBe('unencrypted');
  });

  test('loop devices and unknown device types cannot be judged; a crypt layer above them still can; optical media are no volume', () => {
    const facts = debianFacts([
      { name: 'loop0', type: 'loop', fstype: 'squashfs', mountpoints: ['/snap/core/1'] },
      { name: 'weird0', type: 'nvdimm-ish', fstype: 'ext4', mountpoints: ['/srv/pmem'] },
      { name: 'loop1', type: 'loop', fstype: 'crypto_LUKS', children: [{ name: 'vault', kname: 'dm-0', type: 'crypt', fstype: 'ext4', mountpoints: ['/srv/vault'] }] },
      // A cloud-init config drive: read-only media hold nothing the host stores.
      { name: 'sr0', type: 'rom', fstype: 'iso9660' },
    ]);
    expect(facts.volumes.map((each) => [each.name, each.encryption, each.encryptionReason])).toEqual([
      ['loop0', 'unknown', "on loop device loop0: its backing file's encryption is not visible"],
      ['weird0', 'unknown', 'on weird0, of unknown device type "nvdimm-ish"'],
      ['vault', 'encrypted', 'on dm-crypt mapping vault (container loop1)'],
    ]);
    expect(facts.checks.find((check) => check.commandId === ids.lsblk)!.warnings).toEqual(['unknown device type "nvdimm-ish": shown as an opaque layer whose encryption cannot be judged']);
  });
});

describe('ZFS on SmartOS', () => {
  test('an encrypted root with an unencrypted child: the child is a finding, the boot filesystem is exempt', () => {
    const lines: string[] = [];
    const dataset = (name: string, encryption: string, mountpoint: string, root = 'zones') => {
      const on = encryption !== 'off';
      lines.push(
        `${name}\tencryption\t${encryption}`,
        `${name}\tkeystatus\t${on ? 'available' : '-'}`,
        `${name}\tkeyformat\t${on ? 'passphrase' : 'none'}`,
        `${name}\tkeylocation\t${on && name === root ? 'prompt' : 'none'}`,
        `${name}\tencryptionroot\t${on ? root : '-'}`,
        `${name}\tmountpoint\t${mountpoint}`,
      );
    };
    dataset('zones', 'aes-256-gcm', '/zones');
    dataset('zones/boot', 'off', '/zones/boot');
    dataset('zones/mail', 'aes-256-gcm', '/zones/mail');
    dataset('zones/mail/spool', 'off', '/zones/mail/spool');
    dataset('zones/mail/spool/log', 'off', '/zones/mail/spool/log');
    const facts = encryptionFacts('smartos', [output(ids.zfsGet, `${lines.join('\n')}\n`)]);
    expect(facts.volumes.map((each) => [each.name, each.class, each.encryption, each.zfs?.encryptedAncestor])).toEqual([
      ['zones', 'data', 'encrypted', null],
      ['zones/boot', 'boot', 'unencrypted', 'zones'],
      ['zones/mail', 'data', 'encrypted', 'zones'],
      ['zones/mail/spool', 'data', 'unencrypted', 'zones/mail'],
      ['zones/mail/spool/log', 'logs', 'unencrypted', 'zones/mail'],
    ]);
    expect(layers(facts, 'zones/mail/spool')).toEqual(['zpool:zones', 'dataset:zones', 'dataset:zones/mail', 'dataset:zones/mail/spool']);
    const findings = encryptionFindings(facts, hostContext('cn1.nj', 'smartos'));
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([
      ['encryption.logs-unencrypted:cn1.nj', 'low'],
      ['encryption.zfs-unencrypted-child:cn1.nj', 'high'],
    ]);
    expect(findings[1]!.title).toBe('ZFS dataset with encryption off under an encrypted parent: zones/mail/spool');
    // The tree: pool > root dataset > children, nested by name.
    const pool = facts.deviceTree[0]!;
    expect(pool).toMatchObject({ kind: 'zpool', name: 'zones', marker: 'encrypted' });
    expect(pool.children[0]!.children.map((child) => [child.name, child.marker])).toEqual([
      ['zones/boot', 'unencrypted'],
      ['zones/mail', 'encrypted'],
    ]);
    expect(pool.children[0]!.children[1]!.children[0]!.children[0]!.name).toBe('zones/mail/spool/log');
  });
});
