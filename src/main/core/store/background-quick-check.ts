import { Worker } from 'node:worker_threads';

export type QuickCheckResult =
  | { state: 'ok'; ms: number }
  /** The file is damaged: quick_check found problems, or SQLite refused the file as corrupt. */
  | { state: 'damaged'; detail: string; ms: number }
  /** The check could not run (busy, out of memory, worker failed): nothing is known about the file. */
  | { state: 'unknown'; detail: string; ms: number };

// Runs in a worker thread, so the seconds quick_check takes on a big log never block the event loop. Eval'd source
// rather than a file beside this one: the Electron main is bundled, and a worker file would need its own entry.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const t0 = performance.now();
let result;
try {
  const db = new Database(workerData.file, {
    readonly: true,
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  try {
    const rows = db.pragma('quick_check(20)');
    const ok = rows.length === 1 && rows[0].quick_check === 'ok';
    result = ok ? { state: 'ok' } : { state: 'damaged', detail: rows.map((r) => r.quick_check).slice(0, 3).join('; ') };
  } finally {
    db.close();
  }
} catch (error) {
  const code = error && error.code;
  const damaged = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_VTAB';
  result = { state: damaged ? 'damaged' : 'unknown', detail: String((error && error.message) || error) };
}
parentPort.postMessage({ ...result, ms: performance.now() - t0 });
`;

export interface RunningQuickCheck {
  readonly result: Promise<QuickCheckResult>;
  /** Stops the worker (the console closes: it never waits for a check); the result then says 'unknown'. */
  cancel(): void;
}

/**
 * quick_check of `file` on its own read-only connection in a worker thread. A read connection in WAL mode sees the
 * last committed state and never blocks the writer, so the console keeps acking while it runs.
 */
export function startQuickCheck(file: string, nativeBinding?: string): RunningQuickCheck {
  const t0 = performance.now();
  let worker: Worker | null = null;
  const result = new Promise<QuickCheckResult>((resolve) => {
    let settled = false;
    const settle = (r: QuickCheckResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { file, nativeBinding, driver: require.resolve('better-sqlite3') },
      });
    } catch (error) {
      settle({ state: 'unknown', detail: (error as Error).message, ms: performance.now() - t0 });
      return;
    }
    worker.once('message', (r: QuickCheckResult) => settle(r));
    worker.once('error', (error) => settle({ state: 'unknown', detail: error.message, ms: performance.now() - t0 }));
    worker.once('exit', (code) => settle({ state: 'unknown', detail: `the check ended early (exit ${code})`, ms: performance.now() - t0 }));
  });
  return {
    result,
    cancel: () => {
      void (worker as Worker | null)?.terminate();
    },
  };
}
