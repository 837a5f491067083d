import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedFromCorpusOnce } from '../core/corpus/seed';
import { openLibrary, type Library } from '../core/library/session';
import { APP_ENTRY_URL, APP_SCHEME, serveAppRequest } from './app-protocol';
import { electronExternalLinks } from './external-links';
import { registerApiHandler } from './ipc';
import { buildApplicationMenu } from './menu';
import { resolveAppPaths } from './paths';
import { hardenSession, installWebContentsHardening } from './security';
import { mainWebPreferences } from './web-preferences';

const log = (message: string, error?: unknown) => console.error(`[briefing-builder] ${message}`, error ?? '');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  installWebContentsHardening(app, electronExternalLinks(log));
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('Briefing Builder could not start', error);
      dialog.showErrorBox(
        'Briefing Builder could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}

let library: Library | undefined;

async function start(): Promise<void> {
  const paths = resolveAppPaths({
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    mainDir: __dirname,
  });
  const requests = { allowDevTools: !app.isPackaged };
  // Windows use persist:main; the default session is locked down too, for anything that falls back to it.
  hardenSession(session.defaultSession, requests);
  const appSession = session.fromPartition('persist:main');
  hardenSession(appSession, requests);
  appSession.protocol.handle(APP_SCHEME, (request) => serveAppRequest(paths.rendererRoot, request.url));

  // Test runs (never a packaged app) may point the app at a temporary library and export folder.
  const testDataDir = app.isPackaged ? undefined : process.env['BRIEFING_DATA_DIR'];
  const testExportDir = app.isPackaged ? undefined : process.env['BRIEFING_E2E_EXPORT_DIR'];
  // A damaged library opens in recovery (the window shows the recovery screen), a newer one read-only.
  // A large library opens at once; its quick check starts once the window has loaded.
  let windowLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    windowLoaded = resolve;
  });
  library = await openLibrary(
    {
      dataDir: testDataDir ?? app.getPath('userData'),
      fontsDir: paths.fontsDir,
      nativeBinding: paths.nativeBinding,
      now: () => new Date(),
      showItemInFolder: (path) => shell.showItemInFolder(path),
      openPath: async (path) => {
        const failure = await shell.openPath(path);
        if (failure !== '') throw new Error(failure);
      },
      // Parsing runs in worker threads so the window never waits on a large import.
      parserWorker: { filename: join(__dirname, 'parse-worker.js') },
      layoutWorker: { filename: join(__dirname, 'layout-worker.js') },
      // A large library opens at once and gets its quick check on this thread.
      checkWorker: { filename: join(__dirname, 'check-worker.js') },
      searchWorker: { filename: join(__dirname, 'search-worker.js') },
      chooseOpenPaths: async ({ folders }) => {
        const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        const options: Electron.OpenDialogOptions = {
          title: folders ? 'Import folders' : 'Import files',
          properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
          filters: folders
            ? []
            : [{ name: 'Documents', extensions: ['md', 'markdown', 'txt', 'html', 'htm', 'pdf', 'docx'] }],
        };
        const result =
          owner === undefined
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(owner, options);
        return result.canceled ? null : result.filePaths;
      },
      chooseSavePath: async (request) => {
        if (testExportDir !== undefined) {
          mkdirSync(testExportDir, { recursive: true });
          return join(testExportDir, request.defaultFileName);
        }
        const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        const options = {
          title: request.title,
          defaultPath: join(app.getPath('documents'), request.defaultFileName),
          filters: [
            { name: request.extensions.join(', ').toUpperCase(), extensions: [...request.extensions] },
          ],
        };
        const result =
          owner === undefined
            ? await dialog.showSaveDialog(options)
            : await dialog.showSaveDialog(owner, options);
        return result.canceled || result.filePath === undefined ? null : result.filePath;
      },
    },
    { backgroundWorkAfter: loaded },
  );
  app.on('will-quit', () => void library?.close());
  const opened = library.core();
  if (opened !== null && !opened.context.readOnly) await seedFromCorpusOnce(opened, paths.corpusDir);

  registerApiHandler(ipcMain, library.handlers, log);
  Menu.setApplicationMenu(buildApplicationMenu(app.getName(), process.platform));

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f7f7f5',
    title: 'Briefing Builder',
    webPreferences: mainWebPreferences(paths.preload, app.isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  try {
    await window.loadURL(APP_ENTRY_URL);
  } finally {
    windowLoaded();
  }
}
