// The one thing the scan engine needs from the SSH transport.
import type { SshRoute } from '../ssh/ssh-route';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
}

export interface CommandExecutor {
  exec(route: SshRoute, command: string, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<ExecOutcome>;
}
