import { type Api, buildApi } from '@shared/contract';
import { createBrowserHostTransport } from './browser-host-transport';
import { alwaysOnline, type HostConnection } from './host-connection';

const browserHost = window.api ? null : createBrowserHostTransport(window);

/**
 * The renderer's only door to the console. In Electron the preload provides it; in the browser host the same
 * contract-derived shape is built over a loopback socket. Components never know which.
 */
export const api: Api = window.api ?? buildApi(browserHost!.transport);

/** Whether the console behind the page is reachable (always, in Electron). */
export const hostConnection: HostConnection = browserHost?.connection ?? alwaysOnline;

/** Which host serves the page: Electron shows native notifications itself; the browser host leaves them to the page. */
export const hostKind: 'electron' | 'browser' = window.api ? 'electron' : 'browser';

/** The browser host's token (kept in the tab's session, never in the address bar), for links such as downloads. */
export const hostToken: string | null = browserHost?.token ?? null;

export type { Api };
