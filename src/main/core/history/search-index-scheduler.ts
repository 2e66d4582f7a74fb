import type { SearchIndexer } from '../store/search-indexer';

export interface SearchIndexSchedule {
  /** Ingest counts as busy until this long after its last commit. */
  idleAfterMs: number;
  /** Rows indexed per turn of the event loop: small enough that sockets and the UI keep being served. */
  chunk: number;
  /**
   * When set, an idle catch-up grows its chunks to about this much work per turn (sized from what the last chunk
   * cost per row), up to maxChunk: a chunk is one transaction, and fewer, bigger ones cost less per row (measured:
   * 10.6 µs a row in chunks of 500, 8.4 in chunks of 2,000). Under ingest pressure the chunk stays at `chunk`.
   */
  sliceMs?: number;
  maxChunk?: number;
  /** Past this backlog, indexing runs even while ingest is busy, sharing the time with it. */
  highWater: number;
  intervalMs: number;
}

export const DEFAULT_SEARCH_INDEX_SCHEDULE: SearchIndexSchedule = {
  idleAfterMs: 150,
  chunk: 500,
  sliceMs: 12,
  maxChunk: 5000,
  highWater: 20_000,
  intervalMs: 200,
};

/**
 * Decides when the search index catches up with the log: in the gaps between bursts of agent traffic, a chunk per
 * event-loop turn, so a burst is committed and acked at full speed and indexed right after it. Under sustained
 * overload the backlog reaches the high-water mark and indexing then shares the loop with ingest, so it cannot grow
 * without bound. Searches never wait for this: they catch up themselves (SearchRepository).
 */
export class SearchIndexScheduler {
  private lastActivity = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** Set while ingest is busy: fires when it has been quiet for idleAfterMs, instead of at the next interval. */
  private idleTimer: NodeJS.Timeout | null = null;
  private msPerRow = 0;
  private draining = false;
  private stopped = false;

  constructor(
    private readonly indexer: SearchIndexer,
    private readonly now: () => number,
    private readonly schedule: SearchIndexSchedule = DEFAULT_SEARCH_INDEX_SCHEDULE,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Called on every committed message; cheap (a timestamp). */
  noteActivity(): void {
    this.lastActivity = this.now();
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.schedule.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.timer = null;
    this.idleTimer = null;
  }

  /** One scheduling decision; public so tests can drive it with their own clock. */
  tick(): void {
    if (this.draining || this.stopped) return;
    try {
      const backlog = this.indexer.backlog();
      const quietFor = this.now() - this.lastActivity;
      const busy = quietFor < this.schedule.idleAfterMs;
      if (backlog === 0) return;
      if (busy && backlog < this.schedule.highWater) return this.tickWhenIdle(this.schedule.idleAfterMs - quietFor);
      this.draining = true;
      const chunk = this.chunkSize(busy);
      const started = performance.now();
      const indexed = this.indexer.indexSome(chunk);
      if (indexed > 0) this.msPerRow = (performance.now() - started) / indexed;
      // Keep going on the next turn (after pending I/O) while there is more; the next check decides again.
      setImmediate(() => {
        this.draining = false;
        if (indexed === chunk) this.tick();
      });
    } catch (error) {
      this.draining = false;
      this.onError(error);
    }
  }

  /** Rows for this turn: the base chunk under ingest pressure; when idle, about sliceMs of work. */
  private chunkSize(busy: boolean): number {
    const { chunk, sliceMs, maxChunk } = this.schedule;
    if (busy || sliceMs === undefined || this.msPerRow <= 0) return chunk;
    return Math.max(chunk, Math.min(maxChunk ?? chunk, Math.floor(sliceMs / this.msPerRow)));
  }

  /** A burst just ended (or is going on): look again once it has been quiet long enough, not an interval later. */
  private tickWhenIdle(inMs: number): void {
    if (this.idleTimer || this.stopped || this.timer === null) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.tick();
    }, Math.max(1, inMs));
    this.idleTimer.unref();
  }
}
