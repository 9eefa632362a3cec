// No input — garbage, mangled real output, random JSON, adversarial shapes
// (deep nesting, long lines, device stacks that loop) — makes an encryption
// parser, the facts step or the findings step throw or hang, and every result
// is plain JSON.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseBlkid } from '../../../main/engine/collectors/encryption/blkid';
import { parseCryptsetupStatus } from '../../../main/engine/collectors/encryption/cryptsetup-status';
import { parseCrypttab } from '../../../main/engine/collectors/encryption/crypttab';
import { parseDmsetupCryptTable } from '../../../main/engine/collectors/encryption/dmsetup-table';
import { ENCRYPTION_CLI_FORMATS, parseEncryptionForCli } from '../../../main/engine/collectors/encryption/encryption-cli';
import { ENCRYPTION_COMMANDS, ENCRYPTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../main/engine/collectors/encryption/encryption-facts';
import { parseFindmntJson } from '../../../main/engine/collectors/encryption/findmnt-json';
import { parseLsblkJson } from '../../../main/engine/collectors/encryption/lsblk-json';
import { parseLuksDump } from '../../../main/engine/collectors/encryption/luks-dump';
import { parseProcSwaps } from '../../../main/engine/collectors/encryption/proc-swaps';
import { parseSysinfo } from '../../../main/engine/collectors/encryption/sysinfo';
import { parseZfsGet } from '../../../main/engine/collectors/encryption/zfs-get';
import { parseZpoolStatus } from '../../../main/engine/collectors/encryption/zpool-status';
import { encryptionCoverage, encryptionFindings } from '../../../main/engine/posture/encryption-findings';
import type { OutputParser } from '../../support/all-parsers';
import {
  commandExitCode,
  commandStderr,
  expectWellFormedParse,
  pickedLines,
  randomCommandOutputs,
  splicedWithNoise,
  testCliFormatsNeverThrow,
  testParsersNeverThrow,
  timed,
} from '../../support/parser-properties';
import { fixture, hostContext, lsblkJson, output, type Dev } from './support/encryption-fixtures';

const PARSERS: Record<string, OutputParser> = {
  lsblk: parseLsblkJson,
  cryptsetupStatus: parseCryptsetupStatus,
  luksDump: parseLuksDump,
  crypttab: parseCrypttab,
  dmsetup: parseDmsetupCryptTable,
  procSwaps: parseProcSwaps,
  findmnt: parseFindmntJson,
  blkid: parseBlkid,
  zfsGet: parseZfsGet,
  zpoolStatus: parseZpoolStatus,
  sysinfo: parseSysinfo,
};

const REAL_OUTPUTS = [
  'debian/lsblk-J-luks.txt',
  'debian/cryptsetup-status.txt',
  'debian/cryptsetup-status-luks1.txt',
  'debian/cryptsetup-status-errors.txt',
  'debian/crypttab.txt',
  'debian/crypttab-default.txt',
  'debian/crypttab-missing.txt',
  'debian/dmsetup-table-target-crypt.txt',
  'debian/dmsetup-table-errors.txt',
  'debian/command-not-found.txt',
  'smartos/zfs-get-encryption.txt',
  'smartos/zfs-get-encryption-unencrypted.txt',
  'smartos/zfs-list-H.txt',
  'smartos/zpool-status.txt',
  'smartos/sysinfo.txt',
  'smartos/sysinfo-unencrypted-pool.txt',
  'smartos/vmadm-get.txt',
].map((path) => fixture(path));

/** Real output cut and spliced with noise, lines dropped or repeated, or random text and JSON. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json({ maxDepth: 6 }), splicedWithNoise(REAL_OUTPUTS), pickedLines(REAL_OUTPUTS));
const stderr = commandStderr('No such file or directory\n');
const inputs = { stdout: text, stderr, exitCode: commandExitCode };

describe('every encryption parser', () => {
  testParsersNeverThrow(PARSERS, inputs);

  test('adversarial shapes stay fast: deep JSON, long lines full of separators, many lines', () => {
    const deep = `${'{"blockdevices":['.repeat(1)}${'{"name":"a","children":['.repeat(5000)}${']}'.repeat(5000)}]}`;
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const longLine = `${'a: '.repeat(2700)}\n`.repeat(200);
    const isLine = `${'x is '.repeat(1600)}active.\n`.repeat(200);
    const tags = `/dev/sda: ${'A="\\'.repeat(2500)}\n`.repeat(100);
    const manyLines = 'x\ty\tz\n'.repeat(150_000);
    const brackets = JSON.stringify({ filesystems: [{ target: '/', source: `${'['.repeat(100_000)}x]` }] });
    for (const input of [deep, nested, longLine, isLine, tags, manyLines, brackets]) {
      for (const parse of Object.values(PARSERS)) expectWellFormedParse(timed(() => parse(input, '', 0)));
    }
  }, 120_000);
});

/** Random lsblk trees drawn from a small pool of names, so devices repeat under several parents and stacks can loop. */
function deviceAt(depth: number): fc.Arbitrary<Dev> {
  return fc.record({
    name: fc.constantFrom('sda', 'sda1', 'sdb', 'md0', 'c1', 'vg-root', 'loop0', 'zram0', 'odd'),
    type: fc.constantFrom('disk', 'part', 'crypt', 'lvm', 'raid1', 'loop', 'dm', 'mystery'),
    fstype: fc.constantFrom(null, 'ext4', 'crypto_LUKS', 'LVM2_member', 'linux_raid_member', 'swap', 'vfat', 'xfs'),
    size: fc.nat(),
    mountpoints: fc.array(fc.constantFrom(null, '/', '/var/log', '/boot', '/srv/data', '[SWAP]', '/tmp'), { maxLength: 3 }),
    children: depth > 0 ? fc.array(deviceAt(depth - 1), { maxLength: 3 }) : fc.constant([]),
  });
}
const device = deviceAt(4);

describe('the facts and findings steps', () => {
  test('random device trees (repeats, loops, unknown types): no throw; encrypted volumes name a crypt layer, locked ones are containers', () => {
    fc.assert(
      fc.property(fc.array(device, { maxLength: 4 }), (devices) => {
        const facts = timed(() => encryptionFacts('debian', [output(ids.lsblk, lsblkJson(devices)), output(ids.dmsetupCrypt, fixture('debian/dmsetup-table-target-crypt.txt'))]));
        for (const volume of facts.volumes) {
          if (volume.encryption === 'encrypted') expect(volume.crypt.length).toBeGreaterThan(0);
          if (volume.encryption === 'locked') expect(volume.fstype).toMatch(/^crypto_/);
        }
        const findings = encryptionFindings(facts, hostContext());
        expect(new Set(findings.map((finding) => finding.id)).size).toBe(findings.length);
        expect(JSON.parse(JSON.stringify({ facts, findings, coverage: encryptionCoverage(facts) }))).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  test('random outputs for every command, on both OSes: facts, findings and coverage never throw', () => {
    const outputsFor = (os: 'debian' | 'smartos') => randomCommandOutputs(ENCRYPTION_COMMANDS[os], output, inputs);
    for (const os of ['debian', 'smartos'] as const) {
      fc.assert(
        fc.property(outputsFor(os), (outputs) => {
          const facts = timed(() => encryptionFacts(os, outputs));
          encryptionFindings(facts, hostContext('h1.nj', os));
          encryptionCoverage(facts);
          expect(() => JSON.stringify(facts)).not.toThrow();
        }),
        { numRuns: 200 },
      );
    }
  });

  testCliFormatsNeverThrow(ENCRYPTION_CLI_FORMATS, parseEncryptionForCli, text);
});
