/**
 * What an agent author writes: a card, a handler per intent, and callbacks for what the console decides. The
 * handle passed to every handler is the agent's voice: everything it says to the console goes through it.
 */
import type { z } from 'zod';
import type {
  AgentCard,
  AgentMode,
  DecisionResultFrame,
  Intent,
  MessageFrame,
  Priority,
  WorkState,
} from '../shared/protocol';

export type DecisionResult = z.infer<typeof DecisionResultFrame>;

/** Handles one console message. May be async; a throw is reported to the console as an `INTERNAL` error frame. */
export type IntentHandler = (message: MessageFrame, agent: AgentHandle) => void | Promise<void>;

export interface AgentDefinition {
  /** The card announced in `hello`. capabilities and intents default like the schema's. */
  card: z.input<typeof AgentCard>;
  /** A handler per intent. An intent without one goes to `onMessage`, or gets a polite "not handled" reply. */
  intents?: Partial<Record<Intent, IntentHandler>>;
  onMessage?: IntentHandler;
  /** The operator approved or rejected one of this agent's decisions (also settles `propose()`'s promise). */
  onDecisionResult?(result: DecisionResult, agent: AgentHandle): void;
  onModeChanged?(mode: AgentMode, agent: AgentHandle): void;
}

/** Fields of a new message an agent chooses; the kit fills id, seq, from and timestamp. */
export interface OutgoingMessage {
  /** A stable id makes a re-send after a restart a duplicate the console drops; one is made up when omitted. */
  id?: string;
  conversation_id: string;
  to: string;
  intent: Intent;
  text?: string;
  data?: Record<string, unknown>;
  priority?: Priority;
  requires_response?: boolean;
  response_timeout_s?: number;
  reply_to?: string;
}

export interface AlertInput {
  /** Stable ids let the agent resolve the alert later; one is made up when omitted. */
  id?: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body?: string;
  dedupe_key?: string;
}

export interface DecisionInput {
  id?: string;
  summary: string;
  reasoning: string;
  confidence: number;
  context?: Record<string, unknown>;
  expires_at?: string;
  /** `high` asks the operator for a deliberate confirmation before approving. */
  risk?: 'low' | 'high';
}

export interface PendingDecision {
  id: string;
  /** Settles when the console sends the `decision_result`. Never rejects; may never settle. */
  result: Promise<DecisionResult>;
}

/** A reply being streamed: `write` sends `delta` frames, `end` sends the final `message` with the whole text. */
export interface ReplyStream {
  readonly id: string;
  /** Everything written so far. */
  readonly text: string;
  write(piece: string): void;
  /** Completes the message. `text` replaces what was streamed when given (a model may correct itself). */
  end(text?: string, data?: Record<string, unknown>): MessageFrame;
}

export interface AgentHandle {
  readonly id: string;
  readonly card: AgentCard;
  readonly mode: AgentMode;
  /** Sends a message; kept until the console acks it, and resent after the next `welcome` if it did not. */
  send(message: OutgoingMessage): MessageFrame;
  /** Replies to a console message in its conversation, with its intent. */
  reply(to: MessageFrame, text: string, data?: Record<string, unknown>): MessageFrame;
  /** Starts a streamed reply to a console message. */
  stream(to: MessageFrame): ReplyStream;
  /** The agent's work state; the latest one is re-sent after every `welcome`. */
  status(state: WorkState, detail?: string): void;
  /** Raises (or re-raises) an alert; it is re-sent after every `welcome` until resolved. Returns its id. */
  alert(alert: AlertInput): string;
  resolveAlert(id: string): void;
  /** Proposes an action for the operator to approve; re-sent after every `welcome` until a result arrives. */
  propose(decision: DecisionInput): PendingDecision;
  /** A measurement. Not kept: a metric sent while no console is connected is dropped. */
  metric(name: string, value: number, unit?: string): void;
}
