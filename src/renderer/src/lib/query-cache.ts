import type { ApiError, EventChannel, EventPayloadOf, InvokeChannel, RequestOf, ResponseOf, Result } from '@shared/contract';
import type { EventHub } from './event-hub';

/** A typed contract call: how the cache reads from the core. */
export type Invoke = <C extends InvokeChannel>(channel: C, request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export interface QuerySnapshot<T> {
  readonly data: T | undefined;
  readonly error: ApiError | null;
  /** A load, refetch or page of this entry is on its way. */
  readonly loading: boolean;
}

/** How one event channel's batch changes an entry's data. */
export interface EventMerge<T> {
  readonly event: EventChannel;
  merge(data: T, batch: readonly unknown[]): T;
}

/** Declares a merge with the event's payload type, so specs stay typed without naming it. */
export function onEvent<E extends EventChannel, T>(event: E, merge: (data: T, batch: EventPayloadOf<E>[]) => T): EventMerge<T> {
  return { event, merge: merge as EventMerge<T>['merge'] };
}

/** Events after which an entry is read again (throttled) instead of merged: the data is computed by the core. */
export interface RefetchTrigger {
  readonly event: EventChannel;
  when?(payload: unknown): boolean;
}

export function refetchOn<E extends EventChannel>(event: E, when?: (payload: EventPayloadOf<E>) => boolean): RefetchTrigger {
  return { event, when: when as RefetchTrigger['when'] };
}

/** One cache entry: where its data comes from and which events keep it fresh. */
export interface QuerySpec<T> {
  /** Channel and request (see `queryKey`), or `local:…` for state that only events build. */
  readonly key: string;
  readonly load?: (invoke: Invoke) => Promise<Result<T>>;
  /** The data before the first load lands (events merge into it), or for good when there is no `load`. */
  readonly initial?: T;
  readonly merges?: readonly EventMerge<T>[];
  readonly refetchOn?: readonly RefetchTrigger[];
  /** Refetches at most this often when `refetchOn` events arrive; 500 ms unless told. */
  readonly refetchDelayMs?: number;
  /** Read again whenever the entry gains its first subscriber (data only wanted fresh, such as the palette's). */
  readonly refetchOnMount?: boolean;
  /**
   * For state only events build (no `load`): back to `initial` after a gap in the events (see `resync`), because
   * what it tracked may have ended unseen, such as a streamed reply whose final message came while disconnected.
   */
  readonly resetOnResync?: boolean;
}

/** The cache key of a contract call: channel plus the request, with object keys sorted so equal requests match. */
export function queryKey<C extends InvokeChannel>(channel: C, request: RequestOf<C>): string {
  return `${channel} ${stableJson(request)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Entry<T> {
  spec: QuerySpec<T>;
  snapshot: QuerySnapshot<T>;
  listeners: Set<() => void>;
  unsubscribe: (() => void)[];
  /** Bumped by every load, so a late answer to an older one is dropped. */
  generation: number;
  /** While a load is in flight: the merges since it started, replayed onto its answer (which may predate them). */
  pending: ((data: T) => T)[] | null;
  /** A page (`extend`) is in flight. */
  extending: boolean;
  gcTimer: ReturnType<typeof setTimeout> | null;
  refetchTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * One cache for the whole renderer, keyed by channel and request and kept fresh by events: the framework-free half
 * of the data layer (`use-query.ts` is the React half). Each entry is read once however many components show it,
 * merges each event batch from the hub once, and notifies its subscribers once per batch. An entry nobody has
 * watched for `gcMs` is dropped, with its event listeners.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly gcMs: number;

  constructor(private readonly deps: { invoke: Invoke; hub: EventHub; gcMs?: number }) {
    this.gcMs = deps.gcMs ?? 10_000;
  }

  /** The entry's current snapshot; creates the entry (and starts its load) on first use. */
  snapshot<T>(spec: QuerySpec<T>): QuerySnapshot<T> {
    return this.ensure(spec).snapshot;
  }

  /** The snapshot of an entry if it exists, without creating it. */
  peek<T>(key: string): QuerySnapshot<T> | undefined {
    return this.entries.get(key)?.snapshot as QuerySnapshot<T> | undefined;
  }

  subscribe<T>(spec: QuerySpec<T>, listener: () => void): () => void {
    const entry = this.ensure(spec);
    const first = entry.listeners.size === 0;
    entry.listeners.add(listener);
    if (entry.gcTimer !== null) {
      clearTimeout(entry.gcTimer);
      entry.gcTimer = null;
      if (first && spec.refetchOnMount && entry.pending === null) this.load(entry);
    }
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && this.entries.get(spec.key) === entry) this.scheduleGc(entry);
    };
  }

  /** Changes an entry's data locally (what the operator just did, or state only the renderer keeps). */
  setData<T>(key: string, update: (data: T | undefined) => T): void {
    const entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry) return;
    this.publish(entry, { ...entry.snapshot, data: update(entry.snapshot.data) });
  }

  /** Reads the entry again; its data stays on screen until the answer lands, with events merged meanwhile. */
  refetch(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.load(entry);
  }

  /**
   * Loads more of an entry (a page of older or newer messages) and folds it in with `combine`. Ignored while
   * the entry is loading; dropped if the entry was reloaded in between, since the page was of the old data.
   */
  extend<T, V>(key: string, load: (invoke: Invoke) => Promise<Result<V>>, combine: (data: T, value: V) => T): void {
    const entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry || entry.extending || entry.pending !== null) return;
    const generation = entry.generation;
    entry.extending = true;
    this.publish(entry, { ...entry.snapshot, loading: true });
    void load(this.deps.invoke).then((result) => {
      if (this.entries.get(key) !== entry || entry.generation !== generation) return;
      entry.extending = false;
      if (!result.ok) return this.publish(entry, { ...entry.snapshot, error: result.error, loading: false });
      const data = entry.snapshot.data;
      this.publish(entry, { data: data === undefined ? data : combine(data, result.value), error: null, loading: false });
    });
  }

  /**
   * After a gap in the events (the page lost its connection to the console and got it back): every entry was kept
   * fresh by events it may have missed, so each one on screen is read again, keeping its data on screen meanwhile;
   * those nobody watches are dropped, to be read afresh when wanted.
   */
  resync(): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.listeners.size === 0) this.drop(entry);
      else if (entry.spec.load) this.load(entry);
      else if (entry.spec.resetOnResync) this.publish(entry, { ...entry.snapshot, data: entry.spec.initial });
    }
  }

  /** Drops every entry and its listeners (tests, teardown). */
  clear(): void {
    for (const entry of this.entries.values()) this.drop(entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private ensure<T>(spec: QuerySpec<T>): Entry<T> {
    const existing = this.entries.get(spec.key) as Entry<T> | undefined;
    if (existing) return existing;
    const entry: Entry<T> = {
      spec,
      snapshot: { data: spec.initial, error: null, loading: spec.load !== undefined },
      listeners: new Set(),
      unsubscribe: [],
      generation: 0,
      pending: null,
      extending: false,
      gcTimer: null,
      refetchTimer: null,
    };
    this.entries.set(spec.key, entry as Entry<unknown>);
    // Subscribe before loading: an event that lands while the load is in flight is replayed onto its answer.
    for (const merge of spec.merges ?? []) {
      entry.unsubscribe.push(this.deps.hub.on(merge.event, (batch) => this.merge(entry, (data) => merge.merge(data, batch))));
    }
    for (const trigger of spec.refetchOn ?? []) {
      entry.unsubscribe.push(
        this.deps.hub.on(trigger.event, (batch) => {
          if (trigger.when && !batch.some((payload) => trigger.when!(payload))) return;
          entry.refetchTimer ??= setTimeout(() => {
            entry.refetchTimer = null;
            this.load(entry);
          }, spec.refetchDelayMs ?? 500);
        }),
      );
    }
    this.load(entry);
    // Created for a render that may never subscribe (React may drop it): collect it unless someone does.
    this.scheduleGc(entry);
    return entry;
  }

  private load<T>(entry: Entry<T>): void {
    const load = entry.spec.load;
    if (!load) return;
    const generation = ++entry.generation;
    entry.pending = [];
    entry.extending = false;
    if (!entry.snapshot.loading) this.publish(entry, { ...entry.snapshot, loading: true });
    void load(this.deps.invoke).then((result) => {
      if (this.entries.get(entry.spec.key) !== entry || entry.generation !== generation) return;
      const pending = entry.pending ?? [];
      entry.pending = null;
      if (!result.ok) return this.publish(entry, { ...entry.snapshot, error: result.error, loading: false });
      this.publish(entry, { data: pending.reduce((data, apply) => apply(data), result.value), error: null, loading: false });
    });
  }

  private merge<T>(entry: Entry<T>, apply: (data: T) => T): void {
    entry.pending?.push(apply);
    const data = entry.snapshot.data;
    if (data === undefined) return;
    const next = apply(data);
    if (next !== data) this.publish(entry, { ...entry.snapshot, data: next });
  }

  private publish<T>(entry: Entry<T>, snapshot: QuerySnapshot<T>): void {
    entry.snapshot = snapshot;
    for (const listener of [...entry.listeners]) listener();
  }

  private scheduleGc<T>(entry: Entry<T>): void {
    if (entry.gcTimer !== null) clearTimeout(entry.gcTimer);
    entry.gcTimer = setTimeout(() => this.drop(entry), this.gcMs);
  }

  private drop<T>(entry: Entry<T>): void {
    if (entry.gcTimer !== null) clearTimeout(entry.gcTimer);
    if (entry.refetchTimer !== null) clearTimeout(entry.refetchTimer);
    for (const off of entry.unsubscribe) off();
    entry.generation++;
    if (this.entries.get(entry.spec.key) === entry) this.entries.delete(entry.spec.key);
  }
}
