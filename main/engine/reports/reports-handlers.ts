// The contract's reports.* handlers: the status report for the status page,
// and the report files and evidence pack written to a folder the front end
// chose.
import type { HandlerTable } from '../contract/dispatch-call';
import { buildStatusReport, type StatusReportSources } from './status-report';

export function reportsHandlers(sources: StatusReportSources): Pick<HandlerTable, 'reports.status'> {
  return {
    'reports.status': async ({ since, dc }) => (await buildStatusReport(sources, { since: since ?? null, dc: dc ?? null })).view,
  };
}
