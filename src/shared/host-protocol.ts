/**
 * Frames between the renderer page and the browser host, over the loopback WebSocket that stands in for Electron
 * IPC. They carry contract calls and events unchanged; the host validates requests exactly as ipcMain does.
 */
import { z } from 'zod';
import type { Result } from './contract';

export const PageToHostFrame = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  request: z.unknown(),
});
export type PageToHostFrame = z.infer<typeof PageToHostFrame>;

export type HostToPageFrame =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: string; payload: unknown };

/** Path of the contract socket on the host; the page's token rides in the query string. */
export const HOST_SOCKET_PATH = '/api';
export const HOST_TOKEN_PARAM = 'token';
/** Where the page asks whether its token still opens the host (204) or not (401), with the token in this header. */
export const HOST_SESSION_PATH = '/session';
export const HOST_TOKEN_HEADER = 'x-twin-console-token';
