/**
 * Electron main: lifecycle and wiring only. Everything the app does is in ./core, which the browser host and the
 * tests build the same way; every Electron-facing piece is in ./electron and takes what it needs as arguments.
 * test/unit/electron/main-wiring.test.ts loads this very file with a fake `electron` module.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  screen,
  shell,
  Tray,
} from 'electron';
import { type DemoFleet, startDemoFleet } from '../agent-kit/demo/demo-fleet';
import { consoleLogger, type Core, installProcessGuard, openCore } from './core';
import { appMenuTemplate } from './electron/app-menu';
import { APP_SCHEME, createAppProtocolHandler } from './electron/app-protocol';
import { createAppTray } from './electron/app-tray';
import { type AttentionIndicators, createAttentionIndicators } from './electron/attention-indicators';
import { bindContractToIpc, forwardEventsTo } from './electron/ipc-binding';
import { createMainWindow } from './electron/main-window';
import { platformHasNotificationActions, showCoreNotifications } from './electron/notification-adapter';
import { electronSqliteBinding } from './electron/native-sqlite';
import { safeStorageSecretBox } from './electron/safe-storage-secret-box';
import { claimSingleInstance } from './electron/single-instance';
import { appPageUrl, createSenderCheck } from './electron/window-security';
import { WINDOW_STATE_FILE } from './electron/window-state';
import { LAUNCH_USAGE, type LaunchOptions, parseLaunchOptions } from './launch-options';

const log = (line: string) => console.log(`[main] ${line}`);

let core: Core | null = null;
let demo: DemoFleet | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let attention: AttentionIndicators | null = null;
let closed = false;

// A packaged app never loads a page named by an environment variable: only `electron-vite dev` sets it.
const pageUrl = appPageUrl(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
const isOwnPage = createSenderCheck(pageUrl);
const resourcesDir = path.join(__dirname, '../../resources');

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  // One line on the terminal (e.g. the native module is missing), and the same words in a dialog for users.
  console.error(`Twin Console could not start: ${message}`);
  dialog.showErrorBox('Twin Console could not start', `${message}\n\n${LAUNCH_USAGE}`);
  app.exit(1);
}

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({
    BrowserWindow,
    pageUrl,
    preloadPath: path.join(__dirname, '../preload/index.js'),
    isOwnPage,
    openExternal: (url) => shell.openExternal(url),
    log,
    stateFile: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    icon: path.join(resourcesDir, 'icon.png'),
  });
  if (core) forwardEventsTo(window.webContents, core);
  // Whatever arrived while the operator was away has now been seen.
  window.on('focus', () => attention?.setAttentionCounts({ unread: 0 }));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

function showWindow(): void {
  if (!core) return;
  if (!mainWindow) mainWindow = openMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(options: LaunchOptions): Promise<void> {
  const dataDir = options.dataDir ?? path.join(app.getPath('userData'), 'data');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '../renderer')));
  // The demo fleet starts when nothing else is configured; createCore dials persisted endpoints on its own.
  demo = options.demo || options.endpoints.length === 0 ? await startDemoFleet() : null;
  core = openCore({
    dataDir,
    nativeBinding: electronSqliteBinding(app.getAppPath(), app.isPackaged, process.versions.electron),
    endpoints: [...options.endpoints, ...[...(demo?.urls ?? []), ...(demo?.a2aUrls ?? [])].map((url) => ({ url }))],
    secrets: safeStorageSecretBox(safeStorage, process.platform),
    logger: consoleLogger,
    showItemInFolder: (file) => shell.showItemInFolder(file),
  });
  bindContractToIpc(ipcMain, core, isOwnPage);
  const secrets = await core.api.app.getStatus();
  const encrypted = secrets.ok && secrets.value.secretStorage.encrypted;
  log(`message log in ${dataDir}; agent tokens ${encrypted ? 'encrypted with the OS keychain' : 'stored in plain text'}`);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { platform: process.platform, isPackaged: app.isPackaged },
        {
          showWindow,
          openDataFolder: () => void shell.openPath(dataDir),
        },
      ),
    ),
  );
  const icon = nativeImage.createFromPath(path.join(resourcesDir, 'icon.png'));
  tray = createAppTray({ Tray, Menu }, icon.resize({ width: 16, height: 16 }), { showWindow, quit: () => app.quit() });
  attention = createAttentionIndicators({
    app,
    platform: process.platform,
    tray: () => tray,
    window: () => mainWindow,
    overlayIcon: nativeImage.createFromPath(path.join(resourcesDir, 'overlay.png')),
  });
  // The core decides what deserves a notification (levels, quiet hours, coalescing); this only shows it.
  showCoreNotifications(core, (notification) => new Notification(notification), showWindow, {
    actions: platformHasNotificationActions(process.platform),
    onNotified: (request) => {
      if (request.target.kind === 'conversation') attention?.setAttentionCounts({ unread: attention.counts.unread + request.count });
    },
  });
  core.on('attention:changed', (counts) =>
    attention?.setAttentionCounts({ firing: counts.firingAlerts, decisions: counts.pendingDecisions }),
  );
  mainWindow = openMainWindow();
}

function main(): void {
  // Whatever Electron's defaults would do with a stray failure in main (a modal error box, or ending the app), the
  // operator's app logs it with its stack and keeps its agent links; only a fatal one ends it (see process-guard).
  installProcessGuard({ logger: consoleLogger, exit: (code) => app.exit(code) });
  let options: LaunchOptions;
  try {
    options = parseLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2), process.env, { strict: false });
  } catch (error) {
    fail(error);
    return;
  }
  for (const warning of options.warnings) console.warn(`Warning: ${warning}`);
  // --data-dir moves userData too, before anything uses it: the single-instance lock, window state and Chromium's
  // profile then live beside that log, so two apps on two data dirs (e.g. parallel tests) do not collide.
  if (options.dataDir) app.setPath('userData', options.dataDir);
  // Must precede ready. Standard + secure: the page gets a real origin of its own, treated like https.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  if (!claimSingleInstance(app, showWindow)) return;

  app.whenReady().then(() => start(options)).catch(fail);

  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for the core to commit pending messages and close the log, then quits for real.
  app.on('will-quit', (event) => {
    if (closed || (!core && !demo)) return;
    event.preventDefault();
    void Promise.allSettled([core?.close(), demo?.close()]).then(() => {
      closed = true;
      app.quit();
    });
  });
}

main();
