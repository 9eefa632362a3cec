// The encryption area against the demo fleet's simulated hosts, in process
// (no SSH): the command lines OpsDeck sends, answered by each host profile.
import { describe, expect, test } from 'vitest';
import { parseBlkid } from '../../../main/engine/collectors/encryption/blkid';
import { parseDmsetupCryptTable } from '../../../main/engine/collectors/encryption/dmsetup-table';
import { ENCRYPTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/encryption/encryption-commands';
import { parseLsblkJson, type LsblkDevice } from '../../../main/engine/collectors/encryption/lsblk-json';
import { encryptionCoverage } from '../../../main/engine/posture/encryption-findings';
import { scanDemoFleetEncryption } from './support/demo-fleet-scan';

const scanned = scanDemoFleetEncryption(new Date('2025-06-01T00:00:00Z'));

const stdoutOf = (each: (typeof scanned)[number], id: string) => each.outputs.find((output) => output.id === id)!;

describe('the demo fleet', () => {
  test('the planted unencrypted log volume on mx1.nj is the low, admitted-exception finding', () => {
    const mx1 = scanned.find((each) => each.host.name === 'mx1.nj')!;
    const logs = mx1.findings.find((finding) => finding.id === 'encryption.logs-unencrypted:mx1.nj');
    expect(logs).toMatchObject({ severity: 'low', title: "Logs on an unencrypted volume (the provider's known, admitted exception): /var/log (sdb1)" });
    expect(encryptionCoverage(mx1.facts)).toMatchObject({ fullyEncrypted: false });
  });

  test('no host has data, swap or ZFS datasets unencrypted; every volume list is complete', () => {
    for (const { host, facts, findings } of scanned) {
      expect(facts.complete, host.name).toBe(true);
      expect(
        findings.filter((finding) => finding.severity === 'high' || finding.severity === 'critical').map((finding) => finding.id),
        host.name,
      ).toEqual([]);
    }
  });

  test('SmartOS nodes: encrypted zones pools with the piadm boot filesystem exempt', () => {
    const nodes = scanned.filter((each) => each.host.os === 'smartos');
    expect(nodes.length).toBeGreaterThan(0);
    for (const { facts } of nodes) {
      expect(facts.volumes.filter((volume) => volume.encryption !== 'encrypted').map((volume) => [volume.name, volume.class])).toEqual([['zones/boot', 'boot']]);
      expect(encryptionCoverage(facts).fullyEncrypted).toBe(true);
    }
  });

  test('every clean host has no encryption finding at all; only the planted problem and the sudo-less host show one', () => {
    const withFindings = scanned.filter((each) => each.findings.length > 0).map((each) => [each.host.name, each.findings.map((finding) => finding.id)]);
    expect(withFindings).toEqual([
      ['mx1.nj', ['encryption.logs-unencrypted:mx1.nj']],
      // mx1.sea's sudo asks for a password: dmsetup cannot be read, and that is said, at info.
      ['mx1.sea', ['encryption.crypt-details-unknown:mx1.sea']],
    ]);
    const mx1sea = scanned.find((each) => each.host.name === 'mx1.sea')!;
    expect(mx1sea.findings[0]).toMatchObject({ severity: 'info' });
    expect(mx1sea.findings[0]!.detail).toContain('needs-privilege');
  });

  test('dmsetup gives every open LUKS mapping its version and cipher: LUKS2, aes-xts-plain64, 512-bit key', () => {
    const debian = scanned.filter((each) => each.host.os === 'debian' && !each.host.problems.includes('sudo-needs-password'));
    expect(debian.length).toBeGreaterThan(10);
    for (const { host, facts } of debian) {
      expect(facts.cryptDetailsKnown, host.name).toBe(true);
      const layers = facts.volumes.flatMap((volume) => volume.crypt);
      expect(layers.length, host.name).toBeGreaterThan(0);
      for (const layer of layers) expect([layer.name, layer.scheme, layer.luksVersion, layer.cipher, layer.keyBits]).toEqual([layer.name, 'luks', 2, 'aes-xts-plain64', 512]);
    }
  });

  test("the root-only probes agree with lsblk and crypttab: dmsetup sizes and keyring UUIDs, blkid's types", () => {
    for (const each of scanned.filter((scan) => scan.host.os === 'debian' && !scan.host.problems.includes('sudo-needs-password'))) {
      const lsblk = stdoutOf(each, ids.lsblk);
      const devices = flatten(parseLsblkJson(lsblk.stdout, '', 0).value!.devices);
      const dm = parseDmsetupCryptTable(stdoutOf(each, ids.dmsetupCrypt).stdout, '', 0);
      expect(dm.status, each.host.name).toBe('ok');
      expect(dm.warnings).toEqual([]);
      const crypttab = stdoutOf(each, ids.crypttab).stdout;
      for (const target of dm.value!) {
        const mapping = devices.find((device) => device.name === target.name)!;
        expect(target.sizeBytes, `${each.host.name} ${target.name}`).toBe(mapping.sizeBytes);
        expect(target.keyStorage).toBe('keyring');
        expect(crypttab).toContain(`${target.name} UUID=${target.luksUuid} `);
      }
      const blkid = parseBlkid(stdoutOf(each, ids.blkid).stdout, '', 0);
      expect(blkid.status).toBe('ok');
      for (const entry of blkid.value!.filter((found) => found.type !== null)) {
        const name = entry.device.replace(/^\/dev\/(mapper\/)?/, '');
        expect([name, devices.find((device) => device.name === name)?.fstype]).toEqual([name, entry.type]);
      }
    }
  });
});

function flatten(devices: LsblkDevice[]): LsblkDevice[] {
  return devices.flatMap((device) => [device, ...flatten(device.children)]);
}
