// What the scan engine needs from the audit log: a command is recorded
// before it starts and completed after it ends. If the start cannot be
// recorded, the command is not run.
import type { OutputTruncationView } from '../../../preload/contract';

export interface CommandStart {
  runId: string;
  host: string;
  dc: string;
  address: string;
  command: string;
}

export interface CommandEnd {
  host: string;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  /** The bytes the host sent (hashed as they are; a string only from test doubles). */
  stdout: Buffer | string;
  stderr: Buffer | string;
  durationMs: number;
  /** Set when the output was cut at a cap. */
  truncated?: OutputTruncationView | null;
}

export interface CommandAudit {
  commandStarted(start: CommandStart): Promise<number>;
  commandEnded(startSeq: number, end: CommandEnd): Promise<void>;
}
