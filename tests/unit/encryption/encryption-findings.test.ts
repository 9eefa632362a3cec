import { describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../main/engine/collectors/encryption/encryption-facts';
import type { CryptLayer } from '../../../main/engine/collectors/encryption/encryption-model';
import { cipherVerdict } from '../../../main/engine/posture/encryption-cipher';
import { encryptionCoverage, encryptionFindings, encryptionFindingId, ENCRYPTION_FINDING_KINDS } from '../../../main/engine/posture/encryption-findings';
import { CONTROLS } from '../../../main/engine/posture/finding';
import { expectMatchesExpected, fixture, GiB, hostContext, lsblkJson, output } from './support/encryption-fixtures';

const fixtureHost = () =>
  encryptionFacts('debian', [
    output(ids.lsblk, fixture('debian/lsblk-J-luks.txt')),
    output(ids.crypttab, fixture('debian/crypttab.txt')),
    output(ids.dmsetupCrypt, fixture('debian/dmsetup-table-target-crypt.txt')),
  ]);

describe('findings of the Debian fixture host', () => {
  const findings = encryptionFindings(fixtureHost(), hostContext('mx1.nj'));

  test('LUKS1 (inferred from the key in the dm table) and crypttab entries that are not open', () => {
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.luks1:mx1.nj', 'medium', 'LUKS1 header: data_crypt'],
      ['encryption.crypttab-not-open:mx1.nj', 'medium', 'crypttab entries not open: sdb1_crypt, cswap'],
    ]);
    expect(findings[0]!.detail).toContain('--disable-keyring');
  });

  test('every finding is area encryption, control onDiskEncryption (Annex 2 §6), with evidence', () => {
    for (const finding of findings) {
      expect(finding).toMatchObject({ host: 'mx1.nj', dc: 'nj', area: 'encryption', control: 'onDiskEncryption' });
      expect(finding.evidence.commandIds.length).toBeGreaterThan(0);
      expect(finding.evidence.excerpt.length).toBeGreaterThan(0);
    }
    expect(CONTROLS.onDiskEncryption.section).toBe('6');
    expectMatchesExpected('findings-debian-fixture-host', findings);
  });
});

describe('unencrypted data, logs and swap', () => {
  const facts = encryptionFacts('debian', [
    output(
      ids.lsblk,
      lsblkJson([
        {
          name: 'nvme0n1',
          type: 'disk',
          children: [
            { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'] },
            { name: 'nvme0n1p2', type: 'part', fstype: 'ext4', size: 64 * GiB, mountpoints: ['/'] },
            { name: 'nvme0n1p3', type: 'part', fstype: 'swap', mountpoints: ['[SWAP]'] },
          ],
        },
        { name: 'sdb', type: 'disk', children: [{ name: 'sdb1', type: 'part', fstype: 'ext4', size: 447 * GiB, mountpoints: ['/var/log'] }] },
      ]),
    ),
    output(ids.crypttab, fixture('debian/crypttab-default.txt')),
    output(ids.dmsetupCrypt, 'No devices found\n'),
  ]);
  const findings = encryptionFindings(facts, hostContext('web1.sea'));

  test('data high, logs low and titled as the admitted exception, swap medium; boot exempt', () => {
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.data-unencrypted:web1.sea', 'high', 'Data on an unencrypted volume: / (nvme0n1p2)'],
      ['encryption.logs-unencrypted:web1.sea', 'low', "Logs on an unencrypted volume (the provider's known, admitted exception): /var/log (sdb1)"],
      ['encryption.swap-unencrypted:web1.sea', 'medium', 'Unencrypted swap: swap (nvme0n1p3)'],
    ]);
    expect(findings[1]!.evidence.excerpt).toEqual(['/var/log (sdb1): ext4, 447.0 GiB, sdb > sdb1 — no crypt layer between it and disk sdb']);
    expect(findings[2]!.evidence.commandIds).toEqual([ids.lsblk, ids.findmnt, ids.procSwaps]);
  });

  test('coverage: data and log bytes, nothing encrypted, not fully encrypted', () => {
    expect(encryptionCoverage(facts)).toEqual({
      dataBytes: (64 + 447) * GiB,
      encryptedDataBytes: 0,
      fullyEncrypted: false,
      dataVolumes: 2,
      encryptedDataVolumes: 0,
      dataVolumesWithoutSize: 0,
      unknownVolumes: 0,
    });
  });

  test('ids are stable: the same facts give the same findings', () => {
    expect(encryptionFindings(facts, hostContext('web1.sea'))).toEqual(findings);
    expect(encryptionFindingId(ENCRYPTION_FINDING_KINDS.dataUnencrypted, 'web1.sea')).toBe('encryption.data-unencrypted:web1.sea');
  });
});

describe('weak ciphers', () => {
  const layer = (cipher: string | null, keyBits: number | null, scheme: CryptLayer['scheme'] = 'luks'): CryptLayer => ({
    name: 'x',
    scheme,
    luksVersion: 2,
    versionEvidence: null,
    cipher,
    keyBits,
    open: true,
    container: null,
    crypttabTarget: null,
    zfs: null,
  });

  test('the standard passes; CBC, ECB, no cipher, short XTS keys, other ciphers and small ZFS suites do not', () => {
    expect(cipherVerdict(layer('aes-xts-plain64', 512))).toBeNull();
    expect(cipherVerdict(layer(null, null))).toBeNull();
    expect(cipherVerdict(layer('aes-256-gcm', 256, 'zfs'))).toBeNull();
    expect(cipherVerdict(layer('aes-xts-plain64', 256))).toMatchObject({ severity: 'medium', reason: expect.stringContaining('AES-128') });
    expect(cipherVerdict(layer('aes-cbc-essiv:sha256', 256))).toMatchObject({ severity: 'medium' });
    expect(cipherVerdict(layer('aes-cbc-plain', 256))).toMatchObject({ severity: 'high' });
    expect(cipherVerdict(layer('aes-ecb', 256))).toMatchObject({ severity: 'high' });
    expect(cipherVerdict(layer('cipher_null-ecb', 0))).toMatchObject({ severity: 'high' });
    expect(cipherVerdict(layer('serpent-xts-plain64', 512))).toMatchObject({ severity: 'medium' });
    expect(cipherVerdict(layer('aes-128-ccm', 128, 'zfs'))).toMatchObject({ severity: 'medium' });
  });

  test('a CBC mapping on a host: one weak-cipher finding, high', () => {
    const facts = encryptionFacts('debian', [
      output(
        ids.lsblk,
        lsblkJson([
          {
            name: 'sda',
            type: 'disk',
            children: [{ name: 'sda1', type: 'part', fstype: 'crypto_LUKS', children: [{ name: 'old_crypt', kname: 'dm-0', type: 'crypt', fstype: 'ext4', mountpoints: ['/srv/old'] }] }],
          },
        ]),
      ),
      output(ids.dmsetupCrypt, `old_crypt: 0 8 crypt aes-cbc-plain ${'0'.repeat(64)} 0 8:1 4096\n`),
    ]);
    const findings = encryptionFindings(facts, hostContext());
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.luks1:db1.nj', 'medium', 'LUKS1 header: old_crypt'],
      ['encryption.weak-cipher:db1.nj', 'high', 'Weak encryption: old_crypt (aes-cbc-plain 256-bit)'],
    ]);
  });
});

describe('ZFS findings', () => {
  test('keystatus unavailable: one finding per host naming the encryption root', () => {
    const text = fixture('smartos/zfs-get-encryption.txt').replace(/keystatus\tavailable/g, 'keystatus\tunavailable');
    const facts = encryptionFacts('smartos', [output(ids.zfsGet, text)]);
    const findings = encryptionFindings(facts, hostContext('cn2.sea', 'smartos'));
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.zfs-key-unavailable:cn2.sea', 'medium', 'ZFS key not loaded for zones: 6 datasets cannot be mounted'],
    ]);
    expect(facts.volumes.filter((volume) => volume.encryption === 'locked')).toHaveLength(6);
    expect(encryptionCoverage(facts).fullyEncrypted).toBe(true);
  });

  test('an unencrypted zones pool (zfs-get-encryption-unencrypted + sysinfo-unencrypted-pool): data unencrypted, high', () => {
    const facts = encryptionFacts('smartos', [output(ids.zfsGet, fixture('smartos/zfs-get-encryption-unencrypted.txt')), output(ids.sysinfo, fixture('smartos/sysinfo-unencrypted-pool.txt'))]);
    const findings = encryptionFindings(facts, hostContext('cn1.nj', 'smartos'));
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([['encryption.data-unencrypted:cn1.nj', 'high', 'Data on an unencrypted volume: zones']]);
    expect(findings[0]!.evidence.commandIds).toEqual([ids.zfsGet]);
  });

  test('the encrypted fixture host has no finding; coverage counts volumes without sizes', () => {
    const facts = encryptionFacts('smartos', [
      output(ids.zfsGet, fixture('smartos/zfs-get-encryption.txt')),
      output(ids.zpoolStatus, fixture('smartos/zpool-status.txt')),
      output(ids.sysinfo, fixture('smartos/sysinfo.txt')),
    ]);
    expect(encryptionFindings(facts, hostContext('cn1.nj', 'smartos'))).toEqual([]);
    expect(encryptionCoverage(facts)).toEqual({ dataBytes: 0, encryptedDataBytes: 0, fullyEncrypted: true, dataVolumes: 4, encryptedDataVolumes: 4, dataVolumesWithoutSize: 4, unknownVolumes: 0 });
  });
});

describe('what could not be checked', () => {
  test('no volume list: encryption not verified (medium), naming the failed command and its message', () => {
    const facts = encryptionFacts('debian', [output(ids.lsblk, '', { stderr: 'bash: line 1: lsblk: command not found\n', exitCode: 127 })]);
    const findings = encryptionFindings(facts, hostContext());
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.encryption-unknown:db1.nj', 'medium', 'Encryption not verified: the block devices could not be listed'],
    ]);
    expect(findings[0]!.detail).toContain('bash: line 1: lsblk: command not found');
    expect(encryptionCoverage(facts).fullyEncrypted).toBe(false);
  });

  test('a container showing no block device: low, and not counted as fully encrypted', () => {
    const facts = encryptionFacts('debian', [output(ids.lsblk, '')]);
    const findings = encryptionFindings(facts, hostContext());
    expect(findings.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['encryption.encryption-unknown:db1.nj', 'low', "No disk volume holding data is visible: encryption of this host's storage cannot be judged"],
    ]);
    expect(encryptionCoverage(facts).fullyEncrypted).toBe(false);
  });

  test('open mappings whose cipher dmsetup could not show (sudo wants a password): info', () => {
    const facts = encryptionFacts('debian', [output(ids.lsblk, fixture('debian/lsblk-J-luks.txt')), output(ids.dmsetupCrypt, '', { stderr: 'sudo: a password is required\n', exitCode: 1 })]);
    const findings = encryptionFindings(facts, hostContext());
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([['encryption.crypt-details-unknown:db1.nj', 'info']]);
    expect(findings[0]!.title).toBe('Cipher and LUKS version not verified for 2 mappings: data_crypt, nvme0n1p3_crypt');
  });
});
