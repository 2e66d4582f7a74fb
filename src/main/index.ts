/**
 * Electron main: lifecycle, the window, and wiring the core to IPC and native notifications. No behaviour lives
 * here; it is all in ./core, which the browser host and the tests build the same way.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification } from 'electron';
import { type DemoFleet, startDemoFleet } from '../agent-kit/demo/demo-fleet';
import { type Core, openCore } from './core';
import { bindContractToIpc, forwardEventsTo } from './electron/ipc-binding';
import { notifyOnAgentMessages } from './electron/message-notifier';
import { electronSqliteBinding } from './electron/native-sqlite';
import { appPageUrl, createSenderCheck, hardenWebContents, secureWebPreferences } from './electron/window-security';
import { LAUNCH_USAGE, parseLaunchOptions } from './launch-options';

let core: Core | null = null;
let demo: DemoFleet | null = null;
let mainWindow: BrowserWindow | null = null;

const pageUrl = appPageUrl(path.join(__dirname, '../renderer'), process.env.ELECTRON_RENDERER_URL);
const isOwnPage = createSenderCheck(pageUrl);

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Twin Console',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js')),
  });
  hardenWebContents(window.webContents, window.webContents.session, isOwnPage, {
    cspHeader: process.env.ELECTRON_RENDERER_URL === undefined,
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  if (core) forwardEventsTo(window.webContents, core);
  void window.loadURL(pageUrl);
  return window;
}

function focusWindow(): void {
  if (!mainWindow) mainWindow = createWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const options = parseLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2), process.env, { strict: false });
  const dataDir = options.dataDir ?? path.join(app.getPath('userData'), 'data');
  const appRoot = app.getAppPath();
  const nativeBinding = electronSqliteBinding(appRoot, app.isPackaged, process.versions.electron);
  // The demo fleet starts when nothing else is configured; createCore dials persisted endpoints on its own.
  demo = options.demo || options.endpoints.length === 0 ? await startDemoFleet() : null;
  core = openCore({
    dataDir,
    nativeBinding,
    endpoints: [...options.endpoints, ...(demo?.urls ?? []).map((url) => ({ url }))],
  });
  bindContractToIpc(ipcMain, core, isOwnPage);
  notifyOnAgentMessages(
    core,
    (notification) => new Notification(notification),
    () => mainWindow?.isFocused() ?? false,
    focusWindow,
  );
  mainWindow = createWindow();
}

app.whenReady().then(start).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Twin Console could not start', `${message}\n\n${LAUNCH_USAGE}`);
  app.exit(1);
});

app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
  void demo?.close();
});
