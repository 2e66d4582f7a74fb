import {
  ERROR_CODES,
  type ErrorCode,
  type InvokeChannel,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
  invokeContract,
  isInvokeChannel,
} from '../../shared/contract';
import { describeZodError } from '../../shared/protocol';
import { CoreError } from './core-error';
import type { Logger } from './logger';

/** One handler per invoke channel. The mapped type makes a channel without a handler a compile error. */
export type ContractHandlers = {
  [C in InvokeChannel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export type Dispatch = (channel: unknown, request: unknown) => Promise<Result<unknown>>;

/**
 * The one entry point every binding uses (ipcMain, the browser host socket, tests). It refuses unknown channels,
 * parses the request with the contract's schema, and turns every failure into `{ok: false, error}` data: nothing
 * a caller sends can throw through here.
 */
export function createDispatch(handlers: ContractHandlers, logger: Logger): Dispatch {
  return async (channel, request) => {
    if (!isInvokeChannel(channel)) {
      return failure('UNKNOWN_CHANNEL', `"${String(channel).slice(0, 100)}" is not a channel of this console.`);
    }
    const parsed = invokeContract[channel].request.safeParse(request ?? {});
    if (!parsed.success) {
      return failure('INVALID_REQUEST', `Invalid ${channel} request: ${describeZodError(parsed.error)}`);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return toFailure(channel, error, logger);
    }
  };
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function toFailure(channel: InvokeChannel, error: unknown, logger: Logger): Result<never> {
  if (error instanceof CoreError && isContractCode(error.code)) return failure(error.code, error.message);
  if (error instanceof Error && error.name === 'SqliteError') {
    logger.error(`${channel} failed in storage`, error);
    return failure(
      'STORAGE_FAILED',
      `The message log could not be written or read (${error.message}). Check free disk space and permissions of the data directory.`,
    );
  }
  logger.error(`${channel} failed`, error);
  return failure('INTERNAL', `${channel} failed unexpectedly; details are in the console log.`);
}

function isContractCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
