/**
 * The link seam: the one interface between the fleet and a connection to agents.
 *
 * Everything above it (the log, ingest, outbox, reply deadlines, alerts, decisions, search, the UI) is
 * link-agnostic: it sees agent cards, inbound events in the console's terms, and a few outbound verbs. Everything
 * about a wire (sockets, HTTP, SSE, handshakes, heartbeats, framing, auth, redial) stays behind it.
 *
 * Implementations:
 *  - protocol v1 over ws:// and wss:// (links/v1/), spec in docs/protocol.md;
 *  - A2A over http:// and https:// (links/a2a/), added by registering a factory in link-factory.ts.
 * A third kind (a bus on Redis Streams or NATS, say) is one more folder and one more line there; nothing else changes.
 *
 * Threading model: every call and every sink callback happens on the one Node event loop. A link calls its sink
 * synchronously from its own I/O callbacks and never re-enters the fleet from inside a fleet call.
 */
import type { LinkHealth, LinkKind, LinkState, Message } from '../../../shared/domain';
import type { AgentCard, AgentToConsoleFrame, ErrorCode, UnscopedControlFrame } from '../../../shared/protocol';
import type { Clock } from '../lib/clock';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';

/** Where a link connects to, as configured by the operator (or a launch flag). */
export interface LinkEndpoint {
  id: string;
  /** The scheme picks the link kind (see link-factory.ts): ws/wss → protocol v1, http/https → A2A. */
  url: string;
  /** Bearer credential, if any; a link sends it however its wire carries auth, and never logs it. */
  token: string | null;
  /** For protocol v1: direct (one agent) or gateway (many). null: as announced. Other kinds may ignore it. */
  kind?: LinkKind | null;
  /** For A2A: the operator's labels for the agent, whose card has none. v1 agents announce their own. */
  role?: string | null;
  department?: string | null;
}

/**
 * What arrives from agents, already in the console's terms. The vocabulary is protocol v1's frame shapes
 * (src/shared/protocol.ts) because those zod types are the console's domain model for agent traffic; a link of
 * another kind translates into them (an A2A task update becomes a `message`, `delta` or `status`, say).
 *
 * A link resolves which of its agents each event belongs to and passes that as `agentId` beside the event, so the
 * fleet never reads `agent_id`. Transport-level traffic (hello, ping/pong, welcome) never crosses the seam.
 *
 *  - message:  a complete agent message; logged, then acknowledged through `acknowledge` (ack after commit).
 *  - delta:    a streamed piece of a message id; shown live, never logged alone; the final `message` completes it.
 *  - status:   the agent's work state and a detail line.
 *  - alert:    raised or resolved by the agent; goes to the alerts module.
 *  - decision: an action the agent proposes for approval; goes to the operations module.
 *  - metric:   a named value; goes to the operations module.
 *  - ack:      the agent received an operator message (its id): the outbox marks it delivered.
 *  - error:    the agent reports a problem with something the console sent; logged.
 *  - decision_answered: not a frame but the link's own word (see DecisionAnswered); goes to the operations module.
 */
export type InboundEvent = Exclude<AgentToConsoleFrame, { type: 'hello' | 'ping' | 'pong' }> | DecisionAnswered;

/**
 * The operator answered a proposed decision without deciding it: an A2A agent's question (input-required) answered
 * by a message typed in the conversation, which the link sent as the continuation of the task. The decision is
 * settled with that answer, once, and no decision_result goes out: the message itself was the answer.
 */
export interface DecisionAnswered {
  type: 'decision_answered';
  /** The decision's id. */
  id: string;
  /** What the operator typed, kept as the decision's comment. */
  comment: string;
}
export type InboundOf<T extends InboundEvent['type']> = Extract<InboundEvent, { type: T }>;

/** agentId of an inbound `error` that cannot be pinned on one agent (a gateway's link-level complaint). */
export const LINK_LEVEL = '';

/** Control frames (decision_result, set_mode) are defined with the protocol; the seam passes them unscoped. */
export type { ControlFrame, UnscopedControlFrame } from '../../../shared/protocol';

/** One agent message the fleet has committed to the log: the link may now tell the agent it is safe. */
export interface Receipt {
  agentId: string;
  messageId: string;
}

/** The fleet's answer to an announcement: where each accepted agent resumes, and the cards it refused. */
export interface Announcement {
  /** Last committed seq per accepted agent. */
  lastSeq: Record<string, number>;
  /**
   * Cards the link must drop, with why and the error code a wire with errors answers each with: AGENT_ID_TAKEN (an
   * agent id another endpoint owns) or RATE_LIMITED (past the endpoint's roster bound, link-bounds.ts).
   */
  refused: { agentId: string; code: ErrorCode; reason: string }[];
}

/** How a link reports to the fleet. The fleet implements it; a link only calls it. */
export interface LinkSink {
  /**
   * The link learned which agents it carries (v1: a `hello`; A2A: the agent card was fetched). Called again when
   * the set changes. Returns the last seq the console has committed per agent, so a link whose wire supports
   * resume (v1 `welcome`) can tell the agent where to start (a link without resume ignores it), and the cards it
   * refused: the link drops those from `agents` and carries none of their traffic.
   */
  announced(link: Link, cards: readonly AgentCard[]): Announcement;
  /** The link is ready for traffic (after announced): the fleet delivers the outbox now. */
  ready(link: Link): void;
  /** One inbound event for one of this link's agents (or LINK_LEVEL for a link-wide `error`). */
  inbound(link: Link, agentId: string, event: InboundEvent): void;
  /** `state` or `lastError` changed: the fleet re-projects endpoints and agents, and keeps interrupted streams. */
  stateChanged(link: Link): void;
  /** Liveness changed (told at once), or RTT or bad-frame counts changed (a link may throttle these). */
  healthChanged(link: Link): void;
}

/** What every link kind is built from: the endpoint, the fleet's sink and the shared services. */
export interface LinkContext {
  endpoint: LinkEndpoint;
  sink: LinkSink;
  config: LinkConfig;
  logger: Logger;
  /** The one clock (epoch ms). Links never read Date.now(), so tests and health use one time line. */
  now: Clock;
}

/**
 * One connection to one endpoint, carrying one or more agents. State is read-only from outside: a link changes it
 * itself and tells the sink.
 */
export interface Link {
  readonly endpoint: LinkEndpoint;
  /** connecting → online (agents announced, traffic flows) → offline (down; redials unless closed). */
  readonly state: LinkState;
  /** Why the link is down or failing, in words an operator can act on; null once it is healthy. */
  readonly lastError: string | null;
  /** The agent cards the link carries, by id; empty until announced. A card's id is the agent's id everywhere. */
  readonly agents: ReadonlyMap<string, AgentCard>;

  /** Starts connecting, and keeps reconnecting with backoff until close(). */
  start(): void;
  /** Stops for good: cancels timers, drops the connection, reports `offline` once. Idempotent. */
  close(): void;
  /** Connects now instead of waiting out the backoff. False when the link is not waiting to reconnect. */
  retryNow(): boolean;
  /** Health as the operator sees it; with an agentId, bad-frame counts are that agent's own. */
  health(agentId?: string): LinkHealth;

  /**
   * Puts an operator message (already logged by the outbox) on the wire. `replyTimeoutS` is the reply deadline the
   * console will hold the agent to (null: no reply expected), for wires that can say so. Returns whether it went
   * out; false leaves it queued in the outbox until the next `ready`. Delivery is confirmed by an inbound `ack`
   * (or, for a wire without acks, by the link synthesising one once the agent has accepted it).
   */
  sendMessage(message: Message, replyTimeoutS: number | null): boolean;
  /** Puts a control frame for one agent on the wire. Returns whether it went out (never queued). */
  sendControl(agentId: string, frame: UnscopedControlFrame): boolean;
  /**
   * Ack after commit: these inbound messages are in the log now. A wire with acks tells the agents (v1: one `ack`
   * per id, written together); a wire without may answer a pending request or do nothing. Duplicates are included,
   * because an agent that resends never saw the first ack.
   */
  acknowledge(receipts: readonly Receipt[]): void;
  /**
   * Optional: stops the work an operator message started on the agent (an A2A task), for wires that have such
   * work. Resolves false when the message started none that is still running.
   */
  cancelWork?(messageId: string): Promise<boolean>;
  /**
   * The fleet refuses one inbound event of this agent (`ref`: its id): it could not be committed (INTERNAL), or it
   * speaks for another link's agent or conversation. v1 answers with an `error` frame carrying `ref`, and counts it.
   */
  refuse(agentId: string, ref: string | undefined, code: ErrorCode, message: string): void;
  /**
   * Optional back-pressure: the log is behind on this link's messages, so stop reading its socket (TCP then slows
   * the agent down) until `resumeReading`. Both are idempotent. A link that cannot pause simply has its backlog wait.
   */
  pauseReading?(): void;
  resumeReading?(): void;
}

/** Builds a link of one kind. Registered per URL scheme in link-factory.ts. */
export type LinkFactory = (context: LinkContext) => Link;
