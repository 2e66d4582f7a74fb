/**
 * Waits that re-check a condition whenever something happened (a frame arrived, a socket opened or closed) instead
 * of on a timer. The owner calls `notify()` after each event; the timeout only turns a hang into a readable failure.
 */
export class ProbeWaiters {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves with the first value `probe` returns that is not undefined, null or false. */
  until<T>(probe: () => T | undefined | null | false, what: string | (() => string), timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === null || value === false) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`));
      }, timeoutMs);
      // A wait that lost a race (Promise.race over several sockets) must not hold the test process open.
      timer.unref();
      this.waiters.add(check);
      check();
    });
  }
}
