// The restore-test script's output (restore-test-commands.ts) → what was
// restored and hashed: the scratch directory, restic's exit status, and per
// file both sha256 sums, the restored size and the live mtime/ctime.
import type { BackupParse } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { printable } from './backup-text';

export interface HashedFile {
  path: string;
  restoredSha256: string | null;
  liveSha256: string | null;
  restoredBytes: number | null;
  /** ISO UTC. */
  liveMtime: string | null;
  liveCtime: string | null;
}

export interface RestoreTestOutput {
  scratchDir: string | null;
  restoreExit: number | null;
  files: HashedFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;

export function parseRestoreTestOutput(stdout: string, expectedFiles: string[]): BackupParse<RestoreTestOutput> {
  const output: RestoreTestOutput = { scratchDir: null, restoreExit: null, files: [] };
  for (const [index, line] of stdout.split('\n').entries()) {
    if (line.length === 0) continue;
    const fields = line.split('\t');
    const problem = (what: string) => unparsed<RestoreTestOutput>(`restore test output line ${index + 1} ${what}: ${JSON.stringify(printable(line.slice(0, 80)))}`, output);
    if (fields[0] === 'scratch' && fields.length === 2) output.scratchDir = printable(fields[1]!);
    else if (fields[0] === 'restore' && fields.length === 2 && /^\d+$/.test(fields[1]!)) output.restoreExit = Number(fields[1]);
    else if (fields[0] === 'file' && fields.length >= 7) {
      const [, restored, live, bytes, mtime, ctime] = fields as [string, string, string, string, string, string];
      const path = fields.slice(6).join('\t');
      const hash = (value: string) => (value === '-' ? null : SHA256.test(value) ? value : undefined);
      const number = (value: string) => (value === '-' ? null : /^\d+$/.test(value) ? Number(value) : undefined);
      // Times come as seconds with nanoseconds (stat %.9Y): a change in the same second as the snapshot is still told apart.
      const millis = (value: string) => {
        if (value === '-') return null;
        const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
        // Whole and fraction apart: 1796514655.956 * 1000 in floating point is …955.99.
        return match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0').slice(0, 3)) : undefined;
      };
      const restoredSha256 = hash(restored);
      const liveSha256 = hash(live);
      const restoredBytes = number(bytes);
      const m = millis(mtime);
      const c = millis(ctime);
      if (restoredSha256 === undefined || liveSha256 === undefined || restoredBytes === undefined || m === undefined || c === undefined) return problem('has a malformed field');
      output.files.push({
        path,
        restoredSha256,
        liveSha256,
        restoredBytes,
        liveMtime: m === null ? null : new Date(m).toISOString(),
        liveCtime: c === null ? null : new Date(c).toISOString(),
      });
    } else return problem('is not scratch, restore or file');
  }
  if (output.scratchDir === null) return unparsed('restore test output: no scratch line (the script stopped before creating its directory)', output);
  if (output.restoreExit === null) return unparsed('restore test output: no restore line (the script was stopped during the restore)', output);
  const got = output.files.map((file) => file.path);
  if (got.length !== expectedFiles.length || got.some((path, index) => path !== expectedFiles[index])) {
    return unparsed(`restore test output: ${got.length} of ${expectedFiles.length} files reported`, output);
  }
  return { state: 'ok', value: output, message: null };
}
