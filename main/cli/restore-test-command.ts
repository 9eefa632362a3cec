// `opsdeck restore-test --host H [--files N] [--json]`: restores a sample of
// the host's newest backup on the host, compares it byte for byte (sha256)
// with the live files, stores the evidence and prints it. Exit 0 when every
// file matched or changed since the backup, 1 otherwise (a mismatch, a
// missing file, or a test that could not run), 2 on bad usage.
import type { RestoreTestEvidence } from '../../preload/contract';
import { RESTORE_CLASSES } from '../engine/backups/restore-classification';
import type { CliCommand } from './cli-io';
import { hostActionCommand } from './host-action-cli';

export const restoreTestCommand: CliCommand = hostActionCommand({
  command: {
    name: 'restore-test',
    summary: "restore a sample of a host's newest backup on the host and compare it with the live files",
    usage: 'opsdeck restore-test --host NAME [--files N] [--json] [--inventory FILE | --demo] [--accept-new] [--data-dir DIR]',
  },
  count: { option: '--files', digits: 5, expected: 'a whole number from 0 to 10000' },
  progressEvent: 'restore-test:progress',
  start: (engine, target, files) => engine.restoreTests.start(target, files),
  print: async (_engine, evidence, json) => (json ? `${JSON.stringify(evidence, null, 2)}\n` : restoreTestText(evidence)),
  passed: (evidence) => evidence.outcome === 'passed',
});

export function restoreTestText(evidence: RestoreTestEvidence): string {
  const lines = [
    `restore test ${evidence.testId} of ${evidence.host} (${evidence.dc}): ${evidence.outcome.toUpperCase()}${evidence.reason ? ` — ${evidence.reason}` : ''}`,
    `snapshot ${evidence.snapshotId?.slice(0, 12) ?? '-'} at ${evidence.snapshotTime ?? '-'}; seed ${evidence.seed}; ${evidence.files.length} files, ${evidence.bytes} bytes, ${(evidence.durationMs / 1000).toFixed(1)} s`,
    RESTORE_CLASSES.map((name) => `${name} ${evidence.counts[name]}`).join(', '),
    ...evidence.files.map(
      (file) => `  ${file.class.padEnd(20)} ${(file.restoredSha256 ?? '-').slice(0, 16).padEnd(16)} ${(file.liveSha256 ?? '-').slice(0, 16).padEnd(16)} ${file.path}${file.canary ? ' (canary)' : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
