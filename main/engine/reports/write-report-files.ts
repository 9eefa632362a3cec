// Writes the report in the formats asked for into one folder: report.html,
// report.pdf (printed from that HTML by the front end's printer: Electron's
// printToPDF in the app, a headless Chromium from the CLI), findings.csv and
// report.json. Files are the user's alone (0600).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportCsv } from './report-csv';
import { reportHtml } from './report-html';
import type { StatusReportData } from './status-report';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Prints an HTML file to a PDF file; throws with a message naming what is missing. */
export type PdfPrinter = (htmlPath: string, pdfPath: string) => Promise<void>;

export class PdfUnavailableError extends Error {}

export async function writeReportFiles(
  data: StatusReportData,
  formats: readonly ReportFormat[],
  outDir: string,
  options: { printPdf: PdfPrinter | null; publicKey?: string | null },
): Promise<string[]> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const write = async (name: string, content: string) => {
    const path = join(outDir, name);
    await writeFile(path, content, { mode: 0o600 });
    written.push(path);
    return path;
  };
  const wantsHtml = formats.includes('html') || formats.includes('pdf');
  const htmlPath = wantsHtml ? await write('report.html', reportHtml(data.view, data.findings, { publicKey: options.publicKey ?? null })) : null;
  if (formats.includes('pdf')) {
    if (!options.printPdf) throw new PdfUnavailableError('a PDF needs a printer: Electron in the app, or a headless Chromium for the CLI (none found)');
    const pdfPath = join(outDir, 'report.pdf');
    await options.printPdf(htmlPath!, pdfPath);
    written.push(pdfPath);
  }
  if (formats.includes('csv')) await write('findings.csv', reportCsv(data.findings));
  if (formats.includes('json')) await write('report.json', `${JSON.stringify({ report: data.view, findings: data.findings }, null, 2)}\n`);
  return written;
}
