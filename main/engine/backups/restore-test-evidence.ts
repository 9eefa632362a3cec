// A restore test as evidence: what was tested (host, job, snapshot and its
// time, the sample's seed), every file with both hashes and its class, the
// counts per class, durations, and every command with the sha256 of its
// output. Plain data: stored, shown, exported as JSON unchanged.
import type { RestoreClass } from './restore-classification';

export type RestoreTestOutcome = 'passed' | 'failed' | 'error' | 'cancelled';

export interface RestoreTestFileEvidence {
  path: string;
  class: RestoreClass;
  restoredSha256: string | null;
  liveSha256: string | null;
  bytes: number | null;
  liveMtime: string | null;
  liveCtime: string | null;
  canary: boolean;
}

export interface RestoreTestCommandEvidence {
  id: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  stdoutSha256: string;
  stderrSha256: string;
  error: string | null;
}

export interface RestoreTestEvidence {
  testId: string;
  host: string;
  dc: string;
  tool: 'restic' | 'borg';
  jobIndex: number;
  operator: string;
  startedAt: string;
  finishedAt: string;
  outcome: RestoreTestOutcome;
  /** Why, when the outcome is not passed. */
  reason: string | null;
  snapshotId: string | null;
  snapshotTime: string | null;
  seed: string;
  requestedFiles: number;
  scratchDir: string | null;
  files: RestoreTestFileEvidence[];
  counts: Record<RestoreClass, number>;
  bytes: number;
  durationMs: number;
  commands: RestoreTestCommandEvidence[];
}
