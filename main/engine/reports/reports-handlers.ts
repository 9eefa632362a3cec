// The contract's reports.* handlers: the status report for the status page,
// and its export into a new folder under the data folder (the app has a file
// dialog, the browser bridge does not; one place serves both).
import { join } from 'node:path';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { EngineError } from '../dispatch/engine-error';
import { buildStatusReport, type StatusReportSources } from './status-report';
import { writeReportFiles, type PdfPrinter } from './write-report-files';

export interface ReportExportOptions {
  exportRoot: string;
  printPdf: PdfPrinter | null;
}

export function reportsHandlers(sources: StatusReportSources, exports: ReportExportOptions): Pick<HandlerTable, 'reports.status' | 'reports.export'> {
  return {
    'reports.status': async ({ since, dc }) => (await buildStatusReport(sources, { since: since ?? null, dc: dc ?? null })).view,
    'reports.export': async ({ formats }) => {
      if (formats.includes('pdf') && !exports.printPdf) {
        throw new EngineError('unavailable', 'no PDF printer here: the app prints with Electron, the CLI with a headless Chromium; export HTML and print it from a browser');
      }
      const data = await buildStatusReport(sources);
      const folder = join(exports.exportRoot, `report-${data.view.generatedAt.replace(/[:.]/g, '-')}`);
      return { folder, files: await writeReportFiles(data, formats, folder, { printPdf: exports.printPdf }) };
    },
  };
}
