/**
 * The console's own view of agents, conversations and messages, shared by core, host, preload and renderer.
 * These are what crosses IPC; the wire frames in protocol.ts are what crosses agent sockets. Times are epoch ms.
 */
import { z } from 'zod';
import { AgentMode, Intent, Priority, WorkState } from './protocol';

/** State of the socket behind an agent, as the console sees it. */
export const LinkState = z.enum(['connecting', 'online', 'offline']);
export type LinkState = z.infer<typeof LinkState>;

/**
 * How alive a connected link looks from its heartbeat: online while frames keep arriving, degraded once it has been
 * silent past the degraded threshold, offline past the offline threshold (the socket is then dropped and redialed).
 */
export const Liveness = z.enum(['online', 'degraded', 'offline']);
export type Liveness = z.infer<typeof Liveness>;

/** A direct link carries one agent; a gateway multiplexes many, each frame naming its agent. */
export const LinkKind = z.enum(['direct', 'gateway']);
export type LinkKind = z.infer<typeof LinkKind>;

/** Live health of one link (and so of each agent on it), as the operator sees it in the agent detail. */
export const LinkHealth = z.object({
  liveness: Liveness,
  /** Round trip of the last answered heartbeat ping, in ms. */
  rttMs: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
  /** When the next dial happens while the link is down (epoch ms); null while connected or dialing. */
  nextAttemptAt: z.number().nullable(),
  /** Consecutive failed dials since the last successful hello. */
  attempt: z.number().int().nonnegative(),
  /** Bad frames answered with an `error` frame since the console started, by protocol error code. */
  badFrames: z.record(z.string(), z.number().int().nonnegative()),
});
export type LinkHealth = z.infer<typeof LinkHealth>;

export const Endpoint = z.object({
  id: z.string(),
  url: z.string(),
  /** Whether a bearer token is configured. The token itself never leaves the core. */
  hasToken: z.boolean(),
  linkState: LinkState,
  /** Last connection problem, in words an operator can act on; null once connected. */
  lastError: z.string().nullable(),
  createdAt: z.number(),
  /** Operator's label for the endpoint. */
  name: z.string().nullable().optional(),
  /** The configured kind; null means "as announced in hello" (one agent: direct, several: gateway). */
  kind: LinkKind.nullable().optional(),
  /** The operator's role and department for an A2A agent (its card has none); null: "A2A agent", "External". */
  role: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  /** Whether the operator can edit or remove it (endpoints from launch flags cannot). */
  persisted: z.boolean().optional(),
  health: LinkHealth.optional(),
  /** Agent ids this endpoint announced that belong to another endpoint: refused until the operator reassigns one. */
  takenAgentIds: z.array(z.string()).optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const Agent = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  department: z.string(),
  description: z.string().nullable(),
  capabilities: z.array(z.string()),
  intents: z.array(Intent),
  endpointId: z.string().nullable(),
  linkState: LinkState,
  workState: WorkState.nullable(),
  lastSeenAt: z.number().nullable(),
  /** Health of the link carrying this agent; bad-frame counts are this agent's own. */
  health: LinkHealth.optional(),
});
export type Agent = z.infer<typeof Agent>;

export const Conversation = z.object({
  id: z.string(),
  agentId: z.string(),
  title: z.string(),
  createdAt: z.number(),
  lastMessageAt: z.number(),
});
export type Conversation = z.infer<typeof Conversation>;

/**
 * Delivery state of a message.
 * Outgoing: queued (stored, not yet on the wire) -> sent -> delivered (agent acked).
 * Incoming: received (committed to the log, then acked to the agent).
 */
export const MessageStatus = z.enum(['queued', 'sent', 'delivered', 'received']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageMarks = z.object({
  /** The operator cancelled it while it was still queued: it will never be sent. */
  cancelledAt: z.number().nullable(),
  /** An outgoing request expects a reply (`reply_to` = its id) by this time. */
  replyDueAt: z.number().nullable(),
  repliedAt: z.number().nullable(),
  timedOutAt: z.number().nullable(),
  /** An incoming streamed reply whose link dropped before the final `message`: the text is what arrived. */
  interrupted: z.boolean(),
  /** A request that may have reached the agent without an answer was sent again (same id): the agent may have it twice. */
  maybeDuplicate: z.boolean().optional(),
  /** The agent task this request started (A2A), and that task's latest state. */
  task: z.object({ id: z.string(), state: z.string() }).nullable().optional(),
});
export type MessageMarks = z.infer<typeof MessageMarks>;

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  direction: z.enum(['in', 'out']),
  from: z.string(),
  to: z.string(),
  intent: Intent,
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  priority: Priority,
  replyTo: z.string().nullable(),
  status: MessageStatus,
  createdAt: z.number(),
  /** Link-layer marks: cancelled while queued, reply deadline and its outcome, interrupted stream. */
  marks: MessageMarks.optional(),
});
export type Message = z.infer<typeof Message>;

/** A reply being streamed by `delta` frames: the text so far. The final `message` with this id replaces it. */
export const StreamingReply = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  text: z.string(),
});
export type StreamingReply = z.infer<typeof StreamingReply>;

/** A page of messages in log order (oldest first), for keyset paging. */
export const MessagePage = z.object({
  messages: z.array(Message),
  /** Whether older messages exist before the first one in this page. */
  hasOlder: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/** The operator's own address in message `from`/`to` fields. */
export const OPERATOR_ID = 'operator';

/** Id of the one-to-one conversation between the operator and an agent. */
export function directConversationId(agentId: string): string {
  return `direct:${agentId}`;
}

/** What a conversation id names: the inverse of `directConversationId()` and `roomConversationId()`. */
export type ConversationRef =
  | { kind: 'direct'; agentId: string }
  | { kind: 'room'; roomId: string }
  | { kind: 'other'; prefix: string };

/** The one place a conversation id is taken apart; everything else calls this instead of testing prefixes. */
export function parseConversationId(id: string): ConversationRef {
  const colon = id.indexOf(':');
  const prefix = colon === -1 ? '' : id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (prefix === 'direct' && rest !== '') return { kind: 'direct', agentId: rest };
  if (prefix === 'room' && rest !== '') return { kind: 'room', roomId: rest };
  return { kind: 'other', prefix };
}

// ---- Alerts and notifications ---------------------------------------------------------------------------------

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** firing -> acknowledged (by the operator) -> resolved (by the source, or the operator). */
export const AlertState = z.enum(['firing', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

/** The console's own alert rules; agent-raised alerts have source 'agent' and no rule. */
export const ALERT_RULES = ['agent_offline', 'rtt_high', 'error_frames', 'decision_waiting', 'reply_overdue', 'agent_id_taken'] as const;
export const AlertRule = z.enum(ALERT_RULES);
export type AlertRule = z.infer<typeof AlertRule>;

export const Alert = z.object({
  id: z.string(),
  agentId: z.string().nullable(),
  source: z.enum(['agent', 'rule']),
  rule: AlertRule.nullable(),
  /** Repeats with the same key raise `count` on one alert instead of opening another. */
  dedupeKey: z.string(),
  severity: AlertSeverity,
  title: z.string(),
  body: z.string().nullable(),
  state: AlertState,
  count: z.number().int(),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  /** The source said resolved, but the console waits out the flap hold before believing it. */
  resolving: z.boolean(),
  silenced: z.boolean(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertTransitionKind = z.enum(['fired', 'reopened', 'acknowledged', 'resolved', 'escalated', 'silenced', 'unsilenced']);
export const AlertTransition = z.object({
  alertId: z.string(),
  at: z.number(),
  kind: AlertTransitionKind,
  /** 'operator', 'agent:<id>' or 'rule:<name>'. */
  actor: z.string(),
  detail: z.string().nullable(),
});
export type AlertTransition = z.infer<typeof AlertTransition>;

export const SilenceMatcher = z.enum(['agent', 'rule', 'dedupe_key']);
export const Silence = z.object({
  id: z.string(),
  matcher: SilenceMatcher,
  value: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Silence = z.infer<typeof Silence>;

/** all: every message and alert; mentions_critical: messages that need the operator, and critical alerts. */
export const NotifyLevel = z.enum(['all', 'mentions_critical', 'none']);
export type NotifyLevel = z.infer<typeof NotifyLevel>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

export const NotificationSettings = z.object({
  defaultLevel: NotifyLevel,
  agentLevels: z.record(z.string(), NotifyLevel),
  /** Local-time window in which only critical alerts notify. start > end spans midnight. */
  quietHours: z.object({ enabled: z.boolean(), start: clockTime, end: clockTime }),
  /** One notification per agent per window; what else happens in it is summed up when it ends. */
  coalesceWindowS: z.number().int().min(5).max(3600),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  defaultLevel: 'all',
  agentLevels: {},
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  coalesceWindowS: 60,
};

/** What a host should show as a native (Electron) or Web (browser host) notification. */
export const NotificationRequest = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  severity: AlertSeverity.nullable(),
  /** How many events this one sums up (1 unless coalesced). */
  count: z.number().int(),
  /** What a click opens. A decision's id is the agent's own, so its target also names the agent. */
  target: z.object({ kind: z.enum(['alert', 'conversation', 'decision']), id: z.string(), agentId: z.string().optional() }),
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;

/** Counts for the badge and tray. */
export const AttentionCounts = z.object({
  firingAlerts: z.number().int(),
  criticalAlerts: z.number().int(),
  /** Agent decisions waiting for the operator (the "needs you" queue). */
  pendingDecisions: z.number().int().default(0),
});
export type AttentionCounts = z.infer<typeof AttentionCounts>;

// ---- Twin operations: decisions, modes, metrics, broadcasts, rooms -------------------------------------------

/** pending -> approved | rejected (by the operator, or auto-approved in semi-auto/auto) | expired. */
export const DecisionState = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type DecisionState = z.infer<typeof DecisionState>;

export const Decision = z.object({
  id: z.string(),
  agentId: z.string(),
  summary: z.string(),
  reasoning: z.string(),
  confidence: z.number(),
  context: z.record(z.string(), z.unknown()).nullable(),
  expiresAt: z.number().nullable(),
  state: DecisionState,
  comment: z.string().nullable(),
  /** Approved by the console's mode policy, not by a person. */
  auto: z.boolean(),
  /** 'operator', or 'policy:semi_auto' / 'policy:auto' for auto-approvals. */
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  /** The agent acked the `decision_result`. */
  resultAckedAt: z.number().nullable(),
  createdAt: z.number(),
});
export type Decision = z.infer<typeof Decision>;

/** How an agent's decisions went, counted from the log: its track record on every decision card. */
export const DecisionTrackRecord = z.object({
  agentId: z.string(),
  approved: z.number().int(),
  /** Of the approved, how many the mode policy approved without a person. */
  autoApproved: z.number().int(),
  rejected: z.number().int(),
  expired: z.number().int(),
  pending: z.number().int(),
});
export type DecisionTrackRecord = z.infer<typeof DecisionTrackRecord>;

export { AgentMode };

export const AgentModeState = z.object({
  agentId: z.string(),
  mode: AgentMode,
  /** When the `set_mode` frame last went on the wire; null while it waits for the agent to come online. */
  sentAt: z.number().nullable(),
  updatedAt: z.number(),
});
export type AgentModeState = z.infer<typeof AgentModeState>;

export const OperationsSettings = z.object({
  /** In semi-auto, decisions with at least this confidence are approved by the console. */
  autoApproveConfidence: z.number().min(0).max(1),
  /** A pending decision older than this raises a `decision_waiting` alert. */
  decisionWaitingMinutes: z.number().int().min(1).max(24 * 60),
});
export type OperationsSettings = z.infer<typeof OperationsSettings>;
export const DEFAULT_OPERATIONS_SETTINGS: OperationsSettings = { autoApproveConfidence: 0.9, decisionWaitingMinutes: 10 };

export const MetricPoint = z.object({ at: z.number(), value: z.number() });
export const MetricSeries = z.object({ name: z.string(), unit: z.string().nullable(), points: z.array(MetricPoint) });
export type MetricSeries = z.infer<typeof MetricSeries>;

/** Computed from the log: operator requests and the agent's replies (`reply_to`). */
export const AgentLogMetrics = z.object({
  agentId: z.string(),
  requests: z.number().int(),
  replied: z.number().int(),
  /** assign_task requests that got a reply. */
  tasksCompleted: z.number().int(),
  responseP50Ms: z.number().nullable(),
  responseP95Ms: z.number().nullable(),
  /** Replied in time over requests whose outcome is known (replied or timed out); null before any. */
  successRate: z.number().nullable(),
});
export type AgentLogMetrics = z.infer<typeof AgentLogMetrics>;

export const BroadcastTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), department: z.string().min(1) }),
  z.object({ kind: z.literal('role'), role: z.string().min(1) }),
  z.object({ kind: z.literal('selection'), agentIds: z.array(z.string().min(1)).min(1).max(10_000) }),
]);
export type BroadcastTarget = z.infer<typeof BroadcastTarget>;

export const RecipientState = z.enum(['queued', 'delivered', 'acked', 'replied']);
export const BroadcastRecipient = z.object({
  agentId: z.string(),
  agentName: z.string(),
  messageId: z.string(),
  /** queued (logged, not on the wire) -> delivered (sent) -> acked (agent acked) -> replied. */
  state: RecipientState,
  reply: z.object({ id: z.string(), text: z.string().nullable(), data: z.record(z.string(), z.unknown()).nullable(), at: z.number() }).nullable(),
});
export type BroadcastRecipient = z.infer<typeof BroadcastRecipient>;

export const Broadcast = z.object({
  id: z.string(),
  target: BroadcastTarget,
  label: z.string(),
  intent: Intent,
  text: z.string(),
  createdAt: z.number(),
  recipients: z.array(BroadcastRecipient),
});
export type Broadcast = z.infer<typeof Broadcast>;

export const Room = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.number(),
});
export type Room = z.infer<typeof Room>;

/** Id of the conversation that holds a room's messages. */
export function roomConversationId(roomId: string): string {
  return `room:${roomId}`;
}

