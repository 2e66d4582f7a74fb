import type { WebSocket } from 'ws';
import type { Result } from '../../shared/contract';
import { type HostToPageFrame, PageToHostFrame } from '../../shared/host-protocol';
import { CallBudget, type CallBudgetLimits, type Core, DEFAULT_CALL_BUDGET } from '../core';

/** Bounds on one page socket. The page is our own code, so these sit far above what it does, and far below harm. */
export interface HostSocketLimits extends CallBudgetLimits {
  /** Largest frame accepted (ws closes the socket with 1009 above it). */
  maxPayloadBytes: number;
  /** Deepest JSON nesting of a request; contract requests are a few levels deep. */
  maxDepth: number;
  /** Token bucket: calls per second sustained, and the burst above it. */
  callsPerSecond: number;
  burst: number;
  /** Calls refused (rate or shape) within 10 s before the socket is closed with 1008. */
  maxRefused: number;
  /** A page that reads events slower than they come is dropped past this much unsent data (it reconnects). */
  maxBufferedBytes: number;
  /**
   * The host pings each page this often; one that neither answered the last ping nor sent anything since is dropped.
   * Browsers answer pings by themselves, so only a dead or stuck peer loses its slot (the host holds 32).
   */
  pingIntervalMs: number;
}

export const DEFAULT_HOST_SOCKET_LIMITS: HostSocketLimits = {
  maxPayloadBytes: 1024 * 1024,
  maxDepth: 64,
  callsPerSecond: 500,
  burst: 1000,
  maxRefused: 1000,
  maxBufferedBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
  // Each page socket is one caller: how much of the event loop its calls may hold (see core/lib/call-budget.ts).
  ...DEFAULT_CALL_BUDGET,
};

/**
 * One page's contract socket. Whatever arrives (binary, invalid UTF-8, non-JSON, a wrong shape, a deep nest, a
 * flood, a frame over the size limit) is answered or the socket closed: nothing escapes as an exception, because an
 * uncaught one would end the process and every agent link with it.
 */
export function serveHostSocket(
  ws: WebSocket,
  core: Pick<Core, 'invoke'>,
  limits: HostSocketLimits,
  log: (message: string, error?: unknown) => void,
  now: () => number = Date.now,
): void {
  let tokens = limits.burst;
  const budget = new CallBudget(limits);
  let refilledAt = now();
  // Counted per 10 s window, not "in a row": a flood that lets a call through now and then is still a flood.
  let refused = 0;
  let windowStart = now();
  // ws reports protocol errors (1007 invalid UTF-8, 1009 too big…) here before closing; without a listener the
  // EventEmitter would throw them.
  ws.on('error', (error) => log('browser host: a page socket failed', error));

  let alive = true;
  ws.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) {
      // No close frame: a peer that answers nothing would not answer that either.
      log(`browser host: a page socket answered no ping for ${limits.pingIntervalMs} ms; dropped, to free its slot`);
      ws.terminate();
      return;
    }
    alive = false;
    try {
      ws.ping();
    } catch {
      // Closing already: its close clears this timer.
    }
  }, limits.pingIntervalMs);
  heartbeat.unref();
  ws.once('close', () => clearInterval(heartbeat));

  const refuse = (id: number | null, message: string, code: 'INVALID_REQUEST' | 'BUSY' = 'INVALID_REQUEST') => {
    if (now() - windowStart > REFUSAL_WINDOW_MS) {
      windowStart = now();
      refused = 0;
    }
    refused++;
    if (refused > limits.maxRefused || id === null) {
      ws.close(1008, message.slice(0, 120));
      return;
    }
    sendFrame(ws, { kind: 'result', id, result: { ok: false, error: { code, message } } }, limits);
  };

  ws.on('message', (data, isBinary) => {
    alive = true;
    try {
      const elapsed = Math.max(0, now() - refilledAt) / 1000;
      tokens = Math.min(limits.burst, tokens + elapsed * limits.callsPerSecond);
      refilledAt = now();
      if (isBinary) return refuse(null, 'binary frames are not part of the host protocol');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return refuse(null, 'a frame must be one JSON object');
      }
      const frame = PageToHostFrame.safeParse(parsed);
      if (!frame.success) return refuse(idOf(parsed), 'a frame must be {kind: "invoke", id, channel, request}');
      if (depthExceeds(frame.data.request, limits.maxDepth)) {
        return refuse(frame.data.id, `the request nests deeper than ${limits.maxDepth} levels`);
      }
      if (tokens < 1) {
        // BUSY, not INVALID_REQUEST: the call itself is fine, and the same call a moment later is answered.
        return refuse(frame.data.id, `more than ${limits.callsPerSecond} calls per second: slow down`, 'BUSY');
      }
      tokens -= 1;
      void answer(frame.data);
    } catch (error) {
      log('browser host: a page frame could not be handled', error);
      ws.close(1011, 'internal error');
    }
  });

  async function answer(frame: PageToHostFrame): Promise<void> {
    let result: Result<unknown>;
    try {
      result = await budget.run(() => core.invoke(frame.channel as Parameters<Core['invoke']>[0], frame.request));
    } catch (error) {
      log(`browser host: ${frame.channel.slice(0, 100)} threw`, error);
      result = { ok: false, error: { code: 'INTERNAL', message: 'The console failed to answer this call; see its log.' } };
    }
    sendFrame(ws, { kind: 'result', id: frame.id, result }, limits);
  }
}

const REFUSAL_WINDOW_MS = 10_000;

/** Sends one frame if the socket is open and keeping up; a result that cannot be serialized is answered as INTERNAL. */
export function sendFrame(ws: WebSocket, frame: HostToPageFrame | string, limits: Pick<HostSocketLimits, 'maxBufferedBytes'>): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > limits.maxBufferedBytes) {
    ws.terminate();
    return;
  }
  let text: string;
  try {
    text = typeof frame === 'string' ? frame : JSON.stringify(frame);
  } catch {
    if (typeof frame === 'string' || frame.kind !== 'result') return;
    text = JSON.stringify({
      kind: 'result',
      id: frame.id,
      result: { ok: false, error: { code: 'INTERNAL', message: 'The console could not encode its answer.' } },
    });
  }
  ws.send(text, () => {
    // A send that fails means the socket is going away; its close handles the rest.
  });
}

function idOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/** Iterative, so a hostile nest cannot overflow the stack that checks it. */
function depthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
