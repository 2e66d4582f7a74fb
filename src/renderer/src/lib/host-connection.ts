import { useSyncExternalStore } from 'react';

/**
 * Whether the page still reaches the console behind it. Electron's IPC cannot drop, so there it is always online;
 * the browser host's socket can (the app was stopped or restarted), and the page must say so instead of showing
 * stale agents as online.
 *  - online: calls and events flow;
 *  - lost: the socket dropped; the page retries with backoff (`retryAt`) and refreshes its data once back;
 *  - expired: the host answers but no longer takes this page's token (it restarted, and each start mints a new
 *    one), or the page has no token at all: only a new link helps.
 */
export type HostConnectionState =
  | { state: 'connecting' }
  | { state: 'online' }
  | { state: 'lost'; retryAt: number; attempt: number }
  | { state: 'expired' };

export interface HostConnection {
  get(): HostConnectionState;
  subscribe(listener: () => void): () => void;
  /** Tries now instead of at `retryAt`. */
  retryNow(): void;
}

export function createConnectionStore(initial: HostConnectionState): HostConnection & { set(next: HostConnectionState): void } {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retryNow: () => {},
    set(next) {
      current = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * Calls `onBack` each time the connection comes back after being lost: the page missed the events of the gap. The
 * first connect is not a return, nor is a page that was never online.
 */
export function onReconnected(connection: HostConnection, onBack: () => void): () => void {
  let lost = false;
  return connection.subscribe(() => {
    const { state } = connection.get();
    if (state === 'lost') lost = true;
    else if (state === 'online' && lost) {
      lost = false;
      onBack();
    }
  });
}

export const alwaysOnline: HostConnection = createConnectionStore({ state: 'online' });

export function useHostConnection(connection: HostConnection): HostConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.get);
}
