// `opsdeck integrity-check --host H [--job N] [--json]`: runs the next part
// of a backup job's integrity cycle on the host (restic check
// --read-data-subset=K/N, borg check --verify-data), stores the run and
// prints it with the cycle's coverage. Exit 0 when the check passed, 1 when
// it found damage or could not run, 2 on bad usage.
import type { IntegrityCheckRun, IntegrityCycleView } from '../../preload/contract';
import type { CliCommand } from './cli-io';
import { hostActionCommand } from './host-action-cli';

export const integrityCheckCommand: CliCommand = hostActionCommand({
  command: {
    name: 'integrity-check',
    summary: "read the next part of a backup repository's integrity cycle on the host (restic check --read-data-subset, borg check --verify-data)",
    usage: 'opsdeck integrity-check --host NAME [--job N] [--json] [--inventory FILE | --demo] [--accept-new] [--data-dir DIR]',
  },
  count: { option: '--job', digits: 2, expected: "the job's index in the host's backups policy (0, 1, …)" },
  progressEvent: 'integrity-check:progress',
  start: (engine, target, job) => engine.integrityChecks.start(target, job),
  print: async (engine, run, json) => {
    const cycles = await engine.handlers['backups.integrityCycles']({});
    const cycle = cycles.find((each) => each.host === run.host && each.jobIndex === run.jobIndex) ?? null;
    return json ? `${JSON.stringify({ run, cycle }, null, 2)}\n` : integrityCheckText(run, cycle);
  },
  passed: (run) => run.outcome === 'passed',
});

export function integrityCheckText(run: IntegrityCheckRun, cycle: IntegrityCycleView | null): string {
  const lines = [
    `integrity check ${run.checkId} of ${run.host} (${run.dc}) ${run.tool} job ${run.jobIndex}, part ${run.subset}/${run.subsets}: ${run.outcome.toUpperCase()}${run.reason ? ` — ${run.reason}` : ''}`,
    `${(run.durationMs / 1000).toFixed(1)} s`,
    ...(cycle
      ? [
          `cycle: ${cycle.coveredInCycle.length}/${cycle.subsets} parts read in the cycle under way; next part ${cycle.nextSubset}; last full cycle ${cycle.lastFullCycleAt ?? 'never'}; ${Math.round(cycle.verifiedShare * 100)} % verified in the last ${cycle.windowDays} days`,
        ]
      : []),
    ...run.toolOutput.map((line) => `  | ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
