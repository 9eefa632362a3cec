// The encryption area against the demo fleet's simulated hosts, in process
// (no SSH): the command lines OpsDeck sends, answered by each host profile.
import { describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMANDS } from '../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../main/engine/collectors/encryption/encryption-facts';
import { remoteCommandLine, type CommandOutput } from '../../../main/engine/collectors/host-command';
import { parseDemoCommand } from '../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoHostProfile } from '../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { encryptionCoverage, encryptionFindings } from '../../../main/engine/posture/encryption-findings';
import { hostContext } from './support/encryption-fixtures';

const now = new Date('2025-06-01T00:00:00Z');
const spec = demoFleetSpec();

const scanned = spec.hosts.map((host) => {
  const profile = demoHostProfile(spec, host, now);
  const outputs: CommandOutput[] = ENCRYPTION_COMMANDS[host.os].map((command) => {
    const line = remoteCommandLine(command, true);
    const answer = profile.answer(parseDemoCommand(line));
    return { id: command.id, command: line, stdout: answer.stdout.toString(), stderr: answer.stderr.toString(), exitCode: answer.exitCode, durationMs: 1, error: null };
  });
  const facts = encryptionFacts(host.os, outputs);
  return { host, facts, findings: encryptionFindings(facts, { ...hostContext(host.name, host.os), dc: host.dc }) };
});

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
      expect(findings.filter((finding) => finding.severity === 'high' || finding.severity === 'critical').map((finding) => finding.id), host.name).toEqual([]);
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
});
