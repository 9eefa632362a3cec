// `opsdeck report`: the status report per Annex 2 control and site, written
// as HTML, PDF, CSV and/or JSON into a folder. Made for cron: exit 0 when
// every control holds at every site, 1 when any is at risk, broken or not
// checked (a control with no fresh data is never taken as holding), 2 on bad
// usage or when a format cannot be made (PDF without a Chromium).
import { buildStatusReport } from '../engine/reports/status-report';
import { PdfUnavailableError, REPORT_FORMATS, writeReportFiles, type ReportFormat } from '../engine/reports/write-report-files';
import { STATUS_WORDS } from '../../renderer/components/report/status-words';
import { UsageError, type CliCommand } from './cli-io';
import { chromiumPdfPrinter, findChromium } from './chromium-pdf';
import { engineForCli } from './engine-for-cli';
import { terminalText } from './terminal-text';

const VALUE_OPTIONS = ['--since', '--dc', '--format', '--out', '--inventory', '--data-dir'];

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'status per Annex 2 control and site, with trends: HTML, PDF, CSV, JSON (exit 0 all hold, 1 some do not)',
  usage: 'opsdeck report [--since DATE] [--dc ID] --format html,pdf,csv,json --out DIR [--inventory FILE | --demo] [--data-dir DIR]',
  accepts: { values: VALUE_OPTIONS, flags: ['--demo'] },
  async run(args, io) {
    const formats = parseFormats(args.value('--format'));
    const outDir = args.value('--out');
    if (!outDir) throw new UsageError('--out DIR is required');
    const since = parseSince(args.value('--since'));
    const inventoryPath = args.value('--inventory');
    if (inventoryPath && args.flag('--demo')) throw new UsageError('give either --inventory or --demo, not both');
    let printPdf = null;
    if (formats.includes('pdf')) {
      const chromium = await findChromium(io.env);
      if (!chromium) {
        io.stderr.write(
          'opsdeck report: no PDF: no headless Chromium was found (looked for chromium, chromium-browser, google-chrome on PATH; set OPSDECK_CHROMIUM to its path); nothing was written\n',
        );
        return 2;
      }
      printPdf = chromiumPdfPrinter(chromium);
    }
    const dataDir = args.value('--data-dir');
    const engine = await engineForCli(io, {
      ...(dataDir ? { dataDir } : {}),
      inventoryPath: inventoryPath ?? undefined,
      demoFleet: args.flag('--demo') ? 'always' : 'never',
    });
    try {
      if (!engine.fleet.current) {
        io.stderr.write('opsdeck report: no usable inventory: give one with --inventory FILE (or --demo)\n');
        return 2;
      }
      const dc = args.value('--dc');
      if (dc && !engine.fleet.current.datacentres.some((site) => site.id === dc)) throw new UsageError(`no datacentre "${dc}" in the inventory`);
      const data = await buildStatusReport(engine.reportSources, { since, dc: dc ?? null });
      let written: string[];
      try {
        written = await writeReportFiles(data, formats, outDir, { printPdf });
      } catch (error) {
        if (!(error instanceof PdfUnavailableError)) throw error;
        io.stderr.write(`opsdeck report: ${error.message}\n`);
        return 2;
      }
      for (const control of data.view.controls) {
        const sites = control.sites.map((site) => `${site.dc} ${STATUS_WORDS[site.status].text}`).join(', ');
        io.stdout.write(`§${control.section} ${control.title}: ${terminalText(sites)}\n`);
      }
      io.stdout.write(`overall: ${STATUS_WORDS[data.view.overall].text}\n${written.map((path) => `wrote ${path}`).join('\n')}\n`);
      return data.view.overall === 'holds' ? 0 : 1;
    } finally {
      await engine.dispose();
    }
  },
};

function parseFormats(text: string | undefined): ReportFormat[] {
  if (!text) throw new UsageError(`--format is required (any of ${REPORT_FORMATS.join(',')})`);
  const formats = text.split(',').map((format) => format.trim());
  const unknown = formats.filter((format) => !(REPORT_FORMATS as readonly string[]).includes(format));
  if (unknown.length > 0) throw new UsageError(`unknown format ${unknown.join(', ')} (known: ${REPORT_FORMATS.join(', ')})`);
  return [...new Set(formats)] as ReportFormat[];
}

export function parseSince(text: string | undefined): string | null {
  if (text === undefined) return null;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) throw new UsageError(`--since must be a date (2026-11-01) or an ISO time (2026-11-01T08:00:00Z), got ${JSON.stringify(text)}`);
  return new Date(time).toISOString();
}
