// What the scan engine needs from the audit log: a command is recorded
// before it starts and completed after it ends. If the start cannot be
// recorded, the command is not run.
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
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CommandAudit {
  commandStarted(start: CommandStart): Promise<number>;
  commandEnded(startSeq: number, end: CommandEnd): Promise<void>;
}
