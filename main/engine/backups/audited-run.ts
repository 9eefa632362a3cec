// One command of an operator action (a restore test, an integrity check) on
// a host: recorded in the audit log before it runs and after it ends, run
// with the action's signal and time limit, and kept as evidence with the
// sha256 of its outputs. A command the audit log cannot record is not run.
import { createHash } from 'node:crypto';
import type { RestoreTestCommandEvidence } from '../../../preload/contract';
import { remoteCommandLine, type CommandOutput } from '../collectors/host-command';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';

export interface AuditedRunContext {
  executor: CommandExecutor;
  audit: CommandAudit;
  signal: AbortSignal;
}

export async function auditedRun(
  target: ScanTarget,
  runId: string,
  id: string,
  tool: string,
  timeoutMs: number,
  context: AuditedRunContext,
  evidence: RestoreTestCommandEvidence[],
): Promise<CommandOutput> {
  const command = remoteCommandLine({ id, command: tool, privileged: true }, target.useSudo);
  const base = { id, command };
  let output: CommandOutput;
  if (context.signal.aborted) {
    output = { ...base, stdout: '', stderr: '', exitCode: null, durationMs: 0, error: 'cancelled' };
  } else {
    let startSeq: number | null = null;
    try {
      startSeq = await context.audit.commandStarted({ runId, host: target.name, dc: target.dc, address: target.address, command });
    } catch (error) {
      output = { ...base, stdout: '', stderr: '', exitCode: null, durationMs: 0, error: `not run: the audit log could not record it (${messageOf(error)})` };
    }
    if (startSeq !== null) {
      const started = Date.now();
      let signalName: string | null = null;
      try {
        const result = await context.executor.exec(target.route, command, { timeoutMs, signal: context.signal });
        signalName = result.signal;
        output = { ...base, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, error: null };
      } catch (error) {
        output = { ...base, stdout: '', stderr: '', exitCode: null, durationMs: Date.now() - started, error: messageOf(error) };
      }
      await context.audit
        .commandEnded(startSeq, { host: target.name, exitCode: output.exitCode, signal: signalName, error: output.error, stdout: output.stdout, stderr: output.stderr, durationMs: output.durationMs })
        .catch((error: unknown) => {
          output.error = output.error ?? `ran, but the audit log could not record its end (${messageOf(error)})`;
        });
    }
  }
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  evidence.push({ id, command, exitCode: output!.exitCode, durationMs: output!.durationMs, stdoutSha256: sha(output!.stdout), stderrSha256: sha(output!.stderr), error: output!.error });
  return output!;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
