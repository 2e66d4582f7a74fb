import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Bounds on the host's TCP connections, before any token is seen. Far above what a few tabs need. */
export interface HostConnectionLimits {
  /** All connections at once; past it Node drops new ones unanswered. */
  maxConnections: number;
  /**
   * Connections with no request under way: still sending their first header, or idle between keep-alive requests.
   * Past it the one that has waited longest is closed to make room, so idle or slow senders cannot fill the host
   * and shut out a client that sends a whole request at once. Kept well under maxConnections for that reason.
   */
  maxWaitingConnections: number;
  /** A request's whole header must arrive within this (slow-loris); answered 408. */
  headersTimeoutMs: number;
  /** A whole request (header and body) must arrive within this; answered 408. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing moves either way (a reader that stopped reading a response) is closed after this. */
  idleTimeoutMs: number;
  /** How often Node checks the header and request deadlines: its default (30 s) would stretch a 10 s deadline to 40 s. */
  checkIntervalMs: number;
}

export const DEFAULT_HOST_CONNECTION_LIMITS: HostConnectionLimits = {
  maxConnections: 256,
  maxWaitingConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
};

/** Options for http.createServer that must be given at creation. */
export function serverOptions(limits: HostConnectionLimits): http.ServerOptions {
  return {
    connectionsCheckingInterval: limits.checkIntervalMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/**
 * Applies the limits to a server and keeps the waiting connections in order of arrival. A connection stops waiting
 * when a whole request header has arrived (`request` or `upgrade`) and waits again once its response is done. The
 * oldest waiting one is closed when a new connection would pass the cap: one that never sent a whole request is told
 * why (503, which is the answer to the request it had not finished); one idle between requests is just closed, as
 * HTTP lets a server close an idle persistent connection at any time and clients retry on a fresh one.
 */
export function guardConnections(server: http.Server, limits: HostConnectionLimits, log: (message: string) => void): void {
  server.maxConnections = limits.maxConnections;
  server.timeout = limits.idleTimeoutMs;
  // Insertion-ordered: the first entry has waited longest. Whether it has been answered before decides how it is closed.
  const waiting = new Map<Socket, { served: boolean }>();
  // Requests under way per connection: more than one only when a client pipelines.
  const active = new WeakMap<Socket, number>();
  let evicted = 0;

  server.on('connection', (socket: Socket) => {
    waiting.set(socket, { served: false });
    socket.once('close', () => waiting.delete(socket));
    while (waiting.size > limits.maxWaitingConnections) {
      const [oldest, state] = waiting.entries().next().value as [Socket, { served: boolean }];
      waiting.delete(oldest);
      closeAfter(oldest, state.served ? '' : refusal('503 Service Unavailable', WAITING_FULL));
      // Once per hundred, not once per socket: a flood must not become a flood of log lines too.
      if (evicted++ % 100 === 0) log(`${WAITING_FULL} (${evicted} so far)`);
    }
  });
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    waiting.delete(socket);
    active.set(socket, (active.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (left === 0 && !socket.destroyed) waiting.set(socket, { served: true });
    });
  });
  // An upgraded socket belongs to the WebSocket server from here: it is a page's, or is answered and closed.
  server.on('upgrade', (request: http.IncomingMessage) => waiting.delete(request.socket));

  // Timeouts and malformed HTTP, each answered with a status that says which, then closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    waiting.delete(socket as Socket);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    closeAfter(socket, refusal(status, CLIENT_ERROR_REASONS[status] ?? 'The request was not valid HTTP.'));
  });
}

const WAITING_FULL = 'too many connections were waiting to send a request; the one waiting longest was closed';

const CLIENT_ERROR_REASONS: Record<string, string> = {
  '408 Request Timeout': 'The request did not arrive in time.',
  '431 Request Header Fields Too Large': 'The request header is too large.',
};

/**
 * Writes the last bytes and closes for good once they are out. `end()` alone only half-closes: a peer that never
 * closes its side would keep the descriptor.
 */
export function closeAfter(socket: Duplex, text: string): void {
  socket.end(text, () => socket.destroy());
}

/** A whole HTTP response that closes the connection, with its reason as a line of text. */
export function refusal(status: string, reason = ''): string {
  const body = reason ? `${reason}\n` : '';
  return `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
