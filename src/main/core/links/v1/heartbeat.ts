import { performance } from 'node:perf_hooks';
import type { Liveness } from '../../../../shared/domain';

/**
 * The console's side of the v1 heartbeat: a ping every interval, RTT from the pongs. RTT is measured on the
 * monotonic performance clock (a duration, not a time of day); liveness is judged on the link's injected clock.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly inFlight = new Map<string, number>();

  start(intervalMs: number, beat: () => void): void {
    this.stop();
    this.timer = setInterval(beat, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.inFlight.clear();
  }

  /** A nonce for the next ping. Unanswered pings do not pile up: only the last few are worth measuring. */
  nextPing(): string {
    const nonce = String(++this.seq);
    this.inFlight.set(nonce, performance.now());
    if (this.inFlight.size > 4) this.inFlight.delete(this.inFlight.keys().next().value!);
    return nonce;
  }

  /** The RTT in ms (two decimals) of the ping a pong answers; undefined for an unknown nonce. */
  pong(nonce: string): number | undefined {
    const sentAt = this.inFlight.get(nonce);
    if (sentAt === undefined) return undefined;
    this.inFlight.delete(nonce);
    return Math.round((performance.now() - sentAt) * 100) / 100;
  }
}

/** How alive a link looks after being silent (no frame of any kind) for this long. */
export function livenessAfter(silentForMs: number, options: { degradedAfterMs: number; offlineAfterMs: number }): Liveness {
  return silentForMs >= options.offlineAfterMs ? 'offline' : silentForMs >= options.degradedAfterMs ? 'degraded' : 'online';
}
