const MIN_SLICE = 16;

export interface CommitBatcherOptions<T> {
  /**
   * Commit as soon as this many items are waiting, at the end of the current event-loop turn (never inside add(),
   * which runs inside a socket read). Also the most one turn commits: a bigger backlog is taken a batch per turn.
   */
  maxBatch: number;
  /**
   * ...or this long after the first one arrived, whichever comes first. 0: at the end of the current event-loop
   * turn (setImmediate), that is, once every socket that had data ready has been read.
   */
  maxDelayMs: number;
  /**
   * Commit about `sliceMs` of work per event-loop turn (sized from what the last slice cost per item), at most
   * maxBatch items. For work that costs far more per item than a message (an alert is several statements and a
   * timeline note), so a burst is taken in slices with the API served between them, instead of in one long block.
   */
  sliceMs?: number;
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
 *
 * No commit ever runs inside add(), and a turn commits at most one batch: a burst of thousands of frames from one
 * agent is taken a batch per turn, and between the batches the loop serves timers, IPC, other agents' sockets and
 * the browser host. (Before, a full batch was committed inside the socket read that filled it, and the rest of the
 * backlog in one go, so a 5,000-message burst held every neighbour up until it was all in.)
 */
export class CommitBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private msPerItem = 0;

  constructor(private readonly options: CommitBatcherOptions<T>) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.immediate) return;
    if (this.options.maxDelayMs <= 0 || this.pending.length >= this.options.maxBatch) {
      // A full batch does not wait for its timer, but still for the end of the turn.
      this.clearSchedule();
      this.immediate = setImmediate(() => this.flushSlice());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flushSlice(), this.options.maxDelayMs);
    }
  }

  /** Items added and not yet committed (nor failed). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Commits whatever is waiting now. Safe to call at any time, including on shutdown. */
  flush(): void {
    this.clearSchedule();
    while (this.pending.length > 0) this.commitSome(this.pending.length);
  }

  private flushSlice(): void {
    this.clearSchedule();
    const { sliceMs, maxBatch } = this.options;
    if (sliceMs === undefined) {
      this.commitSome(maxBatch);
    } else {
      // At least MIN_SLICE items: a slice's commit (its fsync) costs the same however small it is.
      const count = Math.min(maxBatch, Math.max(MIN_SLICE, this.msPerItem > 0 ? Math.floor(sliceMs / this.msPerItem) : MIN_SLICE));
      const started = performance.now();
      this.commitSome(count);
      this.msPerItem = (performance.now() - started) / count;
    }
    // The rest waits for the next turn, after the timers and reads that queued up behind this slice.
    if (this.pending.length > 0) this.immediate = setImmediate(() => this.flushSlice());
  }

  private clearSchedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  private commitSome(count: number): void {
    if (this.pending.length === 0) return;
    const batch = count >= this.pending.length ? this.pending : this.pending.slice(0, count);
    this.pending = count >= this.pending.length ? [] : this.pending.slice(count);
    try {
      this.options.commit(batch);
    } catch (error) {
      this.options.onCommitFailed(batch, error);
      return;
    }
    this.options.afterCommit(batch);
  }
}
