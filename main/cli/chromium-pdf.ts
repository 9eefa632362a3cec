// Prints an HTML file to PDF with a headless Chromium, for the CLI (the app
// uses Electron's printToPDF). The browser is looked for on PATH (or named by
// OPSDECK_CHROMIUM); without one the caller says so plainly. Arguments are
// passed as a list (no shell); the report is self-contained and its CSP
// forbids every fetch, so printing it reaches no network.
import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { PdfPrinter } from '../engine/reports/write-report-files';

const run = promisify(execFile);
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const PRINT_TIMEOUT_MS = 120_000;

export async function findChromium(env: Record<string, string | undefined>): Promise<string | null> {
  if (env.OPSDECK_CHROMIUM) return (await isExecutable(env.OPSDECK_CHROMIUM)) ? env.OPSDECK_CHROMIUM : null;
  for (const dir of (env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    for (const name of CANDIDATES) if (await isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function chromiumPdfPrinter(chromium: string): PdfPrinter {
  return async (htmlPath, pdfPath) => {
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-extensions',
      // Chromium refuses to start as root with its sandbox on.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfPath}`,
      pathToFileURL(htmlPath).href,
    ];
    try {
      await run(chromium, args, { timeout: PRINT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 });
    } catch (error) {
      throw new Error(`${chromium} could not print ${htmlPath} to PDF: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const size = (await stat(pdfPath).catch(() => null))?.size ?? 0;
    if (size === 0) throw new Error(`${chromium} wrote no PDF at ${pdfPath}`);
  };
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
