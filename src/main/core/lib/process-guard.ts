/** The part of the core's Logger the guard writes to (lib sits below logger.ts, so it names the shape, not the type). */
export interface GuardLogger {
  error(message: string, error?: unknown): void;
}

export interface ProcessGuardOptions {
  logger: GuardLogger;
  /** How the process ends when a failure is fatal: `process.exit` under Node, `app.exit` in Electron. */
  exit?: (code: number) => void;
  /** Reports past this many per window are counted, not printed, so a failure in a hot path cannot flood the log. */
  maxReportsPerWindow?: number;
  reportWindowMs?: number;
  /** Monotonic milliseconds; injected so tests can drive the windows. */
  now?: () => number;
  /** The process to guard (a stand-in in unit tests). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

const INSTALLED = Symbol.for('twin-console.process-guard');

/**
 * The last line of defence behind every border's own handlers. One promise rejection that nobody awaited ends a
 * Node 20 process (`--unhandled-rejections=throw`), and with it every agent link and every open page, for a failure
 * that usually concerned one call. So both are logged with their stack, and the console keeps serving.
 *
 * Node's guidance is that after an uncaught *exception* the process may be in an undefined state and should end
 * after synchronous cleanup. We follow it where the state is plausibly broken, and keep running where it is not:
 *  - a rejection is a settled promise nobody listened to: the code that failed already unwound through its own
 *    awaits, so nothing is left half-done that was not already so. Always survivable.
 *  - an exception thrown from one callback (a timer, an emitter without an error listener) unwound that callback
 *    only. Our state that matters lives in SQLite, whose transactions are synchronous and roll back when they throw,
 *    so the log stays consistent; ending the process would lose more (every link, the operator's window) than it
 *    protects. It is logged and survived.
 *  - but an exception that says the process itself is unsound ends it, after a synchronous log line, with exit
 *    code 1 as Node would: Node's own internal assertion (a Node bug: nothing built on it can be trusted), and a
 *    logger that throws while reporting (staying up would fail silently from then on). The log's WAL makes the restart lose nothing committed.
 *  - what is deliberately *not* fatal: a burst of exceptions, running out of descriptors (EMFILE) or a failed
 *    allocation. Input can provoke each of them (a flood of connections, an oversized frame), and no input may end
 *    the process; each leaves the heap and the log sound, and ends with the load that caused it. A true V8
 *    out-of-memory aborts without reaching any handler, so there is nothing to decide for it here.
 * Returns a function that removes the handlers. Installing twice in one process is a no-op (the Electron main is
 * loaded more than once by its wiring tests).
 */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const target = options.target ?? process;
  const marked = target as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return () => {};
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? (() => performance.now());
  const windowMs = options.reportWindowMs ?? 60_000;
  const maxReports = options.maxReportsPerWindow ?? 20;

  let windowStart = now();
  let reports = 0;
  let unreported = 0;
  let exiting = false;

  const roll = () => {
    if (now() - windowStart < windowMs) return;
    if (unreported > 0) logger.error(`${unreported} more unhandled failures were not printed in the last ${windowMs / 1000} s`);
    windowStart = now();
    reports = 0;
    unreported = 0;
  };

  const report = (message: string, error: unknown) => {
    if (++reports > maxReports) {
      unreported++;
      return;
    }
    logger.error(message, error instanceof Error ? error : new Error(`non-Error value: ${describe(error)}`));
  };

  const fatal = (reason: string, error: unknown) => {
    if (exiting) return;
    exiting = true;
    try {
      logger.error(`fatal: ${reason}; the console ends now (exit code 1) so it can be restarted clean`, error);
    } catch {
      // The logger is what failed: nothing left to tell.
    }
    exit(1);
  };

  const onRejection = (reason: unknown) => {
    try {
      roll();
      report('an unhandled promise rejection was caught; the console keeps running', reason);
    } catch (failure) {
      fatal('the log failed while reporting an unhandled rejection', failure);
    }
  };

  const onException = (error: unknown) => {
    try {
      roll();
      const unsound = fatalReason(error);
      if (unsound !== null) return fatal(unsound, error);
      report('an uncaught exception was caught; the console keeps running', error);
    } catch (failure) {
      fatal('the log failed while reporting an uncaught exception', failure);
    }
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  marked[INSTALLED] = true;
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
    marked[INSTALLED] = false;
  };
}

/** Why an uncaught exception leaves the process unsound, or null when it concerned only the code that threw it. */
export function fatalReason(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ERR_INTERNAL_ASSERTION' ? 'Node reported a failed internal assertion (a Node bug)' : null;
}

function describe(value: unknown): string {
  try {
    return String(value).slice(0, 500);
  } catch {
    return typeof value;
  }
}
