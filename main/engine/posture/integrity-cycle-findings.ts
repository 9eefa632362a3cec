// Findings from the integrity checks OpsDeck ran (stored runs, not scan
// facts; joined to the scans' findings when findings are read, like restore
// tests): the newest check of a job found damage or could not run, or the
// job's last full cycle — every part of the repository read without error —
// ended longer ago than integrity_max_age_days (or none has ended in that
// long since its checks began). A job that
// OpsDeck never checked is judged by its host's own check unit instead
// (backup-findings.ts), so these apply once a job's cycle has started.
import type { IntegrityCycleView } from '../../../preload/contract';
import { BACKUP_FINDING_KINDS as KIND, backupFinding } from './backup-finding-kinds';
import type { Finding } from './finding';

const DAY_MS = 86_400_000;

export function integrityCycleFindings(cycles: IntegrityCycleView[], now: Date): Finding[] {
  return cycles.flatMap((cycle) => {
    const last = cycle.lastRun;
    if (!last) return [];
    const findings: Finding[] = [];
    const base = { host: cycle.host, dc: cycle.dc, control: 'backupVerification' as const, commandIds: last.commands.map((command) => command.id), qualifier: String(cycle.jobIndex) };
    const label = `${cycle.tool} job ${cycle.jobIndex}`;
    if (last.outcome !== 'passed') {
      findings.push(
        backupFinding({
          ...base,
          kind: KIND.integrityCheckFailed,
          severity: last.outcome === 'failed' ? 'critical' : 'high',
          title:
            last.outcome === 'failed'
              ? `${label}: integrity check of part ${last.subset}/${last.subsets} found damage`
              : `${label}: integrity check of part ${last.subset}/${last.subsets} could not run`,
          detail: `Check ${last.checkId} at ${last.startedAt}: ${last.reason ?? ''}`,
          excerpt: last.toolOutput.slice(-8),
        }),
      );
    }
    // A cycle that never completed is overdue once it has been under way longer than the policy allows.
    const since = cycle.lastFullCycleAt ?? cycle.cycleStartedAt ?? last.startedAt;
    const ageDays = (now.getTime() - Date.parse(since)) / DAY_MS;
    if (ageDays > cycle.windowDays) {
      const read = `${cycle.coveredInCycle.length} of ${cycle.subsets} parts read in the cycle under way`;
      findings.push(
        backupFinding({
          ...base,
          kind: KIND.integrityCycleIncomplete,
          severity: 'medium',
          title:
            cycle.lastFullCycleAt === null
              ? `${label}: no full integrity cycle in ${Math.floor(ageDays)} days of checks (policy ${cycle.windowDays} days; ${read})`
              : `${label}: last full integrity cycle ended ${Math.floor(ageDays)} days ago (policy ${cycle.windowDays} days; ${read})`,
          detail: `Every part of the repository must be read without error within ${cycle.windowDays} days; next part: ${cycle.nextSubset}/${cycle.subsets}.`,
          excerpt: [`covered: ${cycle.coveredInCycle.join(',') || '(none)'}`, `last full cycle: ${cycle.lastFullCycleAt ?? 'never'}`],
        }),
      );
    }
    return findings;
  });
}
