export interface CommitBatcherOptions<T> {
  /** Commit as soon as this many items are waiting. */
  maxBatch: number;
  /**
   * ...or this long after the first one arrived, whichever comes first. 0: at the end of the current event-loop
   * turn (setImmediate), that is, once every socket that had data ready has been read.
   */
  maxDelayMs: number;
  /** Writes the whole batch in one synchronous SQLite transaction; throws if it did not commit. */
  commit(items: T[]): void;
  /** Runs only after `commit` returned: this is where acks go out, so an ack always follows a durable write. */
  afterCommit(items: T[]): void;
  onCommitFailed(items: T[], error: unknown): void;
}

/**
 * Groups incoming frames into one transaction per batch. One fsync per batch instead of per message is what lets
 * ingest keep up with a hundred chatty agents at synchronous=FULL.
 *
 * With maxDelayMs 0 (the default) this is a group commit: a frame waits only for the read burst it came in with,
 * never for a timer. While a commit's fsync blocks the loop, the next frames pile up in the socket buffers and are
 * all read in the next turn, so batches grow with load by themselves and latency stays at about one or two fsyncs.
 */
export class CommitBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;

  constructor(private readonly options: CommitBatcherOptions<T>) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxBatch) this.flush();
    else if (this.timer || this.immediate) return;
    else if (this.options.maxDelayMs <= 0) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
  }

  /** Commits whatever is waiting now. Safe to call at any time, including on shutdown. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.options.commit(batch);
    } catch (error) {
      this.options.onCommitFailed(batch, error);
      return;
    }
    this.options.afterCommit(batch);
  }
}
