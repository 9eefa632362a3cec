// Electron entry: app lifecycle, the one hardened window, and the engine
// mounted on IPC. Only wiring lives here.
import { app, dialog, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from './engine/engine';
import { errorMessage } from './engine/errors/error-message';
import { disposeBeforeQuit } from './app-shutdown';
import { electronPdfPrinter } from './window/electron-pdf-printer';
import { mountIpcTransport } from './ipc-transport';
import { APP_ENTRY_URL } from './window/app-origin';
import { hardenSession, hardenWebContents } from './window/harden-session';
import { createMainWindow } from './window/create-main-window';
import { nativeFileChooser } from './window/native-file-chooser';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './window/register-app-protocol';

const here = fileURLToPath(new URL('.', import.meta.url));
let mainWindow: BrowserWindow | null = null;
let engine: Engine | null = null;
let unmountIpc: (() => void) | null = null;

// The data folder and everything the app writes are the user's alone (issue 12).
process.umask(0o077);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => app.quit());
  disposeBeforeQuit(
    app,
    () => [() => unmountIpc?.(), () => engine?.dispose()],
    (message) => {
      console.error(message);
      dialog.showErrorBox('OpsDeck', message);
    },
  );
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // E.g. the audit log is held by a running `opsdeck scan`: say so, and quit.
      dialog.showErrorBox('OpsDeck cannot start', errorMessage(error));
      app.quit();
    });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, join(here, '../renderer'));
  const sshDir = join(homedir(), '.ssh');
  engine = await createEngine({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    userKnownHostsPath: join(sshDir, 'known_hosts'),
    sshConfigText: await readFile(join(sshDir, 'config'), 'utf8').catch(() => null),
    agentSocket: process.env.SSH_AUTH_SOCK,
    defaultIdentityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(sshDir, name)),
    demoFleet: 'when-empty',
    ...teamStoreChoice(process.argv, process.env),
    chooseFile: nativeFileChooser(dialog, () => mainWindow),
    printPdf: electronPdfPrinter,
  });
  if (engine.dataDirNotice) void dialog.showMessageBox({ type: 'warning', title: 'OpsDeck data folder', message: engine.dataDirNotice });
  unmountIpc = mountIpcTransport(ipcMain, engine.handlers, engine.events, () => mainWindow?.webContents ?? null);
  mainWindow = createMainWindow(join(here, '../preload/index.cjs'));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(APP_ENTRY_URL);
}

/** `--store URL` on the command line, else OPSDECK_STORE_URL, else the URL in settings (or the embedded store). */
function teamStoreChoice(argv: string[], env: NodeJS.ProcessEnv): { storeUrl?: string } {
  const index = argv.indexOf('--store');
  const url = index >= 0 ? argv[index + 1] : env.OPSDECK_STORE_URL;
  return url ? { storeUrl: url } : {};
}
