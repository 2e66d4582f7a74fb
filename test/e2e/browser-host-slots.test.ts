/**
 * Connection slots of the browser host, with real sockets: connections that send nothing, half a header, or an
 * upgrade they never finish must neither hold the host forever nor shut out the operator's own tab. Each is closed
 * with a status that says why.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import { WebSocket } from 'ws';
import { type BrowserHost, type BrowserHostOptions, startBrowserHost } from '../../src/main/browser-host/browser-host';
import { DEFAULT_HOST_CONNECTION_LIMITS } from '../../src/main/browser-host/connection-slots';
import { createCore, silentLogger } from '../../src/main/core';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

async function startHost(t: TestContext, options: Partial<BrowserHostOptions> = {}): Promise<BrowserHost> {
  const core = createCore({ dataDir: tempDir(), logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, log: () => {}, ...options });
  t.after(async () => {
    await host.close();
    await core.close();
  });
  return host;
}

interface RawConnection {
  socket: net.Socket;
  /** Everything the host wrote, once it closed the connection. */
  closed: Promise<string>;
}

/** A TCP connection that writes `bytes` (maybe nothing, maybe half a request) and then just waits. */
function openRaw(host: BrowserHost, bytes: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(host.origin).port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    const closed = new Promise<string>((done) => socket.once('close', () => done(Buffer.concat(chunks).toString('latin1'))));
    socket.on('error', () => {});
    socket.once('connect', () => {
      if (bytes) socket.write(bytes);
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

function timed<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]);
}

/** A whole GET of the page on a fresh connection, the way a browser tab would load it. */
function getPage(host: BrowserHost): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(host.url, { agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

test('300 slow-loris connections (more than the host holds at once) do not shut out a tab: it is served at once', async (t) => {
  const host = await startHost(t);
  const hostHeader = new URL(host.origin).host;
  const count = DEFAULT_HOST_CONNECTION_LIMITS.maxConnections + 44;
  const loris: RawConnection[] = [];
  for (let i = 0; i < count; i++) loris.push(await openRaw(host, `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nX-Slow: `));
  t.after(() => loris.forEach((c) => c.socket.destroy()));

  // Well under the 10 s header deadline: the tab is not waiting for the slow ones to time out.
  assert.equal(await timed('the page', getPage(host), 3000), 200);

  // The ones that waited longest made room, each told why; the newest still wait (their deadline has not come).
  const answers = await timed(
    'the oldest slow connections being closed',
    Promise.all(loris.slice(0, count - DEFAULT_HOST_CONNECTION_LIMITS.maxWaitingConnections).map((c) => c.closed)),
    5000,
  );
  for (const answer of answers) {
    assert.match(answer, /^HTTP\/1\.1 503 Service Unavailable\r\n/);
    assert.match(answer, /too many connections were waiting to send a request/);
  }
  assert.equal(loris.at(-1)!.socket.destroyed, false, 'the newest slow connection is still open');
});

test('300 connections that make one request and then sit idle on keep-alive do not shut out a tab either', async (t) => {
  const host = await startHost(t);
  const hostHeader = new URL(host.origin).host;
  const count = DEFAULT_HOST_CONNECTION_LIMITS.maxConnections + 44;
  const idle: RawConnection[] = [];
  for (let i = 0; i < count; i++) {
    const connection = await openRaw(host, `GET /session HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`);
    // Its answer has come back (401: no token), so the host counts it as idle, not as a request under way.
    await timed('an answer', new Promise((resolve) => connection.socket.once('data', resolve)), 5000);
    idle.push(connection);
  }
  t.after(() => idle.forEach((c) => c.socket.destroy()));

  assert.equal(await timed('the page', getPage(host), 3000), 200);
  // Idle ones are closed without a word, as HTTP allows for an idle persistent connection: nothing but their answer.
  const closed = await timed('the oldest idle connections being closed', Promise.all(idle.slice(0, 100).map((c) => c.closed)), 5000);
  for (const text of closed) assert.match(text, /^HTTP\/1\.1 401 Unauthorized\r\n(?![\s\S]*HTTP\/1\.1)/);
});

test('a connection that sends nothing, half a header or half an upgrade is answered 408 at the header deadline', async (t) => {
  const headersTimeoutMs = 600;
  const host = await startHost(t, { connectionLimits: { headersTimeoutMs, checkIntervalMs: 100 } });
  const hostHeader = new URL(host.origin).host;
  const started = performance.now();
  const silent = await openRaw(host, '');
  const half = await openRaw(host, `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\n`);
  const upgrade = await openRaw(
    host,
    `GET /api?token=${host.token} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`,
  );
  for (const connection of [silent, half, upgrade]) {
    const answer = await timed('the 408', connection.closed, 5000);
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.match(answer, /The request did not arrive in time/);
  }
  assert.ok(performance.now() - started >= headersTimeoutMs, 'not before the deadline');
});

test('a refused upgrade is closed by the host even when the peer never closes its side', async (t) => {
  const host = await startHost(t);
  const hostHeader = new URL(host.origin).host;
  const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(host.origin).port), allowHalfOpen: true });
  socket.on('error', () => {});
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.once('connect', () =>
    socket.write(
      `GET /api?token=wrong HTTP/1.1\r\nHost: ${hostHeader}\r\nOrigin: ${host.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    ),
  );
  // With allowHalfOpen our side stays open after the host's FIN. If the host only half-closed too, the connection
  // would live on, holding a descriptor; a host that closed for good answers our next bytes with a reset.
  await timed('the refusal', new Promise<void>((resolve) => socket.once('end', () => resolve())), 3000);
  assert.match(Buffer.concat(chunks).toString('latin1'), /^HTTP\/1\.1 401 Unauthorized\r\n/);
  const reset = new Promise<string>((resolve) => socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? '')));
  const poke = () => {
    if (!socket.destroyed) socket.write('x', () => setImmediate(poke));
  };
  poke();
  try {
    assert.match(await timed('a reset from the host', reset, 3000), /^(ECONNRESET|EPIPE)$/);
  } finally {
    socket.destroy();
  }
});

test('a page socket that answers no ping is dropped to free its slot; one that answers stays', async (t) => {
  const host = await startHost(t, { socketLimits: { pingIntervalMs: 250 } });
  const open = (autoPong: boolean) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${encodeURIComponent(host.token)}`, { origin: host.origin, autoPong });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const [stuck, page] = await Promise.all([open(false), open(true)]);
  t.after(() => page.close());
  let pings = 0;
  stuck.on('ping', () => pings++);
  const closed = await timed('the stuck socket being dropped', new Promise<number>((resolve) => stuck.once('close', resolve)), 5000);
  assert.equal(closed, 1006, 'terminated: no close handshake with a peer that answers nothing');
  assert.ok(pings >= 1, 'it was pinged before being dropped');
  assert.equal(page.readyState, WebSocket.OPEN, 'the page that answers pings keeps its socket');
});
