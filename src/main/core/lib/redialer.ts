import { type BackoffPolicy, backoffDelay } from './backoff';
import type { Clock } from './clock';

/**
 * Redials a dropped connection with capped, fully jittered backoff, and says when the next attempt is due. Shared
 * by every link kind, so they all back off alike and "retry now" means the same everywhere.
 */
export class Redialer {
  private timer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private dueAt: number | null = null;

  constructor(
    private readonly options: { backoff: BackoffPolicy; jitter: () => number },
    private readonly now: Clock,
    private readonly dial: () => void,
  ) {}

  /** Consecutive failed attempts since the last success. */
  get attempt(): number {
    return this.attempts;
  }

  /** When the next dial happens (epoch ms on the injected clock); null unless one is scheduled. */
  get nextAttemptAt(): number | null {
    return this.dueAt;
  }

  /** Schedules the next dial after the backoff for this attempt. */
  schedule(): void {
    const delay = backoffDelay(this.attempts++, this.options.backoff, this.options.jitter);
    this.dueAt = this.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = null;
      this.dial();
    }, delay);
  }

  /** Dials now instead of waiting out the backoff. False when no dial is scheduled. */
  dialNow(): boolean {
    if (!this.timer) return false;
    this.cancel();
    this.dial();
    return true;
  }

  /** The connection came up: the next drop starts the backoff from the beginning. */
  succeeded(): void {
    this.attempts = 0;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
  }
}
