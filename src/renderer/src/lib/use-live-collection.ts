import { useEffect, useMemo, useState } from 'react';
import type { ApiError, Result } from '../../../shared/contract';

/** Where a live collection comes from: one contract call to load it, and the events that keep it current. */
export interface LiveSource<T> {
  load(): Promise<Result<T[]>>;
  onChanged(listener: (item: T) => void): () => void;
  /** Many items changed in one event (a batch). */
  onChangedMany?(listener: (items: T[]) => void): () => void;
  onRemoved?(listener: (key: string) => void): () => void;
  keyOf(item: T): string;
}

/**
 * A collection loaded once and kept live by its `…:changed` events, the pattern behind agents, endpoints, alerts,
 * decisions and modes. It subscribes before it loads, and an item changed while the list was loading keeps its
 * newer, evented version. `source` must be stable (define it outside the component).
 */
export function useLiveCollection<T>(source: LiveSource<T>): { items: T[]; error: ApiError | null } {
  const [byKey, setByKey] = useState<ReadonlyMap<string, T>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    const offChanged = source.onChanged((item) => setByKey((current) => new Map(current).set(source.keyOf(item), item)));
    const offChangedMany =
      source.onChangedMany?.((items) =>
        setByKey((current) => {
          const next = new Map(current);
          for (const item of items) next.set(source.keyOf(item), item);
          return next;
        }),
      ) ?? (() => {});
    const offRemoved =
      source.onRemoved?.((key) =>
        setByKey((current) => {
          const next = new Map(current);
          next.delete(key);
          return next;
        }),
      ) ?? (() => {});
    void source.load().then((result) => {
      if (!alive) return;
      if (!result.ok) return setError(result.error);
      setByKey((live) => {
        const next = new Map(result.value.map((item) => [source.keyOf(item), item] as const));
        for (const [key, item] of live) next.set(key, item);
        return next;
      });
    });
    return () => {
      alive = false;
      offChanged();
      offChangedMany();
      offRemoved();
    };
  }, [source]);

  const items = useMemo(() => [...byKey.values()], [byKey]);
  return { items, error };
}
