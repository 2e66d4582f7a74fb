import type { ErrorCode } from '../../shared/contract';

/** Codes for failures that happen before the contract is reachable (opening the log, starting links). */
export type StartupErrorCode = 'DATABASE_FROM_FUTURE' | 'DATABASE_UNREADABLE' | 'NATIVE_MODULE_MISSING';

/**
 * An error whose message is written for the operator: what went wrong and what to do. The contract binding passes
 * `code` and `message` across IPC as data; anything that is not a CoreError becomes INTERNAL with its stack logged.
 */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode | StartupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CoreError';
  }
}
