// The encryption area run against every demo-fleet host in process (no SSH):
// the command lines OpsDeck sends, answered by each host's profile.
import { ENCRYPTION_COMMANDS } from '../../../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../../../main/engine/collectors/encryption/encryption-facts';
import { remoteCommandLine, type CommandOutput } from '../../../../main/engine/collectors/host-command';
import { parseDemoCommand } from '../../../../main/engine/demo-fleet/demo-command';
import { demoFleetSpec } from '../../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoHostProfile } from '../../../../main/engine/demo-fleet/profiles/demo-host-profile';
import { encryptionFindings } from '../../../../main/engine/posture/encryption-findings';
import { hostContext } from './encryption-fixtures';

export function scanDemoFleetEncryption(now: Date) {
  const spec = demoFleetSpec();
  return spec.hosts.map((host) => {
    const profile = demoHostProfile(spec, host, now);
    const outputs: CommandOutput[] = ENCRYPTION_COMMANDS[host.os].map((command) => {
      const line = remoteCommandLine(command, true);
      const answer = profile.answer(parseDemoCommand(line));
      return { id: command.id, command: line, stdout: answer.stdout.toString(), stderr: answer.stderr.toString(), exitCode: answer.exitCode, durationMs: 1, error: null };
    });
    const facts = encryptionFacts(host.os, outputs);
    return { host, outputs, facts, findings: encryptionFindings(facts, { ...hostContext(host.name, host.os), dc: host.dc }) };
  });
}
