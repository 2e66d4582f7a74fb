/**
 * Deadlines of operator requests waiting for a reply (`reply_to`). One timer for the whole fleet, armed for the
 * earliest deadline, so a thousand pending requests cost one timer and nothing is left behind once they settle:
 * an entry leaves the map when its reply comes or its deadline passes.
 */
export class ReplyTracker {
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly onTimeout: (messageIds: string[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.due.size;
  }

  expect(messageId: string, dueAt: number): void {
    this.due.set(messageId, dueAt);
    if (dueAt < this.timerAt) this.arm(dueAt);
  }

  /** A reply arrived. Returns whether the message was still waiting for one. */
  settle(messageId: string): boolean {
    const had = this.due.delete(messageId);
    if (had && this.due.size === 0) this.disarm();
    return had;
  }

  close(): void {
    this.disarm();
    this.due.clear();
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    const expired: string[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const [id, dueAt] of this.due) {
      if (dueAt <= now) expired.push(id);
      else next = Math.min(next, dueAt);
    }
    for (const id of expired) this.due.delete(id);
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    if (expired.length > 0) this.onTimeout(expired);
  }

  private arm(at: number): void {
    this.disarm();
    this.timerAt = at;
    // setTimeout caps at ~24.8 days; a later deadline simply re-arms when this one fires.
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, at - this.now()), 2 ** 31 - 1));
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
