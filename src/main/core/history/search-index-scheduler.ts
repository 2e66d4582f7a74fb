import type { SearchIndexer } from '../store/search-indexer';

export interface SearchIndexSchedule {
  /** Ingest counts as busy until this long after its last commit. */
  idleAfterMs: number;
  /** Rows indexed per turn of the event loop: small enough that sockets and the UI keep being served. */
  chunk: number;
  /** Past this backlog, indexing runs even while ingest is busy, sharing the time with it. */
  highWater: number;
  intervalMs: number;
}

export const DEFAULT_SEARCH_INDEX_SCHEDULE: SearchIndexSchedule = { idleAfterMs: 150, chunk: 500, highWater: 20_000, intervalMs: 200 };

/**
 * Decides when the search index catches up with the log: in the gaps between bursts of agent traffic, a chunk per
 * event-loop turn, so a burst is committed and acked at full speed and indexed right after it. Under sustained
 * overload the backlog reaches the high-water mark and indexing then shares the loop with ingest, so it cannot grow
 * without bound. Searches never wait for this: they catch up themselves (SearchRepository).
 */
export class SearchIndexScheduler {
  private lastActivity = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
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
    this.timer = null;
  }

  /** One scheduling decision; public so tests can drive it with their own clock. */
  tick(): void {
    if (this.draining || this.stopped) return;
    try {
      const backlog = this.indexer.backlog();
      const busy = this.now() - this.lastActivity < this.schedule.idleAfterMs;
      if (backlog === 0 || (busy && backlog < this.schedule.highWater)) return;
      this.draining = true;
      const indexed = this.indexer.indexSome(this.schedule.chunk);
      // Keep going on the next turn (after pending I/O) while there is more; the next check decides again.
      setImmediate(() => {
        this.draining = false;
        if (indexed === this.schedule.chunk) this.tick();
      });
    } catch (error) {
      this.draining = false;
      this.onError(error);
    }
  }
}
