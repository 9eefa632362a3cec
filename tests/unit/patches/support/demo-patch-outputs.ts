// The outputs of every patch command on a demo host, sent the way a scan
// sends them (remoteCommandLine, through sudo -n for privileged ones).
import { remoteCommandLine, type CommandOutput, type TargetOs } from '../../../../main/engine/collectors/host-command';
import { PATCH_COMMANDS } from '../../../../main/engine/collectors/patches/patch-commands';
import { hostSpec, NOW, run } from '../../demo-fleet/support/demo-answers';

export { NOW };

export function demoPatchOutputs(hostName: string, now: Date = NOW): { os: TargetOs; outputs: CommandOutput[] } {
  const os = hostSpec(hostName).os;
  const outputs = PATCH_COMMANDS[os].map((command): CommandOutput => {
    const line = remoteCommandLine(command, true);
    const answer = run(hostName, line, { now });
    return { id: command.id, command: line, stdout: answer.stdout, stderr: answer.stderr, exitCode: answer.exitCode, durationMs: 1, error: null };
  });
  return { os, outputs };
}
