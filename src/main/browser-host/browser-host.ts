import { timingSafeEqual, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { eventContract, type EventChannel } from '../../shared/contract';
import { HOST_SOCKET_PATH, HOST_TOKEN_PARAM, type HostToPageFrame, PageToHostFrame } from '../../shared/host-protocol';
import type { Core } from '../core';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { contentTypeOf } from '../content-types';

export interface BrowserHostOptions {
  core: Core;
  /** Directory of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes. */
  token?: string;
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
 * Electron renderer would. Only the holder of the token gets the page or the socket, and the socket also requires
 * the page's own Origin, so another site open in the same browser cannot reach it. Every request must name our
 * own Host, which defeats DNS rebinding. Static assets (the bundle) need no token: they are the same public code
 * for everyone and carry no data; every byte of data goes over the token- and Origin-checked socket.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`No built renderer at ${indexFile}. Run "npm run build" first.`);
  }

  let origin = '';
  // A Host other than our own address means DNS rebinding (a hostile name resolved to 127.0.0.1) or a proxy.
  const hostMatches = (host: string | undefined) => origin !== '' && host === origin.slice('http://'.length);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!hostMatches(request.headers.host)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenMatches(url.searchParams.get(HOST_TOKEN_PARAM), token)) {
        response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Twin Console: this page needs the token printed by "npm start". Open the full URL it printed.\n');
        return;
      }
      serveFile(response, indexFile, { 'content-security-policy': contentSecurityPolicy(origin) });
      return;
    }
    if (url.pathname.startsWith(EXPORTS_PATH)) {
      serveExport(response, url, options.exportsDir, token);
      return;
    }
    const file = path.resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    serveFile(response, file, {});
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refusal = !hostMatches(request.headers.host)
      ? '421 Misdirected Request'
      : url.pathname !== HOST_SOCKET_PATH
        ? '404 Not Found'
        : !tokenMatches(url.searchParams.get(HOST_TOKEN_PARAM), token)
          ? '401 Unauthorized'
          : request.headers.origin !== origin
            ? '403 Forbidden'
            : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  sockets.on('connection', (ws) => {
    ws.on('message', async (data, isBinary) => {
      let frame: PageToHostFrame;
      try {
        frame = PageToHostFrame.parse(JSON.parse(isBinary ? '' : data.toString()));
      } catch {
        ws.close(1008, 'malformed frame');
        return;
      }
      const result = await options.core.invoke(frame.channel, frame.request);
      send(ws, { kind: 'result', id: frame.id, result });
    });
  });

  // Like webContents.send to every window: each page gets every event and keeps what it listens for.
  const unsubscribes = (Object.keys(eventContract) as EventChannel[]).map((event) =>
    options.core.on(event, (payload) => {
      for (const ws of sockets.clients) send(ws, { kind: 'event', event, payload });
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
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

function send(ws: WebSocket, frame: HostToPageFrame): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

const EXPORTS_PATH = '/exports/';

/** One exported file, as an attachment, to the token holder; a name with a path in it is never resolved. */
function serveExport(response: http.ServerResponse, url: URL, exportsDir: string | undefined, token: string): void {
  if (!tokenMatches(url.searchParams.get(HOST_TOKEN_PARAM), token)) {
    response.writeHead(401).end();
    return;
  }
  const name = decodeURIComponent(url.pathname.slice(EXPORTS_PATH.length));
  const file = exportsDir === undefined ? null : path.join(exportsDir, name);
  if (!file || name !== path.basename(name) || name.startsWith('.') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  serveFile(response, file, { 'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"` });
}

function tokenMatches(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function serveFile(response: http.ServerResponse, file: string, headers: Record<string, string>): void {
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  fs.createReadStream(file).pipe(response);
}
