import type { EventChannel, EventPayloadOf } from '@shared/contract';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { events, queryCache } from './data';
import type { QuerySnapshot, QuerySpec } from './query-cache';

const DISABLED: QuerySnapshot<never> = { data: undefined, error: null, loading: false };

/**
 * The React half of the data layer: the cache entry for `spec.key`, re-rendering when it changes. Pass null to
 * watch nothing (a panel that is closed). Specs with the same key must mean the same thing: the first one seen
 * defines the entry.
 */
export function useQuery<T>(spec: QuerySpec<T> | null): QuerySnapshot<T> {
  const latest = useRef(spec);
  latest.current = spec;
  const key = spec?.key ?? null;
  const subscribe = useCallback(
    (listener: () => void) => (key === null || !latest.current ? () => {} : queryCache.subscribe(latest.current, listener)),
    [key],
  );
  const getSnapshot = useCallback(
    (): QuerySnapshot<T> => (key === null || !latest.current ? DISABLED : queryCache.snapshot(latest.current)),
    [key],
  );
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** Runs `listener` for each event of a channel (for commands such as "open this", not data), via the shared hub. */
export function useEvent<E extends EventChannel>(event: E, listener: ((payload: EventPayloadOf<E>) => void) | null): void {
  const latest = useRef(listener);
  latest.current = listener;
  const active = listener !== null;
  useEffect(() => {
    if (!active) return;
    return events.on(event, (batch) => {
      for (const payload of batch) latest.current?.(payload);
    });
  }, [event, active]);
}
