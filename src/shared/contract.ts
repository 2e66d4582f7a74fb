/**
 * The IPC contract: the single place where channel names are spelled.
 *
 * Invoke channels map a `namespace:verb` name to request and response schemas; push events map a past-tense
 * `subject:happened` name to a payload schema. Everything else is derived from these two objects:
 *  - the main side parses every request with `request` before a handler sees it (see core/contract-dispatch.ts);
 *  - `buildApi()` turns a transport into the renderer's `api` object, with `api.messages.send(...)` for
 *    `messages:send` and `api.onMessageChanged(cb)` for `message:changed`;
 *  - the Electron preload and the browser host's page client both use `buildApi()`, so the renderer sees one shape.
 */
import { z } from 'zod';
import {
  Agent,
  AgentLogMetrics,
  AgentModeState,
  Alert,
  AlertSeverity,
  AlertState,
  AlertTransition,
  AttentionCounts,
  Broadcast,
  BroadcastTarget,
  Conversation,
  Decision,
  DecisionState,
  DecisionTrackRecord,
  Endpoint,
  LinkKind,
  Message,
  MetricSeries,
  NotificationRequest,
  NotificationSettings,
  OperationsSettings,
  Room,
  Silence,
  SilenceMatcher,
  StreamingReply,
} from './domain';
import {
  BackupInfo,
  ExportFormat,
  ExportProgress,
  ExportScope,
  HistorySource,
  HistorySources,
  HistoryStats,
  MarkdownCopy,
  MessageWindow,
  SalvageResult,
  SearchPage,
  SearchRequest,
  StartupStatus,
} from './history';
import { AgentMode, Intent, StructuredRequest } from './protocol';

const Empty = z.object({}).strict().default({});

export const invokeContract = {
  /** What the operator should know about this install, e.g. that agent tokens are stored unencrypted. */
  'app:get-status': {
    request: Empty,
    response: z.object({
      secretStorage: z.object({ encrypted: z.boolean(), message: z.string().nullable() }),
    }),
  },
  'agents:list': { request: Empty, response: z.array(Agent) },
  'endpoints:list': { request: Empty, response: z.array(Endpoint) },
  'endpoints:add': {
    request: z
      .object({
        url: z
          .string()
          .trim()
          .regex(/^(wss?|https?):\/\/\S+$/i, 'must be a ws://, wss://, http:// or https:// URL'),
        token: z.string().trim().max(4096).optional(),
        name: z.string().trim().max(200).optional(),
        kind: LinkKind.nullable().optional(),
        /** For an A2A agent: the roster groups it under these (v1 agents announce their own). */
        role: z.string().trim().max(100).optional(),
        department: z.string().trim().max(100).optional(),
      })
      .strict(),
    response: Endpoint,
  },
  /** Edits an endpoint; the link redials with the new settings. `token: null` clears the token. */
  'endpoints:update': {
    request: z
      .object({
        id: z.string().min(1),
        url: z
          .string()
          .trim()
          .regex(/^(wss?|https?):\/\/\S+$/i, 'must be a ws://, wss://, http:// or https:// URL')
          .optional(),
        token: z.string().trim().max(4096).nullable().optional(),
        name: z.string().trim().max(200).nullable().optional(),
        kind: LinkKind.nullable().optional(),
        role: z.string().trim().max(100).nullable().optional(),
        department: z.string().trim().max(100).nullable().optional(),
      })
      .strict(),
    response: Endpoint,
  },
  /** Dials a down endpoint now instead of waiting for its backoff. */
  'endpoints:retry': { request: z.object({ id: z.string().min(1) }).strict(), response: Endpoint },
  /** Dials the endpoint carrying this agent now. */
  'agents:retry': { request: z.object({ agentId: z.string().min(1) }).strict(), response: Agent },
  /** Gives an agent id to another endpoint (after a refused claim): that endpoint redials and may announce it. */
  'agents:reassign': { request: z.object({ agentId: z.string().min(1), endpointId: z.string().min(1) }).strict(), response: Endpoint },
  'endpoints:remove': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({}) },
  'conversations:list': {
    request: z.object({ agentId: z.string().min(1).optional() }).strict().default({}),
    response: z.array(Conversation),
  },
  'messages:send': {
    request: z
      .object({
        agentId: z.string().min(1),
        conversationId: z.string().min(1).optional(),
        text: z.string().trim().min(1, 'message is empty').max(100_000),
        intent: Intent.default('chat'),
      })
      .strict(),
    response: Message,
  },
  /** Cancels an outgoing message that is still queued (not yet on the wire). */
  'messages:cancel': { request: z.object({ id: z.string().min(1) }).strict(), response: Message },
  /** The newest agent messages across all conversations, newest first: the home view's "recent activity". */
  'messages:recent': {
    request: z.object({ limit: z.number().int().min(1).max(50).default(20) }).strict().default({ limit: 20 }),
    response: z.array(Message),
  },
  /** Whether the first-run tour was finished or skipped in this data dir (so it shows once, not once per tab). */
  'tour:get-state': { request: Empty, response: z.object({ done: z.boolean() }) },
  'tour:finish': { request: Empty, response: z.object({ done: z.boolean() }) },
  'alerts:list': {
    request: z
      .object({
        states: z.array(AlertState).max(3).optional(),
        agentId: z.string().min(1).optional(),
        severity: AlertSeverity.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict()
      .default({ limit: 200 }),
    response: z.array(Alert),
  },
  'alerts:get': {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ alert: Alert, timeline: z.array(AlertTransition) }),
  },
  'alerts:acknowledge': { request: z.object({ id: z.string().min(1) }).strict(), response: Alert },
  'alerts:resolve': { request: z.object({ id: z.string().min(1) }).strict(), response: Alert },
  'silences:list': { request: Empty, response: z.array(Silence) },
  'silences:add': {
    request: z
      .object({
        matcher: SilenceMatcher,
        value: z.string().min(1).max(500),
        reason: z.string().trim().min(1, 'say why you silence it').max(500),
        durationS: z.number().int().min(60).max(30 * 86_400),
      })
      .strict(),
    response: Silence,
  },
  'silences:remove': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({}) },
  'notifications:get-settings': { request: Empty, response: NotificationSettings },
  'notifications:update-settings': { request: NotificationSettings.strict(), response: NotificationSettings },
  /** The window reports what the operator is looking at, so the conversation on screen does not notify. */
  'attention:viewing': {
    request: z.object({ windowFocused: z.boolean(), conversationId: z.string().nullable() }).strict(),
    response: z.object({}),
  },
  'attention:counts': { request: Empty, response: AttentionCounts },
  /** A host asks the window to show an item (a notification was clicked). */
  'attention:open': { request: z.object({ target: NotificationRequest.shape.target }).strict(), response: z.object({}) },
  // ---- History: search, jump to a message, paging both ways, export, stats, backup, recovery -------------------
  'search:query': { request: SearchRequest, response: SearchPage },
  'messages:around': {
    request: z
      .object({
        source: HistorySource.default('live'),
        messageId: z.string().min(1),
        before: z.number().int().min(0).max(500).default(50),
        after: z.number().int().min(0).max(500).default(50),
      })
      .strict(),
    response: MessageWindow,
  },
  'messages:range': {
    request: z
      .object({
        source: HistorySource.default('live'),
        conversationId: z.string().min(1),
        /** At most one cursor: older than `beforeId`, newer than `afterId`, or the newest page when neither. */
        beforeId: z.string().min(1).optional(),
        afterId: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .refine((r) => r.beforeId === undefined || r.afterId === undefined, 'give beforeId or afterId, not both'),
    response: MessageWindow,
  },
  'history:sources': { request: Empty, response: HistorySources },
  'history:open-file': {
    request: z.object({ file: z.string().trim().min(1).max(4096) }).strict(),
    response: HistorySources,
  },
  'history:close-file': { request: Empty, response: HistorySources },
  /** Desktop only: shows a finished export in the OS file manager. Only files in the console's exports folder. */
  'export:show-in-folder': { request: z.object({ file: z.string().trim().min(1).max(4096) }).strict(), response: z.object({}) },
  'export:start': {
    request: z
      .object({ source: HistorySource.default('live'), format: ExportFormat, scope: ExportScope.default({}) })
      .strict(),
    response: ExportProgress,
  },
  'export:cancel': { request: z.object({ exportId: z.string().min(1) }).strict(), response: ExportProgress },
  /** A conversation as Markdown for the clipboard (Copy as Markdown), bounded: see MARKDOWN_COPY_MAX_*. */
  'export:markdown': {
    request: z.object({ source: HistorySource.default('live'), conversationId: z.string().min(1).max(500) }).strict(),
    response: MarkdownCopy,
  },
  'stats:summary': {
    request: z.object({ source: HistorySource.default('live') }).strict().default({ source: 'live' }),
    response: HistoryStats,
  },
  'backup:create': { request: Empty, response: BackupInfo },
  'backup:list': { request: Empty, response: z.array(BackupInfo) },
  'backup:restore': {
    request: z.object({ file: z.string().trim().min(1).max(4096) }).strict(),
    response: z.object({ restored: BackupInfo, previous: BackupInfo }),
  },
  'startup:status': { request: Empty, response: StartupStatus },
  'recovery:salvage': { request: Empty, response: SalvageResult },
  'recovery:start-fresh': { request: Empty, response: z.object({ keptAt: z.string() }) },

  // ---- Twin operations -----------------------------------------------------------------------------------------
  'decisions:list': {
    request: z
      .object({
        states: z.array(DecisionState).max(4).optional(),
        agentId: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict()
      .default({ limit: 200 }),
    response: z.array(Decision),
  },
  /** The operator's answer; it goes back to the agent as `decision_result`. */
  'decisions:decide': {
    request: z
      .object({
        agentId: z.string().min(1),
        id: z.string().min(1),
        outcome: z.enum(['approved', 'rejected']),
        comment: z.string().trim().max(4000).optional(),
      })
      .strict(),
    response: Decision,
  },
  /** How many of this agent's decisions were approved, rejected or expired (from the log; an index-only count). */
  'decisions:track-record': { request: z.object({ agentId: z.string().min(1).max(500) }).strict(), response: DecisionTrackRecord },
  'modes:list': { request: Empty, response: z.array(AgentModeState) },
  /** Sets an agent's mode; sent with `set_mode` now, or when the agent is next online. */
  'modes:set': { request: z.object({ agentId: z.string().min(1), mode: AgentMode }).strict(), response: AgentModeState },
  'operations:get-settings': { request: Empty, response: OperationsSettings },
  'operations:update-settings': { request: OperationsSettings.strict(), response: OperationsSettings },
  /** Per-agent metrics computed from the log, and the agent's `metric` frames over the window. */
  'metrics:get': {
    request: z
      .object({ agentId: z.string().min(1), windowS: z.number().int().min(60).max(90 * 86_400).default(86_400) })
      .strict(),
    response: z.object({ log: AgentLogMetrics, series: z.array(MetricSeries) }),
  },
  /** A structured request (assign_task, request_knowledge...) with its typed `data`, validated per intent. */
  'intents:send': {
    request: z
      .object({
        agentId: z.string().min(1),
        conversationId: z.string().min(1).optional(),
        /** A human summary; made from the data when omitted. */
        text: z.string().trim().max(100_000).optional(),
        request: StructuredRequest,
      })
      .strict(),
    response: Message,
  },
  'broadcasts:send': {
    request: z
      .object({
        target: BroadcastTarget,
        text: z.string().trim().min(1, 'message is empty').max(100_000),
        intent: Intent.default('chat'),
      })
      .strict(),
    response: Broadcast,
  },
  'broadcasts:list': {
    request: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict().default({ limit: 20 }),
    response: z.array(Broadcast),
  },
  'rooms:list': { request: Empty, response: z.array(Room) },
  'rooms:create': {
    request: z
      .object({
        name: z.string().trim().min(1, 'name the room').max(200),
        memberIds: z.array(z.string().min(1)).min(2, 'a room needs at least two agents').max(200),
      })
      .strict(),
    response: Room,
  },
  /** Posts in a room: to the @mentioned members, or to every member when none is mentioned. */
  'rooms:post': {
    request: z.object({ roomId: z.string().min(1), text: z.string().trim().min(1, 'message is empty').max(100_000) }).strict(),
    response: z.array(Message),
  },
} as const;

export const eventContract = {
  /** An agent's work state changed, or it was announced or changed on its own. */
  'agent:changed': Agent,
  /**
   * Several agents changed at once, in one event: everything a link carries when it connects, drops or its health
   * changes (a gateway may carry thousands; one event each would flood every window).
   */
  'agents:changed': z.array(Agent),
  /** An endpoint was added, removed or changed link state. */
  'endpoint:changed': Endpoint,
  'endpoint:removed': z.object({ id: z.string() }),
  /** A message was committed to the log, or its delivery status changed. */
  'message:changed': Message,
  /** A streamed reply grew (a `delta` arrived): the text so far. The final message arrives as `message:changed`. */
  'message:streamed': StreamingReply,
  /** An alert was raised, repeated, acknowledged, resolved or (un)silenced. */
  'alert:changed': Alert,
  /** The policy decided this deserves a notification; hosts display it natively or with the Web API. */
  'notification:requested': NotificationRequest,
  /** Badge and tray counts changed. */
  'attention:changed': AttentionCounts,
  /** Show this item (the operator clicked its notification). */
  'attention:open-requested': z.object({ target: NotificationRequest.shape.target }),
  /** An export moved on, finished, was cancelled or failed. */
  'export:progressed': ExportProgress,
  /** A decision arrived, was decided (by the operator or the mode policy), expired, or its result was acked. */
  'decision:changed': Decision,
  'mode:changed': AgentModeState,
  /** A recipient of a broadcast changed state (delivered, acked, replied). Coalesced. */
  'broadcast:changed': Broadcast,
  /** New `metric` samples of this agent were stored. Coalesced per commit. */
  'metrics:changed': z.object({ agentId: z.string() }),
  'room:changed': Room,
  /** The log's state changed while running: the background check found it damaged (show the recovery screen). */
  'startup:changed': StartupStatus,
} as const;

export type InvokeContract = typeof invokeContract;
export type EventContract = typeof eventContract;
export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;

/** What a caller passes: defaults may be omitted. */
export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;
export type EventPayloadOf<E extends EventChannel> = z.output<EventContract[E]>;

export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  /** Refused for now, not for good: the same kind of costly work is already running at its limit. Retry later. */
  'BUSY',
  'STORAGE_FAILED',
  'TRANSPORT_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}
/** Errors cross the boundary as data; stacks stay in the main process log. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---- Deriving the renderer-facing api from the contract ---------------------------------------------------------

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Verb<C extends string> = C extends `${string}:${infer V}` ? V : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type EventMethodName<E extends string> = E extends `${infer S}:${infer H}`
  ? `on${Capitalize<Camel<S>>}${Capitalize<Camel<H>>}`
  : never;

type InvokeMethods = {
  [N in Namespace<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${N}:${string}` ? Camel<Verb<C>> : never]: (
      ...args: {} extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]
    ) => Promise<Result<ResponseOf<C>>>;
  };
};
type EventMethods = {
  [E in EventChannel as EventMethodName<E>]: (listener: (payload: EventPayloadOf<E>) => void) => () => void;
};

/** The object the renderer calls: `api.messages.send({...})`, `const off = api.onMessageChanged(cb)`. */
export type Api = InvokeMethods & EventMethods;

/** How an api reaches main: IPC in Electron, a loopback socket in the browser host, direct calls in tests. */
export interface Transport {
  invoke(channel: InvokeChannel, request: unknown): Promise<Result<unknown>>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function invokeMethodPath(channel: InvokeChannel): [namespace: string, method: string] {
  const [namespace, verb] = channel.split(':') as [string, string];
  return [namespace, camel(verb)];
}

export function eventMethodName(event: EventChannel): string {
  const [subject, happened] = event.split(':') as [string, string];
  return `on${capitalize(camel(subject))}${capitalize(camel(happened))}`;
}

/**
 * Builds the api object from the contract. Runtime-free so the sandboxed preload and the browser page can both use
 * it. It does no validation: main validates requests, and responses come from trusted code.
 */
export function buildApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    const [namespace, method] = invokeMethodPath(channel);
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = (request?: unknown) => transport.invoke(channel, request ?? {});
  }
  for (const event of Object.keys(eventContract) as EventChannel[]) {
    api[eventMethodName(event)] = (listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  }
  return api as Api;
}

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeContract, value);
}
