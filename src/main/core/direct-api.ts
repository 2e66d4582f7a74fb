import { type Api, buildApi, type EventPayloadOf } from '../../shared/contract';
import type { Dispatch } from './contract-dispatch';
import type { EventBus } from './lib/event-bus';

/** The renderer's api shape bound by direct calls: how in-process users (tests, the notifier) reach a core. */
export function directApi(invoke: Dispatch, events: EventBus): Api {
  return buildApi({
    invoke,
    subscribe: (event, listener) => events.on(event, listener as (payload: EventPayloadOf<typeof event>) => void),
  });
}
