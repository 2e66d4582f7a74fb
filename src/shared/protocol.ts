/**
 * Agent <-> console wire protocol, version 1.
 *
 * One JSON object per WebSocket text frame, discriminated by `type`. Every frame is parsed with these schemas at
 * the socket, on both sides, so neither side trusts the other's shape. This file is runtime-free (zod only): the
 * console core, the agent kit, the browser host and the docs generator all import it.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

/** Largest text frame the console accepts by default (1 MiB). Larger frames are answered with FRAME_TOO_LARGE. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

const id = z.string().min(1).max(200);
const timestamp = z.iso.datetime({ offset: true });

export const INTENTS = [
  'chat',
  'get_roadmap',
  'assign_task',
  'request_knowledge',
  'share_insights',
  'request_review',
  'provide_feedback',
  'health_check',
  'capability_query',
] as const;
export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const WORK_STATES = [
  'idle',
  'busy',
  'monitoring',
  'waiting_approval',
  'intervening',
  'learning',
  'degraded',
  'error',
] as const;
export const WorkState = z.enum(WORK_STATES);
export type WorkState = z.infer<typeof WorkState>;

export const AgentMode = z.enum(['manual', 'semi_auto', 'auto']);
export type AgentMode = z.infer<typeof AgentMode>;

export const AgentCard = z.object({
  id,
  name: z.string().min(1).max(200),
  role: z.string().min(1).max(200),
  department: z.string().min(1).max(200),
  capabilities: z.array(z.string().max(200)).max(200).default([]),
  intents: z.array(Intent).default(['chat']),
  description: z.string().max(4000).optional(),
});
export type AgentCard = z.infer<typeof AgentCard>;

/**
 * Frames from a gateway carry `agent_id` so one socket can multiplex many agents. On a direct link it may be
 * omitted: the link has exactly one agent.
 */
const agentScoped = { agent_id: id.optional() };

export const HelloFrame = z.object({
  type: z.literal('hello'),
  protocol: z.number().int().positive(),
  agents: z.array(AgentCard).min(1).max(10_000),
});

export const WelcomeFrame = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int().positive(),
  console_id: id,
  /** Last seq the console has committed, per agent id: the agent resends everything after it. */
  last_seq: z.record(z.string(), z.number().int().nonnegative()),
});

export const MessageFrame = z.object({
  type: z.literal('message'),
  ...agentScoped,
  id,
  /** Monotonic per agent, for resume. Console-originated messages carry none. */
  seq: z.number().int().positive().optional(),
  conversation_id: id,
  from: id,
  to: id,
  intent: Intent,
  text: z.string().max(512 * 1024).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  priority: Priority.default('normal'),
  requires_response: z.boolean().optional(),
  response_timeout_s: z.number().positive().max(86_400).optional(),
  reply_to: id.optional(),
  timestamp,
});
export type MessageFrame = z.infer<typeof MessageFrame>;

export const DeltaFrame = z.object({
  type: z.literal('delta'),
  ...agentScoped,
  /** Id of the message being streamed; the final `message` frame with this id completes it. */
  id,
  conversation_id: id,
  /** Text to append to what has been streamed so far. */
  text: z.string().max(64 * 1024),
});

export const AckFrame = z.object({
  type: z.literal('ack'),
  ...agentScoped,
  id,
});

export const StatusFrame = z.object({
  type: z.literal('status'),
  ...agentScoped,
  state: WorkState,
  detail: z.string().max(1000).optional(),
});

export const AlertFrame = z.object({
  type: z.literal('alert'),
  ...agentScoped,
  id,
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string().min(1).max(500),
  body: z.string().max(8000).optional(),
  dedupe_key: z.string().max(500).optional(),
  state: z.enum(['firing', 'resolved']),
});

export const DecisionFrame = z.object({
  type: z.literal('decision'),
  ...agentScoped,
  id,
  summary: z.string().min(1).max(1000),
  reasoning: z.string().max(8000),
  confidence: z.number().min(0).max(1),
  context: z.record(z.string(), z.unknown()).optional(),
  expires_at: timestamp.optional(),
  /** `high`: the console asks the operator for a deliberate confirmation before approving. Optional since v1. */
  risk: z.enum(['low', 'high']).optional(),
});

export const DecisionResultFrame = z.object({
  type: z.literal('decision_result'),
  ...agentScoped,
  id,
  outcome: z.enum(['approved', 'rejected']),
  comment: z.string().max(4000).optional(),
  auto: z.boolean().optional(),
});

export const SetModeFrame = z.object({
  type: z.literal('set_mode'),
  ...agentScoped,
  mode: AgentMode,
});

export const MetricFrame = z.object({
  type: z.literal('metric'),
  ...agentScoped,
  name: z.string().min(1).max(200),
  value: z.number(),
  unit: z.string().max(50).optional(),
});

export const PingFrame = z.object({ type: z.literal('ping'), nonce: z.string().max(100) });
export const PongFrame = z.object({ type: z.literal('pong'), nonce: z.string().max(100) });

export const ERROR_CODES = [
  'INVALID_JSON',
  'INVALID_UTF8',
  'BINARY_NOT_SUPPORTED',
  'SCHEMA_MISMATCH',
  'FRAME_TOO_LARGE',
  'UNKNOWN_AGENT',
  'AGENT_ID_TAKEN',
  'OUT_OF_SCOPE',
  'PROTOCOL_UNSUPPORTED',
  'HELLO_REQUIRED',
  'HELLO_TIMEOUT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string().max(2000),
  /** Id of the frame this answers, when it had a readable one. */
  ref: z.string().max(200).optional(),
});

/** Frames an agent (or gateway) may send to the console. */
export const AgentToConsoleFrame = z.discriminatedUnion('type', [
  HelloFrame,
  MessageFrame,
  DeltaFrame,
  AckFrame,
  StatusFrame,
  AlertFrame,
  DecisionFrame,
  MetricFrame,
  PingFrame,
  PongFrame,
  ErrorFrame,
]);
export type AgentToConsoleFrame = z.infer<typeof AgentToConsoleFrame>;

/** Frames the console may send to an agent (or gateway). */
export const ConsoleToAgentFrame = z.discriminatedUnion('type', [
  WelcomeFrame,
  MessageFrame,
  AckFrame,
  DecisionResultFrame,
  SetModeFrame,
  PingFrame,
  PongFrame,
  ErrorFrame,
]);
export type ConsoleToAgentFrame = z.infer<typeof ConsoleToAgentFrame>;

export type FrameOf<T extends { type: string }, K extends T['type']> = Extract<T, { type: K }>;

/**
 * Console frames that are not operator messages (decision_result, set_mode): not logged, only delivered while the
 * agent is online. Unscoped: before a link adds whatever addressing its wire needs (v1's `agent_id`).
 */
export type ControlFrame = FrameOf<ConsoleToAgentFrame, 'decision_result'> | FrameOf<ConsoleToAgentFrame, 'set_mode'>;
export type UnscopedControlFrame = ControlFrame extends infer F ? (F extends ControlFrame ? Omit<F, 'agent_id'> : never) : never;

/** Turns a zod error into one line a human can act on: which field, what was wrong. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(frame)'}: ${issue.message}`)
    .join('; ');
}

// ---- Structured intents: what `message.data` carries per intent (additive; `text` stays a human summary) -------

const shortText = z.string().trim().min(1).max(2000);
const longText = z.string().trim().min(1).max(20_000);

/**
 * Typed `data` of the structured intents the console composes. Agents may ignore them (the `text` of the message
 * always summarises the request), and may reply with any `data`; these shapes are what the console sends.
 */
export const INTENT_DATA = {
  assign_task: z.object({
    task_id: z.string().trim().min(1, 'give the task an id').max(200),
    description: longText,
    priority: Priority,
    /** ISO date (YYYY-MM-DD) or date-time the task is due. */
    due: z.union([z.iso.date(), timestamp]).optional(),
  }),
  request_knowledge: z.object({ query: shortText, context: z.string().max(20_000).optional() }),
  request_review: z.object({
    subject: shortText,
    content: longText,
    criteria: z.string().max(2000).optional(),
  }),
  provide_feedback: z.object({
    subject: shortText,
    feedback: longText,
    rating: z.number().int().min(1).max(5).optional(),
  }),
  share_insights: z.object({ topic: shortText, insight: longText }),
  get_roadmap: z.object({
    horizon: z.enum(['month', 'quarter', 'year']).default('quarter'),
    area: z.string().max(200).optional(),
  }),
  health_check: z.object({ scope: z.enum(['self', 'dependencies', 'all']).default('self') }),
  capability_query: z.object({ capability: z.string().max(200).optional() }),
} as const;
export type StructuredIntent = keyof typeof INTENT_DATA;
export const STRUCTURED_INTENTS = Object.keys(INTENT_DATA) as StructuredIntent[];
export type IntentData<I extends StructuredIntent> = z.infer<(typeof INTENT_DATA)[I]>;

/**
 * `data.room` on a console message sent in a room: who is in it and what was said lately, so an agent can answer
 * in context. Agents that know nothing of rooms just see a normal message (and reply in its conversation).
 */
export const RoomContext = z.object({
  id,
  name: z.string().min(1).max(200),
  members: z.array(z.object({ id, name: z.string().max(200), role: z.string().max(200) })).max(200),
  /** One operator post goes to each addressed member as its own message; they share this id. */
  post_id: id,
  /** Ids of the members this message was addressed to with @mentions; empty when it went to every member. */
  mentions: z.array(id).max(200),
  /** The room's last messages before this one, oldest first (at most 20). */
  recent: z.array(z.object({ from: id, text: z.string().max(4000), at: timestamp })).max(20),
});
export type RoomContext = z.infer<typeof RoomContext>;

const structured = <I extends StructuredIntent>(intent: I) => z.object({ intent: z.literal(intent), data: INTENT_DATA[intent] }).strict();

/** One structured request: the intent and its typed `data`, validated together. */
export const StructuredRequest = z.discriminatedUnion('intent', [
  structured('assign_task'),
  structured('request_knowledge'),
  structured('request_review'),
  structured('provide_feedback'),
  structured('share_insights'),
  structured('get_roadmap'),
  structured('health_check'),
  structured('capability_query'),
]);
export type StructuredRequest = z.infer<typeof StructuredRequest>;
