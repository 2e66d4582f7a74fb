import { type EventChannel, eventMethodName, invokeMethodPath } from '@shared/contract';
import { api, hostConnection } from './api';
import { EventHub } from './event-hub';
import { onReconnected } from './host-connection';
import { nextFrame } from './next-frame';
import { type Invoke, QueryCache } from './query-cache';

type Subscribe = (listener: (payload: unknown) => void) => () => void;
type Call = (request: unknown) => ReturnType<Invoke>;

/**
 * The renderer's data layer, made once: the hub holds the app's only subscription to each event channel, and the
 * cache every list the views show. Message and agent changes come in bursts (a fleet reconnecting, a streamed
 * reply landing everywhere), so they are delivered once per frame.
 */
export const events = new EventHub(
  { subscribe: (event: EventChannel, listener) => (api as unknown as Record<string, Subscribe>)[eventMethodName(event)]!(listener) },
  { coalesced: new Set<EventChannel>(['message:changed', 'agent:changed']), schedule: nextFrame },
);

const invoke: Invoke = (channel, request) => {
  const [namespace, method] = invokeMethodPath(channel);
  return (api as unknown as Record<string, Record<string, Call>>)[namespace]![method]!(request) as never;
};

export const queryCache = new QueryCache({ invoke, hub: events });

// Back after a gap: the hub's subscriptions still hold (they outlive the socket), so only the data is read again.
onReconnected(hostConnection, () => {
  events.flush();
  queryCache.resync();
});
