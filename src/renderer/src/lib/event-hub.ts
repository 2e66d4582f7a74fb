import type { EventChannel, EventPayloadOf } from '@shared/contract';

/** Where events come from: the contract's transport, or the api built on it. */
export interface EventSource {
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Runs `flush` once, soon: at the next animation frame in the page. */
export type FrameScheduler = (flush: () => void) => void;

type BatchListener = (batch: unknown[]) => void;

/**
 * The app's one subscriber to the core's events: each channel is subscribed once, on first use, for the whole
 * app, and fanned out here to every cache entry and hook that listens. Listeners get batches. High-rate channels
 * (`coalesced`) are queued and delivered once per frame, so a burst of 500 `message:changed` is one batch, one
 * store update and one render; the others are delivered at once, as a batch of one.
 */
export class EventHub {
  private readonly listeners = new Map<EventChannel, Set<BatchListener>>();
  private readonly upstream = new Map<EventChannel, () => void>();
  private queue = new Map<EventChannel, unknown[]>();
  private flushScheduled = false;

  constructor(
    private readonly source: EventSource,
    private readonly options: { coalesced: ReadonlySet<EventChannel>; schedule: FrameScheduler },
  ) {}

  on<E extends EventChannel>(event: E, listener: (batch: EventPayloadOf<E>[]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as BatchListener;
    set.add(entry);
    if (!this.upstream.has(event)) this.upstream.set(event, this.source.subscribe(event, (payload) => this.receive(event, payload)));
    return () => void set.delete(entry);
  }

  /** How many subscriptions the hub holds on the source: one per channel ever listened to. */
  get upstreamCount(): number {
    return this.upstream.size;
  }

  /** Delivers whatever is queued now, without waiting for the frame (for tests and teardown). */
  flush(): void {
    this.flushScheduled = false;
    const queued = this.queue;
    this.queue = new Map();
    for (const [event, batch] of queued) this.deliver(event, batch);
  }

  private receive(event: EventChannel, payload: unknown): void {
    if (!this.options.coalesced.has(event)) return this.deliver(event, [payload]);
    const batch = this.queue.get(event);
    if (batch) batch.push(payload);
    else this.queue.set(event, [payload]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.options.schedule(() => this.flush());
    }
  }

  private deliver(event: EventChannel, batch: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(batch);
  }
}
