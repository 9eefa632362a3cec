// What the scan engine needs from the audit log: a command is recorded
// before it starts and completed after it ends. If the start cannot be
// recorded, the command is not run.
import type { CommandOutcome } from '../audit/audit-log';

export interface CommandStart {
  runId: string;
  host: string;
  dc: string;
  address: string;
  command: string;
}

/** How a command ended, as the audit log records it (the output itself only as hashes and sizes). */
export type CommandEnd = CommandOutcome;

export interface CommandAudit {
  commandStarted(start: CommandStart): Promise<number>;
  commandEnded(startSeq: number, end: CommandEnd): Promise<void>;
}
