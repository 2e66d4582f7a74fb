import type { EventChannel, EventPayloadOf } from '../../../shared/contract';

type Listener<E extends EventChannel> = (payload: EventPayloadOf<E>) => void;

/** Typed fan-out of the contract's push events. A throwing listener is reported and does not stop the others. */
export class EventBus {
  private readonly listeners = new Map<EventChannel, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<E extends EventChannel>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayloadOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
