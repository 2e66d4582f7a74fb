import type { CoreEvents } from './core-events';

type Listener<P> = (payload: P) => void;

/**
 * Typed fan-out of events: the contract's push events, which the bindings forward to windows, and the core's own
 * events between feature modules (core-events.ts), which never leave the core. A throwing listener is reported and
 * does not stop the others.
 */
export class EventBus<Events extends object = CoreEvents> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  /** Returns the unsubscribe function (a disposable: see DisposableStore.add). */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<Events[E]>)(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
