import type { EventChannel, InvokeChannel, Result, Transport } from '../../../shared/contract';
import {
  HOST_SESSION_PATH,
  HOST_SOCKET_PATH,
  HOST_TOKEN_HEADER,
  HOST_TOKEN_PARAM,
  type HostToPageFrame,
} from '../../../shared/host-protocol';
import { createConnectionStore, type HostConnection } from './host-connection';

const TOKEN_KEY = 'twin-console.host-token';
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

/**
 * The page side of the browser host: contract calls over a loopback WebSocket instead of Electron IPC.
 *
 * The token arrives in the link, and leaves the address bar at once: it moves into this tab's sessionStorage (so a
 * reload still works) and the URL is replaced without it, so it is not left in history, bookmarks or screenshots.
 *
 * When the socket drops, pending and later calls fail with TRANSPORT_FAILED, the connection turns `lost`, and the
 * page asks the host at /session, with backoff, whether it is back: when it is, the page connects again and the
 * connection turns `online` (the data layer then reads again what it shows, see data.ts: no reload, so the open
 * view, its scroll and any draft stay); when it refuses the token (a restart minted a new one), the connection
 * turns `expired` and the page says how to get a new link. Event listeners belong to the transport, not to one
 * socket, so they hold across reconnects.
 */
export function createBrowserHostTransport(window: Window): { transport: Transport; connection: HostConnection; token: string | null } {
  const token = takeToken(window);
  const connection = createConnectionStore(token === null ? { state: 'expired' } : { state: 'connecting' });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<boolean> = Promise.resolve(false);
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const connect = () => {
    if (token === null) return;
    const ws = new WebSocket(`ws://${window.location.host}${HOST_SOCKET_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`);
    socket = ws;
    opened = new Promise((resolve) => {
      ws.addEventListener('open', () => resolve(true), { once: true });
      ws.addEventListener('close', () => resolve(false), { once: true });
    });
    ws.addEventListener('open', () => {
      attempt = 0;
      connection.set({ state: 'online' });
    });
    ws.addEventListener('message', (event) => {
      let frame: HostToPageFrame;
      try {
        frame = JSON.parse(String(event.data)) as HostToPageFrame;
      } catch {
        return;
      }
      if (frame.kind === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    });
    ws.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve(transportFailure(lostMessage));
      pending.clear();
      scheduleProbe();
    });
  };

  const scheduleProbe = () => {
    clearTimeout(retryTimer);
    // Full jitter: many tabs of one host do not all knock at once when it comes back.
    const delay = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
    attempt++;
    connection.set({ state: 'lost', retryAt: Date.now() + delay, attempt });
    retryTimer = setTimeout(() => void probe(), delay);
  };

  const probe = async () => {
    clearTimeout(retryTimer);
    if (token === null) return;
    let status: number;
    try {
      status = (await fetch(HOST_SESSION_PATH, { headers: { [HOST_TOKEN_HEADER]: token }, cache: 'no-store' })).status;
    } catch {
      return scheduleProbe();
    }
    if (status === 401) {
      connection.set({ state: 'expired' });
      return;
    }
    if (status !== 204) return scheduleProbe();
    connect();
  };

  connection.retryNow = () => {
    if (connection.get().state === 'lost') void probe();
  };
  connect();

  const transport: Transport = {
    async invoke(channel: InvokeChannel, request: unknown) {
      if (connection.get().state === 'expired') return transportFailure(expiredMessage);
      const ws = socket;
      if (!ws || !(await opened) || ws.readyState !== WebSocket.OPEN) return transportFailure(lostMessage);
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ kind: 'invoke', id, channel, request }));
      });
    },
    subscribe(event: EventChannel, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return { transport, connection, token };
}

const lostMessage = 'Lost the connection to Twin Console; reconnecting. Is it still running?';
const expiredMessage = 'This page’s link has expired (Twin Console was restarted). Open the new link it printed.';

/** The token from the link (moved into the tab's session, and out of the URL) or from the session. */
function takeToken(window: Window): string | null {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get(HOST_TOKEN_PARAM);
  if (fromLink === null) return readSession(window, TOKEN_KEY);
  writeSession(window, TOKEN_KEY, fromLink);
  url.searchParams.delete(HOST_TOKEN_PARAM);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromLink;
}

/** sessionStorage can be disabled or full; the page then still works until it is reloaded. */
function readSession(window: Window, key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeSession(window: Window, key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // See readSession.
  }
}

function transportFailure(message: string): Result<never> {
  return { ok: false, error: { code: 'TRANSPORT_FAILED', message } };
}
