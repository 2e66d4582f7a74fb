import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { type HardenOptions, hardenWebContents } from './window-security';
import type { SenderCheck } from './ipc-binding';
import { loadWindowState, persistWindowState } from './window-state';

export interface MainWindowOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  pageUrl: string;
  preloadPath: string;
  isOwnPage: SenderCheck;
  openExternal: HardenOptions['openExternal'];
  log: (line: string) => void;
  /** Where the window's size and place are kept, and the displays it may open on. */
  stateFile: string;
  workAreas: Rectangle[];
  icon?: string;
}

/**
 * The app window. Its webPreferences are spelled out here, literally, so a reviewer (and electronegativity, which
 * reads this constructor call) sees every security setting in one place: a sandboxed page with no Node, isolated
 * from the preload, which exposes only the contract-derived api.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = loadWindowState(options.stateFile, options.workAreas);
  const window = new options.BrowserWindow({
    ...state.bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Twin Console',
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: undefined,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  hardenWebContents(window.webContents, window.webContents.session, options.isOwnPage, {
    openExternal: options.openExternal,
    onRefused: (what, url) => options.log(`refused ${what} ${url.slice(0, 200)}`),
  });
  persistWindowState(window, options.stateFile, (error) => options.log(`could not save the window state: ${String(error)}`));
  window.once('ready-to-show', () => {
    if (state.isMaximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.pageUrl);
  return window;
}
