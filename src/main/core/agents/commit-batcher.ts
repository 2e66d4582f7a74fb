export interface CommitBatcherOptions<T> {
  /** Commit as soon as this many items are waiting. */
  maxBatch: number;
  /** ...or this long after the first one arrived, whichever comes first. */
  maxDelayMs: number;
  /** Writes the whole batch in one synchronous SQLite transaction; throws if it did not commit. */
  commit(items: T[]): void;
  /** Runs only after `commit` returned: this is where acks go out, so an ack always follows a durable write. */
  afterCommit(items: T[]): void;
  onCommitFailed(items: T[], error: unknown): void;
}

/**
 * Groups incoming frames into one transaction each few milliseconds. One fsync per batch instead of per message is
 * what lets ingest keep up with a hundred chatty agents at synchronous=FULL.
 */
export class CommitBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CommitBatcherOptions<T>) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.maxDelayMs);
  }

  /** Commits whatever is waiting now. Safe to call at any time, including on shutdown. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
