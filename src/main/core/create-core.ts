import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Api, EventChannel, EventPayloadOf } from '../../shared/contract';
import { directConversationId, type Message, OPERATOR_ID } from '../../shared/domain';
import { type AlertsOptions, createAlertsModule } from './alerts/alerts-module';
import { Fleet } from './links/fleet';
import { type ContractHandlers, createDispatch, type Dispatch } from './contract-dispatch';
import { CoreError } from './core-error';
import { directApi } from './direct-api';
import { EventBus } from './lib/event-bus';
import { type LinkConfigOverrides, resolveLinkConfig } from './link-config';
import { HistoryService } from './history/history-service';
import { DEFAULT_SEARCH_INDEX_SCHEDULE, SearchIndexScheduler } from './history/search-index-scheduler';
import { consoleLogger, type Logger } from './logger';
import { createTimelineNotes } from './timeline/timeline-notes';
import { createOperationsModule, type OperationsModule } from './operations/operations-module';
import { AgentRepository } from './store/agent-repository';
import { DATABASE_FILE_NAME, openDatabase } from './store/database';
import { EndpointRepository } from './store/endpoint-repository';
import { MessageMarksRepository } from './store/message-marks-repository';
import { MessageRepository } from './store/message-repository';
import { RoomRepository } from './store/room-repository';
import { SearchIndexer } from './store/search-indexer';
import { plainTextSecretBox, type SecretBox } from './secrets/secret-box';

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
  ingest?: { maxBatch: number; maxDelayMs: number };
  alerts?: AlertsOptions;
  /** How often rules, flap holds and coalesced notifications are evaluated; 0 turns the timer off (tests tick by hand). */
  tickIntervalMs?: number;
  /** Seals agent tokens at rest. The Electron main passes a safeStorage box; the default stores plain text and says so. */
  secrets?: SecretBox;
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
 * function; only how they bind `invoke` and `on` differs.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const db = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding });
  const secrets = options.secrets ?? plainTextSecretBox();
  const endpointRepo = new EndpointRepository(db, {
    secrets,
    onUnreadableToken: ({ url }, error) =>
      logger.warn(`the stored token for ${url} cannot be decrypted; dialing without it (add the agent again)`, error),
  });
  if (secrets.unavailableReason) logger.warn(secrets.unavailableReason);
  const sealed = endpointRepo.sealPlainTokens();
  if (sealed > 0) logger.info(`encrypted ${sealed} agent token(s) that were stored in plain text`);
  const agentRepo = new AgentRepository(db);
  const messageRepo = new MessageRepository(db);
  const marksRepo = new MessageMarksRepository(db);
  const events = new EventBus((error) => logger.error('an event listener threw', error));
  const timeline = createTimelineNotes({
    messages: messageRepo,
    events,
    now,
    agentName: (agentId) => agentRepo.nameOf(agentId) ?? agentId,
  });
  events.on('decision:changed', (decision) => timeline.decision(decision));
  const alerts = createAlertsModule({
    db,
    events,
    now,
    onRaised: (alert, kind) => timeline.alert(alert, kind),
    agentName: (agentId) => agentRepo.nameOf(agentId) ?? agentId,
    // Called lazily (counts are read after start-up), when the operations module exists.
    pendingDecisions: () => operations.pendingDecisions(),
    options: options.alerts,
    onIngestFailed: (item, error) => logger.error(`could not take an agent alert (${'raise' in item ? item.raise.dedupeKey : item.resolve})`, error),
  });
  const rooms = new RoomRepository(db);
  const fleet = new Fleet({
    db,
    agents: agentRepo,
    messages: messageRepo,
    marks: marksRepo,
    events,
    logger,
    now,
    link: resolveLinkConfig(`twin-console@${os.hostname()}`, {
      ...(options.ingest ? { ingest: options.ingest } : {}),
      ...options.link,
    }),
    onInbound: (agentId, event) => {
      if (event.type === 'alert') alerts.onAlertFrame(agentId, event);
      else if (event.type === 'decision') operations.onDecisionFrame(agentId, event);
      else if (event.type === 'metric') operations.onMetricFrame(agentId, event);
      else operations.onAckFrame(agentId, event.id);
    },
    roomMembers: (roomId) => rooms.get(roomId)?.memberIds,
    onAgentIdTaken: (agentId, owner, claimant) =>
      alerts.service.raise({
        agentId,
        source: 'rule',
        rule: 'agent_id_taken',
        dedupeKey: `rule:agent_id_taken:${agentId}`,
        severity: 'critical',
        title: `Another endpoint claims agent id "${agentId}"`,
        body: `${claimant} announced ${agentId}, which belongs to ${owner}. Its claim was refused; if the agent really moved, reassign it in Connections.`,
        actor: 'rule:agent_id_taken',
      }),
  });
  // Built after the fleet it sends through; the closures above only run once links are up, when it exists.
  const operations: OperationsModule = createOperationsModule({
    db,
    events,
    now,
    logger,
    agents: agentRepo,
    messages: messageRepo,
    trySend: (message) => fleet.trySend(message),
    sendControl: (agentId, frame) => fleet.sendControl(agentId, frame),
    countsChanged: () => alerts.refreshCounts(),
    applyRuleActions: (actions, actor) => alerts.applyRuleActions(actions, actor),
  });
  events.on('agent:changed', (agent) => operations.onAgentChanged(agent));
  events.on('message:changed', (message) => operations.onMessage(message));
  events.on('agent:changed', (agent) => alerts.onAgentChanged(agent));
  events.on('agents:changed', (agents) => {
    for (const agent of agents) {
      operations.onAgentChanged(agent);
      alerts.onAgentChanged(agent);
    }
  });
  events.on('message:changed', (message) => alerts.onMessage(message));
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  const ticker =
    tickIntervalMs > 0
      ? setInterval(() => {
          operations.tick();
          alerts.tick();
        }, tickIntervalMs)
      : null;
  ticker?.unref();

  for (const endpoint of endpointRepo.list()) fleet.addEndpoint({ ...endpoint, persisted: true });
  for (const endpoint of options.endpoints ?? []) {
    if (endpointRepo.findByUrl(endpoint.url)) continue;
    fleet.addEndpoint({
      id: `runtime:${endpoint.url}`,
      url: endpoint.url,
      token: endpoint.token ?? null,
      persisted: false,
      createdAt: now(),
    });
  }

  const history = new HistoryService({
    db,
    dataDir: options.dataDir,
    file: path.join(options.dataDir, DATABASE_FILE_NAME),
    events,
    logger,
    now,
    nativeBinding: options.nativeBinding,
  });

  // The search index trails the log by a moment so ingest never waits for FTS (see migrations/006-search-backlog.ts).
  const searchIndexer = new SearchIndexer(db);
  const searchIndex = new SearchIndexScheduler(searchIndexer, () => performance.now(), DEFAULT_SEARCH_INDEX_SCHEDULE, (error) =>
    logger.error('search indexing failed; it is retried, and searches index what they need first', error),
  );
  searchIndex.start();
  events.on('message:changed', () => searchIndex.noteActivity());

  const handlers: ContractHandlers = {
    ...alerts.handlers,
    ...operations.handlers,
    'app:get-status': () => ({
      secretStorage: { encrypted: secrets.isEncryptionAvailable, message: secrets.unavailableReason },
    }),
    ...history.handlers(),
    'agents:list': () => fleet.agents(),
    'endpoints:list': () => fleet.endpoints(),
    'endpoints:add': ({ url, token, name, kind }) => {
      if (endpointRepo.findByUrl(url) || fleet.hasEndpoint(`runtime:${url}`)) {
        throw new CoreError('CONFLICT', `${url} is already connected.`);
      }
      const endpoint = { id: randomUUID(), url, token: token || null, createdAt: now(), name: name || null, kind: kind ?? null };
      endpointRepo.insert(endpoint);
      fleet.addEndpoint({ ...endpoint, persisted: true });
      const added = fleet.endpoints().find((e) => e.id === endpoint.id);
      if (!added) throw new CoreError('INTERNAL', 'The endpoint was stored but is not dialing.');
      return added;
    },
    'endpoints:update': ({ id, url, token, name, kind }) => {
      const current = endpointRepo.get(id);
      if (!current) {
        throw new CoreError(
          fleet.hasEndpoint(id) ? 'CONFLICT' : 'NOT_FOUND',
          fleet.hasEndpoint(id) ? 'This endpoint comes from a launch flag and cannot be edited here.' : `No endpoint with id ${id}.`,
        );
      }
      if (url !== undefined && url !== current.url && (endpointRepo.findByUrl(url) || fleet.hasEndpoint(`runtime:${url}`))) {
        throw new CoreError('CONFLICT', `${url} is already connected.`);
      }
      const next = {
        ...current,
        ...(url === undefined ? {} : { url }),
        ...(token === undefined ? {} : { token: token || null }),
        ...(name === undefined ? {} : { name: name || null }),
        ...(kind === undefined ? {} : { kind }),
      };
      endpointRepo.update(next);
      fleet.replaceEndpoint({ ...next, persisted: true });
      const updated = fleet.endpoint(id);
      if (!updated) throw new CoreError('INTERNAL', 'The endpoint was updated but is not dialing.');
      return updated;
    },
    'endpoints:retry': ({ id }) => {
      const endpoint = fleet.retryEndpoint(id);
      if (!endpoint) throw new CoreError('NOT_FOUND', `No endpoint with id ${id}.`);
      return endpoint;
    },
    'agents:retry': ({ agentId }) => {
      if (!fleet.retryAgent(agentId)) throw new CoreError('NOT_FOUND', `No link has carried agent ${agentId} in this run.`);
      const agent = fleet.agent(agentId);
      if (!agent) throw new CoreError('NOT_FOUND', `No agent with id ${agentId}.`);
      return agent;
    },
    'agents:reassign': ({ agentId, endpointId }) => {
      const endpoint = fleet.reassignAgent(agentId, endpointId);
      alerts.service.requestResolve(`rule:agent_id_taken:${agentId}`, 'operator');
      return endpoint;
    },
    'endpoints:remove': ({ id }) => {
      const removedFromLog = endpointRepo.delete(id);
      const removedFromFleet = fleet.removeEndpoint(id);
      if (!removedFromLog && !removedFromFleet) throw new CoreError('NOT_FOUND', `No endpoint with id ${id}.`);
      events.emit('endpoint:removed', { id });
      return {};
    },
    'conversations:list': ({ agentId }) => messageRepo.conversations(agentId),
    'messages:list': ({ conversationId, beforeId, limit }) => {
      const page = messageRepo.page(conversationId, limit, beforeId);
      if (!page) throw new CoreError('NOT_FOUND', `Message ${beforeId} is not in the log.`);
      return { ...page, messages: fleet.withMarks(page.messages) };
    },
    'messages:send': ({ agentId, conversationId, text, intent }) => {
      const agent = agentRepo.get(agentId);
      if (!agent) throw new CoreError('NOT_FOUND', `No agent with id ${agentId} has ever connected.`);
      const message: Message = {
        id: randomUUID(),
        conversationId: conversationId ?? directConversationId(agentId),
        agentId,
        direction: 'out',
        from: OPERATOR_ID,
        to: agentId,
        intent,
        text,
        data: null,
        priority: 'normal',
        replyTo: null,
        status: 'queued',
        createdAt: now(),
      };
      // Logged before it is sent: if the app dies now, the message is still in the outbox on restart.
      messageRepo.insert({ ...message, seq: null }, agent.name, now());
      events.emit('message:changed', message);
      const conversation = messageRepo.conversation(message.conversationId);
      if (conversation) events.emit('conversation:changed', conversation);
      return fleet.trySend(message);
    },
    'messages:cancel': ({ id }) => fleet.cancel(id),
  };

  let closed = false;
  const invoke = createDispatch(handlers, logger);
  return {
    dataDir: options.dataDir,
    invoke,
    on: (event, listener) => events.on(event, listener),
    api: directApi(invoke, events),
    get awaitingReplies() {
      return fleet.awaitingReplies;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (ticker) clearInterval(ticker);
      fleet.close();
      alerts.flush();
      searchIndex.stop();
      try {
        // A log left with its index caught up can be copied and reviewed elsewhere as it is.
        searchIndexer.catchUp();
      } catch (error) {
        logger.error('could not finish search indexing on close; it resumes on the next start', error);
      }
      history.close();
      operations.close();
      db.close();
    },
  };
}
