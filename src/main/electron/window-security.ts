import type { Session, WebContents } from 'electron';
import { APP_PAGE_URL } from './app-protocol';
import type { SenderCheck } from './ipc-binding';

/**
 * The guards every app window gets, in one place with the webPreferences in main-window.ts: the page may never
 * navigate away, open windows, load webviews or be granted a permission. Links to the web open in the operator's
 * browser, and only when they are plain http(s).
 */

/**
 * Where the app's own page lives: the electron-vite dev server in development, the built renderer (served with its
 * CSP header by app-protocol.ts) otherwise. The CSP meta tag in index.html applies in both.
 */
export function appPageUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? APP_PAGE_URL;
}

/**
 * True only for frames showing our own page: the same origin (app://twin-console, or the dev server's), or for a
 * file:// page exactly that file, since every local file shares file://'s origin.
 */
export function createSenderCheck(pageUrl: string): SenderCheck {
  const expected = new URL(pageUrl);
  return (frameUrl) => {
    const actual = parseUrl(frameUrl);
    if (!actual) return false;
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    // Not URL.origin: it is the opaque "null" for every non-special scheme (app:, file:, javascript:), so
    // comparing origins would trust them all.
    return actual.protocol === expected.protocol && actual.host === expected.host;
  };
}

/**
 * Whether a URL may be handed to the OS to open: http(s) only (never file:, javascript:, smb:, custom schemes that
 * launch local programs) and no embedded credentials, which phishing links use to disguise the real host.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password;
}

export interface HardenOptions {
  /** shell.openExternal: called only with URLs that pass isSafeExternalUrl. */
  openExternal: (url: string) => Promise<void>;
  /** Where refused navigations are reported (never with more than the URL). */
  onRefused?: (what: string, url: string) => void;
}

export function hardenWebContents(
  webContents: WebContents,
  session: Session,
  isOwnPage: SenderCheck,
  { openExternal, onRefused = () => {} }: HardenOptions,
): void {
  const openOutside = (url: string, what: string) => {
    if (isSafeExternalUrl(url)) {
      openExternal(url).catch(() => onRefused('the OS refused to open', url));
    } else {
      onRefused(what, url);
    }
  };

  // A link clicked without target=_blank (or a script setting location) would replace the app with a web page.
  webContents.on('will-navigate', (event, url) => {
    if (isOwnPage(url)) return;
    event.preventDefault();
    openOutside(url, 'navigation to');
  });
  // Redirects of our own page's requests must not leave it either.
  webContents.on('will-redirect', (event, url) => {
    if (isOwnPage(url)) return;
    event.preventDefault();
    onRefused('redirect to', url);
  });
  // target=_blank, window.open and middle-click all land here: no child window, ever.
  webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url, 'window for');
    return { action: 'deny' };
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());

  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
