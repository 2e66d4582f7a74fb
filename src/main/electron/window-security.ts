import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import type { SenderCheck } from './ipc-binding';

/**
 * Every security setting of the app window, in one place. The renderer is a sandboxed page with no Node, talking
 * to main only through the preload's contract-derived api.
 */
export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
  };
}

/** Where the app's own page lives: the electron-vite dev server in development, the built file otherwise. */
export function appPageUrl(rendererDir: string, devServerUrl: string | undefined): string {
  return devServerUrl ?? pathToFileURL(path.join(rendererDir, 'index.html')).toString();
}

/** True only for frames showing our own page: same dev-server origin, or exactly our built index.html. */
export function createSenderCheck(pageUrl: string): SenderCheck {
  const expected = new URL(pageUrl);
  return (frameUrl) => {
    if (!frameUrl) return false;
    let actual: URL;
    try {
      actual = new URL(frameUrl);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    return actual.origin === expected.origin;
  };
}

/**
 * Refuses navigation, new windows and permission prompts, and adds the CSP header to every response. The header is
 * left off for the dev server, whose hot-reload preamble is an inline script; the meta tag still applies there.
 */
export function hardenWebContents(
  webContents: WebContents,
  session: Session,
  isOwnPage: SenderCheck,
  { cspHeader }: { cspHeader: boolean },
): void {
  webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  if (!cspHeader) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
}
