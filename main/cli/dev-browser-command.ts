// `opsdeck dev-browser`: a real engine behind the loopback WebSocket bridge,
// serving the built renderer, so the UI runs in any browser.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridgeServer } from '../bridge/ws-bridge-server';
import { createEngine } from '../engine/engine';
import { defaultDataDir } from './data-dir';
import { chromiumPdfPrinter, findChromium } from './chromium-pdf';
import type { CliCommand } from './cli-io';

export const devBrowserCommand: CliCommand = {
  name: 'dev-browser',
  summary: 'serve the UI to a browser on 127.0.0.1, backed by a real engine',
  usage: 'opsdeck dev-browser [--data-dir DIR] [--allow-dir DIR]',
  accepts: { values: ['--data-dir', '--allow-dir'] },
  async run(args, io) {
    const dataDir = args.value('--data-dir') ?? defaultDataDir(io.env);
    // A browser has no native file dialog: the page may name files under the data folder and under --allow-dir only.
    const allowDir = args.value('--allow-dir');
    const chromium = await findChromium(io.env);
    const engine = await createEngine({
      dataDir,
      demoFleet: 'when-empty',
      ...(io.env.OPSDECK_STORE_URL ? { storeUrl: io.env.OPSDECK_STORE_URL } : {}),
      ...(allowDir ? { allowedFileRoots: [resolve(allowDir)] } : {}),
      ...(chromium ? { printPdf: chromiumPdfPrinter(chromium) } : {}),
    });
    const rendererRoot = join(fileURLToPath(new URL('.', import.meta.url)), '../renderer');
    const bridge = await startBridgeServer({ handlers: engine.handlers, events: engine.events, rendererRoot });
    io.stdout.write(
      `OpsDeck UI: ${bridge.url}\n(loopback only; the URL is for one browser session: the first page to open it gets a session cookie, reloads keep working, any other browser is refused; Ctrl+C to stop)\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bridge.close();
    await engine.dispose();
    return 0;
  },
};
