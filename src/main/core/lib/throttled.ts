/**
 * Runs `callback` at most once per `ms`: requests in between are folded into the one already pending. For notices
 * that change often but only need to be seen (a link's RTT and bad-frame counts), not sent on every change.
 */
export class Throttled {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly callback: () => void,
  ) {}

  request(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.callback();
    }, this.ms);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
