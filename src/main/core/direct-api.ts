import { type Api, buildApi, type EventPayloadOf } from '../../shared/contract';
import type { Dispatch } from './contract-dispatch';
import type { Core } from './create-core';
import type { EventBus } from './lib/event-bus';

/** The renderer's api shape bound by direct calls: how in-process users (tests, the notifier) reach a core. */
export function directApi(invoke: Dispatch, events: EventBus): Api {
  return buildApi({
    invoke,
    subscribe: (event, listener) => events.on(event, listener as (payload: EventPayloadOf<typeof event>) => void),
  });
}

/** What a core exposes that only depends on how it dispatches and emits: the same for the console and the recovery console. */
export function bindCore(dataDir: string, invoke: Dispatch, events: EventBus): Pick<Core, 'dataDir' | 'invoke' | 'on' | 'api'> {
  return { dataDir, invoke, on: (event, listener) => events.on(event, listener as never), api: directApi(invoke, events) };
}
