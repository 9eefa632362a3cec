// The one thing the scan engine needs from the SSH transport.
import type { ExecOptions } from '../ssh/ssh-pool';
import type { OutputTruncation } from '../ssh/output-budget';
import type { SshRoute } from '../ssh/ssh-route';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  /** The exact bytes the host sent, when the transport has them (the strings are these decoded). */
  raw?: { stdout: Buffer; stderr: Buffer };
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  truncated?: OutputTruncation | null;
}

export interface CommandExecutor {
  exec(route: SshRoute, command: string, options?: ExecOptions): Promise<ExecOutcome>;
}
