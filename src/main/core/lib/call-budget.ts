import type { Result } from '../../../shared/contract';

/** How much of the one event loop a single caller (a page socket, a window) may hold with its calls. */
export interface CallBudgetLimits {
  /** Sustained: milliseconds of handler time per second. The rest of each second is left to ingest and others. */
  busyMsPerSecond: number;
  /** What a caller may spend at once after being quiet: a page load, or one big call (opening a large log). */
  burstMs: number;
}

export const DEFAULT_CALL_BUDGET: CallBudgetLimits = { busyMsPerSecond: 500, burstMs: 2_000 };

/**
 * Bounds every call by what it costs, not by a list of costly channels: the core's handlers run their SQLite work
 * synchronously, so the time a call holds the event loop is exactly the time no agent frame is ingested and no other
 * page is answered. Each caller has a bucket of milliseconds that refills at `busyMsPerSecond`; a call is let in
 * while the bucket is above zero and charged, after it ran, the time its synchronous part took. A caller that
 * spins on searches or stats is told BUSY with how long to wait; others, and its own later calls, are unaffected.
 * Work a call starts in the background (an export's batches, a backup's page copies) is bounded where it runs, by
 * how many may run at once (history-service.ts).
 */
export class CallBudget {
  private balance: number;
  private refilledAt: number;

  constructor(
    private readonly limits: CallBudgetLimits = DEFAULT_CALL_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.balance = limits.burstMs;
    this.refilledAt = now();
  }

  /**
   * Runs `call` if the budget allows, charging the time it held the loop; otherwise answers BUSY without running it.
   * `call` returns at its first await, so what is timed is what it held the loop for.
   */
  run<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    this.refill();
    if (this.balance <= 0) {
      const waitS = Math.max(0.1, -this.balance / this.limits.busyMsPerSecond + 0.05);
      return Promise.resolve({
        ok: false,
        error: {
          code: 'BUSY',
          message: `Calls from this window have kept the console busy (searches, stats, exports and the like); try again in ${waitS.toFixed(1)} s.`,
        },
      });
    }
    const started = this.now();
    try {
      return call();
    } finally {
      this.balance -= this.now() - started;
    }
  }

  private refill(): void {
    const at = this.now();
    this.balance = Math.min(this.limits.burstMs, this.balance + (Math.max(0, at - this.refilledAt) * this.limits.busyMsPerSecond) / 1000);
    this.refilledAt = at;
  }
}
