/**
 * Per-link protection against misbehaving peers: a token bucket for floods, and a sliding count of bad frames that
 * says when a link has misbehaved enough to be closed. Both are O(1) per frame, since they run on every frame.
 */
export class FrameGuard {
  private tokens: number;
  private refilledAt: number;
  private badInWindow = 0;
  private windowStartedAt: number;

  constructor(
    private readonly options: {
      flood: { framesPerSecond: number; burst: number };
      badFrames: { threshold: number; windowMs: number };
    },
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = options.flood.burst;
    this.refilledAt = now();
    this.windowStartedAt = now();
  }

  /** Takes one frame's token; false means the peer is flooding and the frame must be refused. */
  admit(): boolean {
    const now = this.now();
    const { framesPerSecond, burst } = this.options.flood;
    if (now > this.refilledAt) {
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) * framesPerSecond) / 1000);
      this.refilledAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Records a bad frame; true once the link is past the threshold and should be closed. */
  recordBad(): boolean {
    const now = this.now();
    if (now - this.windowStartedAt > this.options.badFrames.windowMs) {
      this.windowStartedAt = now;
      this.badInWindow = 0;
    }
    this.badInWindow += 1;
    return this.badInWindow > this.options.badFrames.threshold;
  }

  reset(): void {
    this.tokens = this.options.flood.burst;
    this.refilledAt = this.now();
    this.badInWindow = 0;
    this.windowStartedAt = this.now();
  }
}
