/**
 * The demo's timers in one place, so close() can clear every one of them, and none of them keeps the process
 * alive (a test or an app that has finished must exit even while the demo is "lively").
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<(awake: boolean) => void>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  every(ms: number, task: () => void): void {
    if (this.closed) return;
    const timer = setInterval(task, ms);
    timer.unref();
    this.timers.add(timer);
  }

  after(ms: number, task: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Resolves true after `ms`, or false at once when the scheduler closes: the caller should stop. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (awake: boolean) => {
        this.sleepers.delete(wake);
        resolve(awake);
      };
      this.sleepers.add(wake);
      this.after(ms, () => wake(true));
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake(false);
  }
}
