// Writes scan history to the store as it happens: the run when it starts,
// each host's result (with its raw outputs) as soon as it is known.
import type { ScanStore } from '../store/scan-store';
import type { ScanRecorder } from './scan-service';

export function storeScanRecorder(scans: ScanStore, operator: string, fleet: () => string, afterRun?: () => void): ScanRecorder {
  return {
    runStarted: (runId, scope, targets, startedAt) => scans.beginRun({ runId, startedAt, scope, operator, fleet: fleet(), total: targets.length }),
    hostFinished: (detail, bytes) => scans.saveHostResult(detail, bytes),
    hostFindingsChanged: (detail) => scans.updateFindings(detail.runId, detail.host, detail.findings),
    runFinished: async (runId, end) => {
      await scans.finishRun(runId, end);
      // Not awaited: retention runs in the background (scan-retention.ts).
      afterRun?.();
    },
  };
}
