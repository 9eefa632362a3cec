// Writes scan history to the store as it happens: the run when it starts,
// each host's result (with its raw outputs) as soon as it is known. Each is
// one ScanWrite, applied by `write`: straight to the embedded store, or
// through the outbox writer on a team store that may go away.
import type { ScanWrite } from '../store/scan-write';
import type { ScanRecorder } from './scan-service';

export function storeScanRecorder(write: (write: ScanWrite) => Promise<void>, operator: string, fleet: () => string, afterRun?: () => void): ScanRecorder {
  return {
    runStarted: (runId, scope, targets, startedAt) => write({ kind: 'run-started', run: { runId, startedAt, scope, operator, fleet: fleet(), total: targets.length } }),
    hostFinished: (detail, bytes) => write({ kind: 'host-finished', detail, ...(bytes ? { bytes } : {}) }),
    hostFindingsChanged: (detail) => write({ kind: 'findings-changed', runId: detail.runId, host: detail.host, findings: detail.findings }),
    runFinished: async (runId, end) => {
      await write({ kind: 'run-finished', runId, end });
      // Not awaited: retention runs in the background (scan-retention.ts).
      afterRun?.();
    },
  };
}
