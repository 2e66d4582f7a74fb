import { timingSafeEqual, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { eventContract, type EventChannel } from '../../shared/contract';
import { HOST_SESSION_PATH, HOST_SOCKET_PATH, HOST_TOKEN_HEADER, HOST_TOKEN_PARAM } from '../../shared/host-protocol';
import type { Core } from '../core';
import { closeAfter, DEFAULT_HOST_CONNECTION_LIMITS, guardConnections, type HostConnectionLimits, refusal, serverOptions } from './connection-slots';
import { LINK_EXPIRED_PAGE, securityHeaders } from './host-pages';
import { DEFAULT_HOST_SOCKET_LIMITS, type HostSocketLimits, sendFrame, serveHostSocket } from './host-socket';
import { safeDecode, StaticFiles } from './static-files';

export interface BrowserHostOptions {
  core: Core;
  /** Directory of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes. */
  token?: string;
  socketLimits?: Partial<HostSocketLimits>;
  connectionLimits?: Partial<HostConnectionLimits>;
  /** Where refused input and handler failures are reported. Defaults to stderr. */
  log?: (message: string, error?: unknown) => void;
  /**
   * Where the core writes exports (`<dataDir>/exports`). When set, `GET /exports/<file name>?token=…` downloads one
   * of them: the browser's stand-in for Electron's "Show in folder". Token required, file names only, no listing.
   */
  exportsDir?: string;
}

export interface BrowserHost {
  /** The page URL, token included: the only way in. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the contract on 127.0.0.1, so a real browser drives the real core exactly as the
 * Electron renderer would. Anything on the machine can reach a loopback port (another user's process, a page in the
 * operator's browser), so:
 *  - every request must name our own Host, which defeats DNS rebinding;
 *  - only the holder of the token gets the contract socket, and only from the page's own Origin;
 *  - the page shell and its bundle are public code and carry no data; the page takes its token from the link once,
 *    keeps it in its session and checks it at /session, so every byte of data goes over the checked socket;
 *  - no input may end the process: each request and each socket has a last-resort handler that answers and keeps
 *    serving, because an uncaught exception here would drop every agent link with it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[browser-host] ${message}`, error ?? ''));
  const limits = { ...DEFAULT_HOST_SOCKET_LIMITS, ...options.socketLimits };
  const connectionLimits = { ...DEFAULT_HOST_CONNECTION_LIMITS, ...options.connectionLimits };
  const rendererDir = path.resolve(options.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`No built renderer at ${indexFile}. Run "npm run build" first.`);
  }
  const files = new StaticFiles(rendererDir);

  let origin = '';
  // A Host other than our own address means DNS rebinding (a hostile name resolved to 127.0.0.1) or a proxy.
  const hostMatches = (host: string | undefined) => origin !== '' && host === origin.slice('http://'.length);

  const handleRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const headers = securityHeaders(origin);
    if (!hostMatches(request.headers.host)) {
      response.writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    // Browsers send Origin on cross-origin requests a script makes (fetch, XHR): none of ours needs answering.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      response.writeHead(403, headers).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const url = parseTarget(request.url);
    if (!url) {
      response.writeHead(400, headers).end();
      return;
    }
    if (url.pathname === HOST_SESSION_PATH) {
      // The page asks whether its token still opens this host (after its socket dropped): 204 yes, 401 no.
      const candidate = request.headers[HOST_TOKEN_HEADER];
      response.writeHead(tokenMatches(typeof candidate === 'string' ? candidate : null, token) ? 204 : 401, headers).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // Without a token the shell still loads: it uses the token kept in its session, or says how to get a link.
      const offered = url.searchParams.get(HOST_TOKEN_PARAM);
      if (offered !== null && !tokenMatches(offered, token)) {
        response.writeHead(401, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(LINK_EXPIRED_PAGE);
        return;
      }
      files.serve(request, response, indexFile, headers);
      return;
    }
    if (url.pathname.startsWith(EXPORTS_PATH)) {
      serveExport(request, response, url, options.exportsDir, token, headers);
      return;
    }
    const file = files.resolve(url.pathname);
    if (file === null) {
      response.writeHead(404, headers).end();
      return;
    }
    files.serve(request, response, file, headers);
  };

  const server = http.createServer(serverOptions(connectionLimits));
  // A local flood of connections, a slow sender or an idle one must not hold the descriptors and slots that the
  // operator's own tab needs: see connection-slots.ts. Registered before the request handler, so it sees each
  // request first.
  guardConnections(server, connectionLimits, (message) => log(message));
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    try {
      handleRequest(request, response);
    } catch (error) {
      log(`a request for ${String(request.url).slice(0, 200)} failed`, error);
      if (!response.headersSent) response.writeHead(500, securityHeaders(origin)).end();
      else response.destroy();
    }
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
  server.on('upgrade', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
    // Node hands the raw socket over with no error listener: a peer reset while we answer must not throw.
    socket.on('error', () => socket.destroy());
    try {
      const url = parseTarget(request.url);
      const refused = !hostMatches(request.headers.host)
        ? '421 Misdirected Request'
        : !url
          ? '400 Bad Request'
          : url.pathname !== HOST_SOCKET_PATH
            ? '404 Not Found'
            : !tokenMatches(url.searchParams.get(HOST_TOKEN_PARAM), token)
              ? '401 Unauthorized'
              : request.headers.origin !== origin
                ? '403 Forbidden'
                : sockets.clients.size >= MAX_PAGE_SOCKETS
                  ? '503 Service Unavailable'
                  : null;
      if (refused) {
        const reason = refused.startsWith('503') ? `More than ${MAX_PAGE_SOCKETS} pages are connected: close a tab and reload.` : '';
        closeAfter(socket, refusal(refused, reason));
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        try {
          serveHostSocket(ws, options.core, limits, log);
        } catch (error) {
          log('a page socket could not be set up', error);
          ws.terminate();
        }
      });
    } catch (error) {
      log('a WebSocket upgrade failed', error);
      socket.destroy();
    }
  });

  // Like webContents.send to every window: each page gets every event and keeps what it listens for.
  const unsubscribes = (Object.keys(eventContract) as EventChannel[]).map((event) =>
    options.core.on(event, (payload) => {
      if (sockets.clients.size === 0) return;
      let text: string;
      try {
        text = JSON.stringify({ kind: 'event', event, payload });
      } catch (error) {
        log(`event ${event} could not be encoded`, error);
        return;
      }
      for (const ws of sockets.clients) sendFrame(ws, text, limits);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log('the server reported an error', error));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`,
    origin,
    token,
    close: async () => {
      for (const off of unsubscribes) off();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Far above what a few tabs need; far below what would starve the process of descriptors. */
const MAX_PAGE_SOCKETS = 32;

/** The request target as a URL, or null when it is not one (absolute-form with a bad host, and the like). */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

const EXPORTS_PATH = '/exports/';

/**
 * One exported file, as an attachment, to the token holder. Only a plain file name directly in the exports folder
 * is served, with the same decode, dotfile and real-path rules as the renderer's files.
 */
function serveExport(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  exportsDir: string | undefined,
  token: string,
  headers: Record<string, string>,
): void {
  if (!tokenMatches(url.searchParams.get(HOST_TOKEN_PARAM), token)) {
    response.writeHead(401, headers).end();
    return;
  }
  const encoded = url.pathname.slice(EXPORTS_PATH.length);
  const name = safeDecode(encoded);
  let exports: StaticFiles | null = null;
  try {
    if (exportsDir !== undefined) exports = new StaticFiles(exportsDir);
  } catch {
    // No export was made yet: the folder does not exist.
  }
  const file = exports !== null && name !== null && !name.includes('/') ? exports.resolve(encoded) : null;
  if (exports === null || file === null || name === null) {
    response.writeHead(404, headers).end();
    return;
  }
  exports.serve(request, response, file, { ...headers, 'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"` });
}

function tokenMatches(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
