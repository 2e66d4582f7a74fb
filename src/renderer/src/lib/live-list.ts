import type { EventChannel, EventPayloadOf, InvokeChannel, RequestOf, Result } from '@shared/contract';
import { onEvent, type QuerySpec, queryKey } from './query-cache';
import { type InsertAt, removeKeys, upsert } from './upsert';

/**
 * The spec of a list loaded by one contract call and kept live by its `…:changed` event (and `…:removed`, where
 * there is one), merged by the one upsert rule. Agents, endpoints, alerts, decisions, modes, broadcasts and rooms
 * are all this.
 */
export function liveList<C extends InvokeChannel, E extends EventChannel, R extends EventChannel = never>(options: {
  channel: C;
  request: RequestOf<C>;
  changed: E;
  keyOf: (item: EventPayloadOf<E>) => string;
  /** Where an item not seen before goes: the end unless the list is newest first. */
  insertAt?: InsertAt;
  removed?: { event: R; keyOf: (payload: EventPayloadOf<R>) => string };
}): QuerySpec<EventPayloadOf<E>[]> {
  type T = EventPayloadOf<E>;
  const { channel, request, changed, keyOf, insertAt = 'end', removed } = options;
  return {
    key: queryKey(channel, request),
    load: (invoke) => invoke(channel, request) as Promise<Result<T[]>>,
    initial: [],
    merges: [
      onEvent(changed, (list: T[], batch) => upsert(list, batch, keyOf, insertAt)),
      ...(removed ? [onEvent(removed.event, (list: T[], batch) => removeKeys(list, batch.map(removed.keyOf), keyOf))] : []),
    ],
  };
}
