/** Anything that can be released: a closer function, or an object with close() or dispose(). */
export type Disposable = (() => void) | { close(): void } | { dispose(): void };

/**
 * Owns what a module starts (timers, links, subscriptions) so closing it is one call, in reverse order of
 * creation: what was started last depends on what came before, and stops first. One failing disposer is reported
 * and does not keep the others open.
 */
export class DisposableStore {
  private readonly items: Disposable[] = [];
  private disposed = false;

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /** Registers a disposable and returns it. Added after dispose(), it is released at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) release(item, this.onError);
    else this.items.push(item);
    return item;
  }

  /** A repeating timer that never keeps the process alive, cleared on dispose. */
  interval(callback: () => void, ms: number): void {
    const timer = setInterval(callback, ms);
    timer.unref();
    this.add(() => clearInterval(timer));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.items.length > 0) release(this.items.pop()!, this.onError);
  }
}

function release(item: Disposable, onError: (error: unknown) => void): void {
  try {
    if (typeof item === 'function') item();
    else if ('close' in item) item.close();
    else item.dispose();
  } catch (error) {
    onError(error);
  }
}
