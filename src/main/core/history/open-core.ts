import fs from 'node:fs';
import path from 'node:path';
import {
  type EventChannel,
  type EventPayloadOf,
  eventContract,
  type InvokeChannel,
  invokeContract,
} from '../../../shared/contract';
import type { StartupStatus } from '../../../shared/history';
import { type ContractHandlers, createDispatch } from '../contract-dispatch';
import { CoreError } from '../core-error';
import { type Core, type CoreOptions, createCore } from '../create-core';
import { directApi } from '../direct-api';
import { EventBus } from '../lib/event-bus';
import { consoleLogger } from '../logger';
import { DATABASE_FILE_NAME } from '../store/database';
import { salvageMessages } from './salvage';

/**
 * Builds the console, or, when its log cannot be opened, a recovery console that still binds the whole contract.
 * The window then shows a recovery screen (from `startup:status`) instead of the app quitting with a dialog:
 *  - a log from a newer version is refused: the screen says to update, and nothing may write to the file;
 *  - a damaged log can be salvaged (readable messages exported to JSON Lines) or set aside (renamed, kept) so a
 *    fresh log starts; the real console is then built in place, and the same bindings reach it.
 * Every other channel answers STORAGE_FAILED with the reason until then.
 */
export function openCore(options: CoreOptions): Core {
  try {
    return createCore(options);
  } catch (error) {
    if (!(error instanceof CoreError) || (error.code !== 'DATABASE_FROM_FUTURE' && error.code !== 'DATABASE_UNREADABLE')) {
      throw error;
    }
    return createRecoveryCore(options, error);
  }
}

function createRecoveryCore(options: CoreOptions, problem: CoreError): Core {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const file = path.join(options.dataDir, DATABASE_FILE_NAME);
  const events = new EventBus((error) => logger.error('an event listener threw', error));
  logger.error(`the message log cannot be used; serving the recovery screen`, problem);
  const status: StartupStatus =
    problem.code === 'DATABASE_FROM_FUTURE'
      ? { state: 'database-from-future', file, message: problem.message }
      : { state: 'database-unreadable', file, message: problem.message };
  let healed: Core | null = null;
  let closed = false;

  const unavailable = () => {
    throw new CoreError('STORAGE_FAILED', problem.message);
  };
  const handlers = Object.fromEntries(
    (Object.keys(invokeContract) as InvokeChannel[]).map((channel) => [channel, unavailable]),
  ) as unknown as ContractHandlers;
  handlers['startup:status'] = () => status;
  handlers['recovery:salvage'] = () => {
    if (status.state !== 'database-unreadable') {
      throw new CoreError('CONFLICT', 'This log is not damaged, only newer than this console: update Twin Console to read it.');
    }
    return salvageMessages(file, path.join(options.dataDir, 'recovered'), now(), options.nativeBinding);
  };
  handlers['recovery:start-fresh'] = () => {
    if (status.state !== 'database-unreadable') {
      throw new CoreError('CONFLICT', 'A log from a newer version is never set aside here: update Twin Console to open it.');
    }
    const keptAt = path.join(options.dataDir, `twin-console.damaged.${new Date(now()).toISOString().replace(/[:.]/g, '-')}.sqlite`);
    // The WAL and shared-memory files belong to the damaged file; they move with it so the fresh log starts clean.
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, keptAt + suffix);
    }
    healed = createCore(options);
    for (const event of Object.keys(eventContract) as EventChannel[]) {
      healed.on(event, (payload) => events.emit(event, payload as EventPayloadOf<typeof event>));
    }
    return { keptAt };
  };
  const recoveryDispatch = createDispatch(handlers, logger);
  const invoke: Core['invoke'] = (channel, request) =>
    healed ? healed.invoke(channel, request) : recoveryDispatch(channel, request);

  return {
    dataDir: options.dataDir,
    invoke,
    on: (event, listener) => events.on(event, listener),
    api: directApi(invoke, events),
    get awaitingReplies() {
      return healed?.awaitingReplies ?? 0;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await healed?.close();
    },
  };
}
