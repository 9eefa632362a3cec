// One write of scan history, as data: what the scan service asks the store
// to record, so it can be applied now or kept in an outbox and applied later.
import type { OutputBytes } from '../collectors/host-command';
import type { FindingView, HostScanDetail } from '../../../preload/contract';
import type { ScanRunEnd, ScanRunStart, ScanStore } from './scan-store';

export type ScanWrite =
  | { kind: 'run-started'; run: ScanRunStart }
  | { kind: 'host-finished'; detail: HostScanDetail; bytes?: OutputBytes[] }
  | { kind: 'findings-changed'; runId: string; host: string; findings: FindingView[] }
  | { kind: 'run-finished'; runId: string; end: ScanRunEnd };

export async function applyScanWrite(store: ScanStore, write: ScanWrite): Promise<void> {
  switch (write.kind) {
    case 'run-started':
      return store.beginRun(write.run);
    case 'host-finished':
      return store.saveHostResult(write.detail, write.bytes);
    case 'findings-changed':
      return store.updateFindings(write.runId, write.host, write.findings);
    case 'run-finished':
      return store.finishRun(write.runId, write.end);
  }
}
