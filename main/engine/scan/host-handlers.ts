// The contract's host.* handlers: a host's last scan (this session's, else
// the stored one; a scan that did not answer shows the findings of the last
// one that did, and says so), a page of one of its raw outputs, and its scan
// history.
import type { HostScanDetail } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { hostHistoryRows } from '../store/host-history-query';
import type { ScanStore } from '../store/scan-store';
import type { SqlClient } from '../store/sql-client';
import { hostFactsView } from '../views/area-host-views';
import { hostHistoryView } from './host-history';
import { withOutputPreviews } from './output-preview';

export interface HostHandlerDeps {
  store: ScanStore;
  sql: SqlClient;
  /** This session's latest result of a host, if it was scanned. */
  lastResult(host: string): HostScanDetail | null;
}

export function hostHandlers(deps: HostHandlerDeps): Pick<HandlerTable, 'host.lastScan' | 'host.rawOutputPage' | 'host.history'> {
  return {
    'host.lastScan': async ({ name }) => {
      const last = deps.lastResult(name);
      const detail = last ? withOutputPreviews(last) : await deps.store.latestHostDetail(name);
      if (!detail) return null;
      const view = { ...detail, facts: hostFactsView(detail.facts) };
      if (detail.phase === 'done') return view;
      // Failing (or being cancelled) must not hide a host's problems: the last answered scan's stand, named.
      const answered = await deps.store.latestAnsweredFindings(name);
      return answered ? { ...view, findings: answered.findings, findingsFrom: { runId: answered.runId, finishedAt: answered.finishedAt } } : view;
    },
    'host.rawOutputPage': async ({ name, runId, index, stream, offset, length }) => {
      const page = await deps.store.rawOutputPage(runId, name, index, stream, offset, length);
      return page ? { text: page.bytes.toString('utf8'), offset, bytes: page.bytes.length, totalBytes: page.totalBytes } : null;
    },
    'host.history': async ({ name, limit }) => hostHistoryView(await hostHistoryRows(deps.sql, name, limit ?? 50)),
  };
}
