// The app's PDF printer for reports: a hidden, sandboxed window without
// JavaScript, in its own in-memory session that refuses every request except
// the one report file, loads the self-contained report.html and prints it
// with Electron's printToPDF.
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { PdfPrinter } from '../engine/reports/write-report-files';

export const electronPdfPrinter: PdfPrinter = async (htmlPath, pdfPath) => {
  const url = pathToFileURL(htmlPath).href;
  const printSession = session.fromPartition('opsdeck-report-print');
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, session: printSession, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await window.loadURL(url);
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    await writeFile(pdfPath, pdf, { mode: 0o600 });
  } finally {
    window.destroy();
  }
};
