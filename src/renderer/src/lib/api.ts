import { type Api, buildApi } from '@shared/contract';
import { createBrowserHostTransport } from './browser-host-transport';

/**
 * The renderer's only door to the console. In Electron the preload provides it; in the browser host the same
 * contract-derived shape is built over a loopback socket. Components never know which.
 */
export const api: Api = window.api ?? buildApi(createBrowserHostTransport(window.location));

/** Which host serves the page: Electron shows native notifications itself; the browser host leaves them to the page. */
export const hostKind: 'electron' | 'browser' = window.api ? 'electron' : 'browser';

export type { Api };
