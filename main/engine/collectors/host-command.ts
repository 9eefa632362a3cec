// A command OpsDeck runs on a host: a fixed string chosen by a collector.
// Nothing from the inventory, a host or the UI is ever part of it.
import type { OutputTruncationView } from '../../../preload/contract';

export interface HostCommand {
  /** Stable id, used for evidence and tests (e.g. "identity.os-release"). */
  id: string;
  /** The tool invocation, a constant; LC_ALL=C (and sudo) are added by remoteCommandLine. */
  command: string;
  /** Run through `sudo -n` when the host is configured for it. */
  privileged: boolean;
  timeoutMs?: number;
  /** Runs on the host's site bastion instead of the host (transport probes: what a client on the network sees). */
  onBastion?: boolean;
}

export type TargetOs = 'debian' | 'smartos';

/**
 * The exact line sent to the host. `sudo -n` never prompts: a host that
 * would need a password answers "a password is required", which the
 * collectors report as needs-privilege.
 */
export function remoteCommandLine(command: HostCommand, useSudo: boolean): string {
  const locale = 'env LC_ALL=C';
  return command.privileged && useSudo ? `sudo -n ${locale} ${command.command}` : `${locale} ${command.command}`;
}

/** Output of one command, as evidence: kept verbatim with every result. */
/** The bytes one output's strings were decoded from, exactly as the host sent them (the evidence). */
export interface OutputBytes {
  stdout: Buffer;
  stderr: Buffer;
}

export interface CommandOutput {
  id: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  durationMs: number;
  error: string | null;
  /** Sizes in bytes of what was kept (the strings above are those bytes decoded as UTF-8). */
  stdoutBytes?: number;
  stderrBytes?: number;
  /** Set when the output was cut at a cap: exitCode is then null and error says so. */
  truncated?: OutputTruncationView | null;
}

const SUDO_PASSWORD_REQUIRED = /^sudo: (a password is required|a terminal is required)/m;

export function needsPrivilege(output: Pick<CommandOutput, 'stderr' | 'exitCode'>): boolean {
  return output.exitCode !== 0 && SUDO_PASSWORD_REQUIRED.test(output.stderr);
}
