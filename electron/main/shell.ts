/**
 * The Electron main process (imported by index.ts for its side effects): a composition root and
 * nothing more. Each concern lives in its own small module (window, window-state, security, csp, app-origin, ipc, menu, dialogs, files,
 * native-sqlite); the services behind the contract are the shared Node server (createStudioServer).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName } from '../../shared/common/api/contract';
import type { AppOpenFileEvent } from '../../shared/common/api/calls-app';
import { createStudioServer, type StudioServer } from '../../shared/node/api/server';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppFileHandler, createUrlTrust } from './app-origin';
import { pickFile } from './dialogs';
import { openExternalSafely } from './external-links';
import { classifyStudioFile, filesFromArgv, filesFromDrop, OpenFileQueue } from './files';
import {
  forwardEvents,
  IPC_DROP_CHANNEL,
  IPC_SUBSCRIBED_CHANNEL,
  isTrustedSender,
  registerCallHandlers,
  sendEvent,
  withShellHandlers,
} from './ipc';
import { buildMenuTemplate } from './menu';
import { configureSqliteBinding } from './native-sqlite';
import { hardenWebContents, installSessionPolicy } from './security';
import { openMainWindow } from './window';
import { loadWindowState, trackWindowState, WINDOW_STATE_FILE } from './window-state';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const PRELOAD = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
const TITLE = 'Connector Studio';

// Before the app is ready (and before any await): the studio:// scheme the renderer is served from.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const development = !app.isPackaged;
// electron-vite's dev server, honoured only when not packaged.
const devServerUrl = development ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const isTrustedUrl = createUrlTrust(devServerUrl);
const openQueue = new OpenFileQueue();
let mainWindow: BrowserWindow | null = null;
let studio: StudioServer | null = null;
let studioHome = '';

function focusMainWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function queueFiles(files: AppOpenFileEvent[]): void {
  for (const f of files) openQueue.push(f);
}

function createMainWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const resources = process.env.STUDIO_RESOURCES ?? join(app.getAppPath(), 'resources');
  const win = openMainWindow({ preloadPath: PRELOAD, state, development, title: TITLE, icon: join(resources, 'icons', 'icon.png') });
  mainWindow = win;
  if (state.maximized) win.maximize();
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => win.show());
  // A reload or a crash: queue "open with" files again until the new page listens.
  win.webContents.on('did-start-loading', () => openQueue.notReady());
  win.webContents.on('render-process-gone', () => openQueue.notReady());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    openQueue.notReady();
  });
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

function installMenu(): void {
  const template = buildMenuTemplate({
    appName: TITLE,
    isMac: process.platform === 'darwin',
    development,
    command: (command) => {
      focusMainWindow();
      sendEvent(mainWindow?.webContents ?? null, 'app.menu', { command });
    },
    about: () => {
      void dialog.showMessageBox({
        type: 'info',
        title: `About ${TITLE}`,
        message: `${TITLE} ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron ?? '?'} · Node ${process.versions.node}\nWorkspace: ${studioHome}`,
      });
    },
    showWorkspaceFolder: () => {
      void shell.openPath(studioHome);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function onReady(): Promise<void> {
  studioHome = process.env.STUDIO_HOME ? resolve(process.env.STUDIO_HOME) : app.getPath('userData');
  process.env.STUDIO_HOME = studioHome; // child processes (Jsonnet host, workers) see the same home
  if (app.isPackaged && !process.env.STUDIO_RESOURCES) {
    // resources/ is unpacked from the asar (electron-builder.yml) so native code can read it.
    process.env.STUDIO_RESOURCES = join(process.resourcesPath, 'app.asar.unpacked', 'resources');
  }
  configureSqliteBinding({
    isPackaged: app.isPackaged,
    projectRoot: app.getAppPath(),
    env: process.env,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });

  installSessionPolicy(session.defaultSession, isTrustedUrl);
  protocol.handle(APP_SCHEME, createAppFileHandler(RENDERER_DIR));

  studio = createStudioServer({ mode: 'electron', studioHome, openDemoOnStart: true });
  const dispatch = withShellHandlers(studio.dispatch, {
    'app.pickFile': (input) => pickFile(dialog, mainWindow, input),
  });
  const trusted = (event: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(event, mainWindow, isTrustedUrl);
  registerCallHandlers(ipcMain, dispatch, trusted);
  forwardEvents(studio.hub, () => mainWindow?.webContents ?? null);
  ipcMain.on(IPC_DROP_CHANNEL, (event, paths: unknown) => {
    if (!trusted(event)) return;
    queueFiles(filesFromDrop(paths));
  });
  ipcMain.on(IPC_SUBSCRIBED_CHANNEL, (event, name: unknown) => {
    if (!trusted(event) || name !== ('app.openFile' satisfies EventName)) return;
    const target = event.sender;
    openQueue.ready((file) => sendEvent(target, 'app.openFile', file));
  });

  installMenu();
  createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives our argv through 'second-instance' and opens the files.
  app.quit();
} else {
  queueFiles(filesFromArgv(process.argv, process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    queueFiles(filesFromArgv(argv, workingDirectory));
    focusMainWindow();
  });
  // macOS "open with" / drop on the Dock icon; may arrive before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const kind = classifyStudioFile(path);
    if (kind) openQueue.push({ path, kind });
    focusMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => {
      void openExternalSafely(shell, url);
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('will-quit', (event) => {
    const running = studio;
    if (!running) return;
    // Stop the services (database, workers, Jsonnet host) before the process ends.
    event.preventDefault();
    studio = null;
    void running.close().finally(() => app.quit());
  });
  app.whenReady().then(onReady, (err: unknown) => fatal(err)).catch((err: unknown) => fatal(err));
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Connector Studio could not start: ${message}\n`);
  dialog.showErrorBox(`${TITLE} could not start`, message);
  app.exit(1);
}
