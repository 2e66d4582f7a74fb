import type { LinkHealth, Liveness } from '../../../../shared/domain';
import type { ErrorCode } from '../../../../shared/protocol';
import { Throttled } from '../../lib/throttled';
import { BadFrameCounts } from './frame-reader';
import { livenessAfter } from './heartbeat';

/**
 * What a v1 link knows of its agents' health, apart from the connection itself: when it last heard a frame, how
 * alive that silence makes it, the heartbeat's round trip, and the bad frames by agent. The windows hear of changes
 * through `changed`: liveness at once (rare, and what the operator watches for), RTT and counts at most every 250 ms.
 */
export class LinkVitals {
  private rttMs: number | null = null;
  private lastFrameAt: number | null = null;
  private liveness: Liveness = 'offline';
  private readonly badFrames = new BadFrameCounts();
  private readonly notice: Throttled;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {
    this.notice = new Throttled(250, changed);
  }

  /** A frame of any kind arrived; on a connected link, one judged silent is alive again. */
  heard(connected: boolean): void {
    this.lastFrameAt = this.now();
    if (connected && this.liveness !== 'online') {
      this.liveness = 'online';
      this.changed();
    }
  }

  /** The connection said hello (alive) or went down (nothing to judge until the next one). */
  connected(up: boolean): void {
    this.liveness = up ? 'online' : 'offline';
  }

  /** A pong's round trip. It jitters by fractions of a ms on loopback: only a real change is told. */
  roundTrip(rttMs: number): void {
    const previous = this.rttMs;
    this.rttMs = rttMs;
    if (previous === null || Math.abs(rttMs - previous) > Math.max(5, previous * 0.25)) this.note();
  }

  badFrame(agentId: string, code: ErrorCode): void {
    this.badFrames.add(agentId, code);
    this.note();
  }

  /** A heartbeat's verdict on the silence so far: told at once when it changes. */
  judge(thresholds: { degradedAfterMs: number; offlineAfterMs: number }): { liveness: Liveness; silentForMs: number } {
    const silentForMs = this.now() - (this.lastFrameAt ?? 0);
    const liveness = livenessAfter(silentForMs, thresholds);
    if (liveness !== this.liveness) {
      this.liveness = liveness;
      this.changed();
    }
    return { liveness, silentForMs };
  }

  /** The health the windows see; `connected` false reads as offline whatever was last judged. */
  health(connected: boolean, redial: Pick<LinkHealth, 'nextAttemptAt' | 'attempt'>, agentId?: string): LinkHealth {
    return {
      liveness: connected ? this.liveness : 'offline',
      rttMs: this.rttMs,
      lastSeenAt: this.lastFrameAt,
      nextAttemptAt: redial.nextAttemptAt,
      attempt: redial.attempt,
      badFrames: this.badFrames.summary(agentId),
    };
  }

  /** The link closed for good: nothing more is told. */
  stop(): void {
    this.stopped = true;
    this.notice.cancel();
  }

  private note(): void {
    if (!this.stopped) this.notice.request();
  }
}
