import type { EventChannel, InvokeChannel, Result, Transport } from '../../../shared/contract';
import { HOST_SOCKET_PATH, HOST_TOKEN_PARAM, type HostToPageFrame } from '../../../shared/host-protocol';

/**
 * The page side of the browser host: contract calls over a loopback WebSocket instead of Electron IPC. Calls made
 * before the socket opens wait for it; if the host goes away, pending and later calls fail with TRANSPORT_FAILED.
 */
export function createBrowserHostTransport(location: Location): Transport {
  const token = new URLSearchParams(location.search).get(HOST_TOKEN_PARAM) ?? '';
  const socket = new WebSocket(
    `ws://${location.host}${HOST_SOCKET_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`,
  );
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closedReason: string | null = null;

  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data)) as HostToPageFrame;
    if (frame.kind === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  });
  socket.addEventListener('close', (event) => {
    closedReason =
      event.code === 1006
        ? 'Lost the connection to the Twin Console host. Is "npm start" still running? Reload the page to reconnect.'
        : `The Twin Console host closed the connection (${event.code}). Reload the page to reconnect.`;
    for (const resolve of pending.values()) resolve(transportFailure(closedReason));
    pending.clear();
  });

  return {
    async invoke(channel: InvokeChannel, request: unknown) {
      await Promise.race([opened, new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }))]);
      if (closedReason !== null || socket.readyState !== WebSocket.OPEN) {
        return transportFailure(closedReason ?? 'Not connected to the Twin Console host.');
      }
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ kind: 'invoke', id, channel, request }));
      });
    },
    subscribe(event: EventChannel, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

function transportFailure(message: string): Result<never> {
  return { ok: false, error: { code: 'TRANSPORT_FAILED', message } };
}
