import os from 'node:os';
import path from 'node:path';
import type { Api, EventChannel, EventPayloadOf } from '../../shared/contract';
import { type AlertsOptions, createAlertsModule } from './alerts/alerts-module';
import { type ContractHandlers, createDispatch, type Dispatch } from './contract-dispatch';
import { bindCore } from './direct-api';
import { createHistoryModule } from './history/history-module';
import type { Clock } from './lib/clock';
import { DisposableStore } from './lib/disposables';
import { EventBus } from './lib/event-bus';
import { type LinkConfigOverrides, resolveLinkConfig } from './link-config';
import type { StartupStatus } from '../../shared/history';
import { createIntegrityMonitor, type IntegritySchedule } from './history/integrity-monitor';
import type { A2aLimits } from './links/a2a/a2a-limits';
import { createLinksModule } from './links/links-module';
import { consoleLogger, type Logger } from './logger';
import { createMessagesModule } from './messages/messages-module';
import { createOnboardingModule } from './onboarding/onboarding-module';
import { createOperationsModule } from './operations/operations-module';
import { plainTextSecretBox, type SecretBox } from './secrets/secret-box';
import { AgentRepository } from './store/agent-repository';
import { markCleanClose } from './store/clean-close-marker';
import { DATABASE_FILE_NAME, openDatabaseChecked } from './store/database';
import { EndpointRepository } from './store/endpoint-repository';
import { MessageMarksRepository } from './store/message-marks-repository';
import { MessageRepository } from './store/message-repository';
import { createTimelineModule } from './timeline/timeline-module';

export interface RuntimeEndpoint {
  url: string;
  token?: string;
}

export interface CoreOptions {
  /** Directory holding the SQLite log. Created if missing. */
  dataDir: string;
  /** Endpoints dialed for this run only (the demo fleet, --agent flags). They are not written to the log. */
  endpoints?: RuntimeEndpoint[];
  /** better-sqlite3 addon for the running ABI; see store/database.ts. */
  nativeBinding?: string;
  logger?: Logger;
  now?: () => number;
  /** Heartbeat, liveness thresholds, backoff, frame limits, reply timeouts: see link-config.ts for the defaults. */
  link?: LinkConfigOverrides;
  /** Bounds on what A2A agents may send (tests shrink them). */
  a2a?: Partial<A2aLimits>;
  ingest?: { maxBatch: number; maxDelayMs: number };
  alerts?: AlertsOptions;
  /** How often rules, flap holds and coalesced notifications are evaluated; 0 turns the timer off (tests tick by hand). */
  tickIntervalMs?: number;
  /** Seals agent tokens at rest. The Electron main passes a safeStorage box; the default stores plain text and says so. */
  secrets?: SecretBox;
  /** Reveals an exported file in the OS file manager; the Electron main passes shell.showItemInFolder. */
  showItemInFolder?: (file: string) => void;
  /** When the log is checked in the background (history/integrity-monitor.ts), and who hears it is damaged. */
  integrityCheck?: Partial<IntegritySchedule>;
  onLogDamaged?: (status: StartupStatus) => void;
  /**
   * Start with the first-run tour finished. Unset, TWIN_CONSOLE_TOUR=done says the same: the test runner sets it, so
   * no test's page opens under the tour unless the test asks for it (`tourDone: false`).
   */
  tourDone?: boolean;
}

/** The Electron-free console: everything the app does, behind the contract. */
export interface Core {
  readonly dataDir: string;
  /** Runs one contract call. Never throws: failures come back as `{ok: false, error}`. */
  readonly invoke: Dispatch;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
  /** The renderer's api shape bound by direct calls, for in-process users (tests, the notifier). */
  readonly api: Api;
  /** Operator requests still waiting for a reply (each holds a deadline, and nothing else). */
  readonly awaitingReplies: number;
  /** Commits pending writes, closes agent links and the log. */
  close(): Promise<void>;
}

/**
 * The composition root. Electron main, the browser host and the tests all build the console through this one
 * function; only how they bind `invoke` and `on` differs. It only composes: every feature is a module
 * `{handlers, start?, close}`, modules talk through the event bus (lib/core-events.ts), and one DisposableStore
 * closes them in reverse order of start.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const now: Clock = options.now ?? Date.now;
  const file = path.join(options.dataDir, DATABASE_FILE_NAME);
  const { db, checkedAtOpen } = openDatabaseChecked(options.dataDir, { nativeBinding: options.nativeBinding, logger });
  if (checkedAtOpen) logger.info('the log was not closed cleanly last time: it was checked at open');
  const disposables = new DisposableStore((error) => logger.error('closing the console failed', error));
  disposables.add(() => {
    db.close();
    // A damaged log gets no more writes, and no clean-close marker: the next start checks it first.
    if (integrity.damaged === null) markCleanClose(file, now());
  });
  const secrets = options.secrets ?? plainTextSecretBox();
  const endpoints = new EndpointRepository(db, {
    secrets,
    onUnreadableToken: ({ url }, error) =>
      logger.warn(`the stored token for ${url} cannot be decrypted; dialing without it (add the agent again)`, error),
  });
  if (secrets.unavailableReason) logger.warn(secrets.unavailableReason);
  const sealed = endpoints.sealPlainTokens();
  if (sealed > 0) logger.info(`encrypted ${sealed} agent token(s) that were stored in plain text`);
  const agents = new AgentRepository(db);
  const messages = new MessageRepository(db);
  const events = new EventBus((error) => logger.error('an event listener threw', error));
  const agentName = (agentId: string) => agents.nameOf(agentId) ?? agentId;

  const links = createLinksModule({
    db,
    agents,
    messages,
    marks: new MessageMarksRepository(db),
    endpoints,
    events,
    logger,
    now,
    config: resolveLinkConfig(`twin-console@${os.hostname()}`, { ...(options.ingest ? { ingest: options.ingest } : {}), ...options.link }),
    runtimeEndpoints: options.endpoints ?? [],
    ...(options.a2a ? { a2aLimits: options.a2a } : {}),
  });
  const chat = createMessagesModule({ agents, messages, events, now, trySend: links.trySend, cancel: links.cancel });
  // Listeners run in the order modules start: the timeline notes an alert or decision before others react to it.
  const modules = [
    createTimelineModule({ messages, events, now, agentName }),
    createOperationsModule({ db, events, now, logger, agents, messages, outgoing: chat.outgoing, sendControl: links.sendControl }),
    createAlertsModule({ db, events, now, agentName, options: options.alerts }),
    createHistoryModule({
      db,
      dataDir: options.dataDir,
      file,
      events,
      logger,
      now,
      nativeBinding: options.nativeBinding,
      showItemInFolder: options.showItemInFolder,
    }),
    chat,
    createOnboardingModule({ db, tourDone: options.tourDone ?? process.env.TWIN_CONSOLE_TOUR === 'done' }),
    // Last: links dial once everything that listens to what they bring in is subscribed.
    links,
  ];
  // On damage the links close first: no more acks, so the agents keep what the log could not take and resend it.
  const integrity = createIntegrityMonitor({
    db,
    file,
    nativeBinding: options.nativeBinding,
    events,
    logger,
    now,
    schedule: options.integrityCheck,
    onDamaged: (status) => {
      links.close();
      options.onLogDamaged?.(status);
    },
  });
  const handlers: ContractHandlers = Object.assign(
    {
      'app:get-status': () => ({
        secretStorage: { encrypted: secrets.isEncryptionAvailable, message: secrets.unavailableReason },
      }),
    },
    ...modules.map((m) => m.handlers),
    integrity.handlers,
  );
  for (const module of modules) {
    if ('start' in module) module.start();
    disposables.add(module);
  }
  integrity.start();
  disposables.add(integrity);
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  if (tickIntervalMs > 0) disposables.interval(() => events.emit('clock:ticked', { now: now() }), tickIntervalMs);

  const invoke = createDispatch(handlers, logger);
  return {
    ...bindCore(options.dataDir, invoke, events),
    get awaitingReplies() {
      return links.awaitingReplies;
    },
    close: async () => disposables.dispose(),
  };
}
