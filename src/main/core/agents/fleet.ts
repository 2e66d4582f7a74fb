import type { Agent, Endpoint, LinkKind, LinkState, Message } from '../../../shared/domain';
import { OPERATOR_ID } from '../../../shared/domain';
import type { AgentCard, AgentToConsoleFrame, ConsoleToAgentFrame, FrameOf, MessageFrame, WorkState } from '../../../shared/protocol';
import { CoreError } from '../core-error';
import type { EventBus } from '../event-bus';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import type { AgentRepository, AgentRow } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import { AgentLink, LINK_LEVEL, type LinkEndpoint, type ScopedFrame } from './agent-link';
import { CommitBatcher } from './commit-batcher';
import { ReplyTracker } from './reply-tracker';
import { type OpenStream, StreamAssembler } from './stream-assembler';

export interface FleetDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  marks: MessageMarksRepository;
  events: EventBus;
  logger: Logger;
  now: () => number;
  link: LinkConfig;
  /** Agent `alert` frames go to the alerts module. */
  onAlertFrame?: (agentId: string, frame: FrameOf<AgentToConsoleFrame, 'alert'>) => void;
  /** Agent `decision` and `metric` frames, and every `ack` (some answer a `decision_result`), go to the operations module. */
  onDecisionFrame?: (agentId: string, frame: FrameOf<AgentToConsoleFrame, 'decision'>) => void;
  onMetricFrame?: (agentId: string, frame: FrameOf<AgentToConsoleFrame, 'metric'>) => void;
  onAckFrame?: (agentId: string, id: string) => void;
}

/** Console frames that are not messages: they are not logged, only put on the wire if the agent is online. */
export type ControlFrame = FrameOf<ConsoleToAgentFrame, 'decision_result'> | FrameOf<ConsoleToAgentFrame, 'set_mode'>;
/** A control frame before the fleet scopes it to its agent's link. */
export type UnscopedControlFrame = ControlFrame extends infer F ? (F extends ControlFrame ? Omit<F, 'agent_id'> : never) : never;

interface PendingIngest {
  link: AgentLink;
  agentId: string;
  frame: MessageFrame;
  /** The message to announce once committed; undefined for a duplicate. */
  logged?: Message;
  /** Operator requests this message answers, settled in the same transaction. */
  answered?: Message;
}

/** An endpoint the fleet dials, with whether it is kept in the log (runtime ones, like the demo, are not). */
export interface FleetEndpoint extends LinkEndpoint {
  persisted: boolean;
  createdAt: number;
  name?: string | null;
  kind?: LinkKind | null;
}

/**
 * All agent links and the live state behind them. Incoming messages are committed in batches and acked only after
 * the commit; outgoing messages are logged first (the outbox) and put on the wire when their agent is online;
 * operator requests carry a reply deadline; streamed replies are assembled live and kept if their link drops.
 */
export class Fleet {
  private readonly links = new Map<string, { link: AgentLink; endpoint: FleetEndpoint }>();
  /** Which link currently carries each agent. */
  private readonly routes = new Map<string, AgentLink>();
  private readonly workStates = new Map<string, WorkState>();
  /** Kept in memory and written on disconnect: one UPDATE per frame would cost an fsync per frame. */
  private readonly lastSeen = new Map<string, number>();
  private readonly unsavedSeen = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly ingest: CommitBatcher<PendingIngest>;
  private readonly acks: CommitBatcher<string>;
  private readonly replies: ReplyTracker;
  private readonly streams = new StreamAssembler();

  constructor(private readonly deps: FleetDeps) {
    const { maxBatch, maxDelayMs } = deps.link.ingest;
    this.ingest = new CommitBatcher<PendingIngest>({
      maxBatch,
      maxDelayMs,
      commit: (batch) => this.commitIncoming(batch),
      afterCommit: (batch) => this.afterIncomingCommitted(batch),
      onCommitFailed: (batch, error) => {
        // Rolled back: conversations this batch created are not in the log after all.
        deps.messages.forgetKnownConversations();
        // Not acked, so the agents keep these and resend them after the next welcome.
        deps.logger.error(`could not commit ${batch.length} incoming messages; they stay unacked`, error);
      },
    });
    this.acks = new CommitBatcher<string>({
      maxBatch,
      maxDelayMs,
      commit: (ids) => this.commitAcks(ids),
      afterCommit: () => {},
      onCommitFailed: (ids, error) =>
        // The messages stay 'sent' and go out again on the next welcome; the agent dedupes and acks again.
        deps.logger.error(`could not record ${ids.length} acks`, error),
    });
    this.replies = new ReplyTracker((ids) => this.onReplyTimeout(ids), deps.now);
    for (const { messageId, dueAt } of deps.marks.awaitingReply()) this.replies.expect(messageId, dueAt);
  }

  addEndpoint(endpoint: FleetEndpoint): void {
    const link = new AgentLink(
      endpoint,
      {
        onHello: (l, cards) => this.onHello(l, cards),
        onReady: (l) => this.deliverOutbox(l),
        onFrame: (l, agentId, frame) => this.onFrame(l, agentId, frame),
        onStateChanged: (l) => this.onLinkStateChanged(l),
        onHealthChanged: (l) => this.onLinkHealthChanged(l),
      },
      this.deps.link,
      this.deps.logger,
    );
    this.links.set(endpoint.id, { link, endpoint });
    link.start();
  }

  removeEndpoint(endpointId: string): boolean {
    const entry = this.links.get(endpointId);
    if (!entry) return false;
    this.links.delete(endpointId);
    entry.link.close();
    this.onLinkStateChanged(entry.link);
    return true;
  }

  /** Replaces an endpoint's settings: the old link closes and a new one dials with the new URL, token or kind. */
  replaceEndpoint(endpoint: FleetEndpoint): void {
    this.removeEndpoint(endpoint.id);
    this.addEndpoint(endpoint);
  }

  hasEndpoint(endpointId: string): boolean {
    return this.links.has(endpointId);
  }

  endpoint(endpointId: string): Endpoint | undefined {
    const entry = this.links.get(endpointId);
    return entry && this.toEndpoint(entry.link, entry.endpoint);
  }

  endpoints(): Endpoint[] {
    return [...this.links.values()].map(({ link, endpoint }) => this.toEndpoint(link, endpoint));
  }

  /** Dials an endpoint now. Undefined if there is no such endpoint. */
  retryEndpoint(endpointId: string): Endpoint | undefined {
    const entry = this.links.get(endpointId);
    if (!entry) return undefined;
    entry.link.retryNow();
    return this.toEndpoint(entry.link, entry.endpoint);
  }

  /** Dials the link that last carried this agent. False if no link has carried it in this run. */
  retryAgent(agentId: string): boolean {
    const link = this.routes.get(agentId) ?? [...this.links.values()].find((e) => e.endpoint.id === this.deps.agents.get(agentId)?.endpointId)?.link;
    if (!link) return false;
    link.retryNow();
    return true;
  }

  agents(): Agent[] {
    return this.deps.agents.list().map((row) => this.toAgent(row));
  }

  agent(id: string): Agent | undefined {
    const row = this.deps.agents.get(id);
    return row && this.toAgent(row);
  }

  /** Adds link-layer marks to messages read from the log. */
  withMarks(messages: Message[]): Message[] {
    const marks = this.deps.marks.many(messages.map((m) => m.id));
    return messages.map((m) => {
      const mark = marks.get(m.id);
      return mark ? { ...m, marks: mark } : m;
    });
  }

  /** Puts an already-logged outgoing message on the wire if its agent is online; otherwise it waits in the outbox. */
  trySend(message: Message): Message {
    const link = this.routes.get(message.agentId);
    if (!link || !link.send(this.toWireMessage(message, link))) return message;
    let sent = message;
    this.deps.db.transaction(() => {
      sent = this.markSent(message);
    })();
    this.deps.events.emit('message:changed', sent);
    return sent;
  }

  /** Sends a control frame to an agent (scoped with `agent_id` on a gateway). Returns whether it went on the wire. */
  sendControl(agentId: string, frame: UnscopedControlFrame): boolean {
    const link = this.routes.get(agentId);
    if (!link || this.linkStateOf(agentId, link) !== 'online') return false;
    return link.send({ ...frame, ...(link.isGateway ? { agent_id: agentId } : {}) } as ControlFrame);
  }

  /** Cancels a message still in the outbox. Throws a readable reason when it cannot be cancelled. */
  cancel(messageId: string): Message {
    const message = this.deps.messages.get(messageId);
    if (!message || message.direction !== 'out') throw new CoreError('NOT_FOUND', `No outgoing message ${messageId}.`);
    const marks = this.deps.marks.get(messageId);
    if (marks?.cancelledAt != null) return { ...message, marks };
    if (message.status !== 'queued') {
      throw new CoreError('CONFLICT', `The message is already ${message.status}: only queued messages can be cancelled.`);
    }
    this.deps.marks.set(messageId, 'cancelled_at', this.deps.now());
    const cancelled = { ...message, marks: this.deps.marks.get(messageId) };
    this.deps.events.emit('message:changed', cancelled);
    return cancelled;
  }

  /** Requests still waiting for their reply; for tests that check nothing is left behind. */
  get awaitingReplies(): number {
    return this.replies.size;
  }

  /** Commits what is waiting, keeps partial streams, and closes every link. */
  close(): void {
    this.ingest.flush();
    this.acks.flush();
    for (const { link } of this.links.values()) link.close();
    this.links.clear();
    this.replies.close();
  }

  private onHello(link: AgentLink, cards: AgentCard[]): Record<string, number> {
    const persistedEndpoint = this.links.get(link.endpoint.id)?.endpoint.persisted ? link.endpoint.id : null;
    const now = this.deps.now();
    const lastSeq: Record<string, number> = {};
    this.deps.db.transaction(() => {
      for (const card of link.agents.values()) {
        this.deps.agents.upsertFromCard(card, persistedEndpoint, now);
        lastSeq[card.id] = this.deps.agents.get(card.id)?.lastSeq ?? 0;
      }
    })();
    for (const card of cards) {
      // An agent that moved to this link (say, from a direct socket to a gateway) is routed here from now on.
      this.routes.set(card.id, link);
      this.names.set(card.id, card.name);
      this.lastSeen.set(card.id, now);
    }
    this.emitAgents(link);
    return lastSeq;
  }

  private onFrame(link: AgentLink, agentId: string, frame: ScopedFrame): void {
    if (agentId !== LINK_LEVEL) {
      this.lastSeen.set(agentId, this.deps.now());
      this.unsavedSeen.add(agentId);
    }
    switch (frame.type) {
      case 'message':
        this.ingest.add({ link, agentId, frame });
        return;
      case 'delta': {
        const stream = this.streams.append(link.endpoint.id, agentId, frame.id, frame.conversation_id, frame.text);
        this.deps.events.emit('message:streamed', {
          id: stream.id,
          conversationId: stream.conversationId,
          agentId,
          text: stream.text,
        });
        return;
      }
      case 'ack':
        this.acks.add(frame.id);
        this.deps.onAckFrame?.(agentId, frame.id);
        return;
      case 'status':
        this.workStates.set(agentId, frame.state);
        this.emitAgent(agentId);
        return;
      case 'alert':
        this.deps.onAlertFrame?.(agentId, frame);
        return;
      case 'error':
        this.deps.logger.warn(`agent ${agentId || link.endpoint.url} reported ${frame.code}: ${frame.message}`);
        return;
      case 'decision':
        this.deps.onDecisionFrame?.(agentId, frame);
        return;
      case 'metric':
        this.deps.onMetricFrame?.(agentId, frame);
        return;
      default:
        return;
    }
  }

  private commitIncoming(batch: PendingIngest[]): void {
    const now = this.deps.now();
    const messages = batch.map(({ frame, agentId }) => this.incomingMessage(frame, agentId));
    const seqs = batch.map(({ frame }) => frame.seq ?? null);
    // One last_seq update per agent per batch, in the same transaction as the messages it stands for.
    const maxSeq = new Map<string, number>();
    this.deps.db.transaction(() => {
      const inserted = this.deps.messages.insertBatch(messages, seqs, (m) => this.names.get(m.agentId) ?? m.agentId, now);
      for (let i = 0; i < batch.length; i++) {
        const item = batch[i]!;
        const { frame, agentId } = item;
        const message = messages[i]!;
        if (inserted[i]) {
          item.logged = message;
        } else if (this.deps.marks.get(frame.id)?.interrupted) {
          // The final message of a stream whose partial was kept when its link dropped: it now has the full text.
          this.deps.marks.completeStream(frame.id, message.text, frame.data ? JSON.stringify(frame.data) : null, message.replyTo, frame.seq ?? null);
          item.logged = this.deps.messages.get(frame.id);
          if (item.logged) item.logged = { ...item.logged, marks: this.deps.marks.get(frame.id) };
        }
        if (frame.seq !== undefined) maxSeq.set(agentId, Math.max(maxSeq.get(agentId) ?? 0, frame.seq));
        // A reply after the deadline still counts as the answer: the request keeps its "timed out" mark and gains
        // "replied", so the operator sees it came late (and an overdue-reply alert can resolve).
        if (item.logged && message.replyTo !== null && (this.replies.settle(message.replyTo) || this.isOverdue(message.replyTo))) {
          this.deps.marks.set(message.replyTo, 'replied_at', now);
          const request = this.deps.messages.get(message.replyTo);
          if (request) item.answered = { ...request, marks: this.deps.marks.get(message.replyTo) };
        }
      }
      for (const [agentId, seq] of maxSeq) this.deps.agents.advanceSeq(agentId, seq, now);
    })();
  }

  private isOverdue(requestId: string): boolean {
    const marks = this.deps.marks.get(requestId);
    return marks !== undefined && marks !== null && marks.timedOutAt !== null && marks.repliedAt === null;
  }

  /** The log's record of an agent message, built from the validated frame (never re-read after the insert). */
  private incomingMessage(frame: MessageFrame, agentId: string): Message {
    return {
      id: frame.id,
      conversationId: frame.conversation_id,
      agentId,
      direction: 'in',
      from: frame.from,
      to: frame.to,
      intent: frame.intent,
      text: frame.text ?? null,
      data: frame.data ?? null,
      priority: frame.priority,
      replyTo: frame.reply_to ?? null,
      status: 'received',
      createdAt: Date.parse(frame.timestamp),
    };
  }

  private afterIncomingCommitted(batch: PendingIngest[]): void {
    // Acks are the bulk of what the console writes: each link's go out in one write, not one syscall apiece.
    const links = new Set<AgentLink>();
    for (const { link } of batch) if (!links.has(link)) links.add(link.cork());
    try {
      for (const { link, agentId, frame } of batch) {
        // Duplicates are acked too: the agent resent because it never saw our ack, and must stop resending.
        link.sendAck(frame.id, agentId);
      }
    } finally {
      for (const link of links) link.uncork();
    }
    for (const { frame, logged, answered } of batch) {
      this.streams.complete(frame.id);
      if (logged) this.deps.events.emit('message:changed', logged);
      if (answered) this.deps.events.emit('message:changed', answered);
    }
  }

  private commitAcks(ids: string[]): void {
    const delivered: Message[] = [];
    this.deps.db.transaction(() => {
      for (const id of ids) {
        const message = this.deps.messages.get(id);
        if (!message || message.direction !== 'out' || message.status === 'delivered') continue;
        this.deps.messages.setStatus(id, 'delivered');
        delivered.push({ ...message, status: 'delivered' });
      }
    })();
    for (const message of this.withMarks(delivered)) this.deps.events.emit('message:changed', message);
  }

  /** Resends everything the agents on this link have not acked, oldest first. Agents dedupe by message id. */
  private deliverOutbox(link: AgentLink): void {
    const sent: Message[] = [];
    for (const agentId of link.agents.keys()) {
      if (this.routes.get(agentId) !== link) continue;
      const cancelled = this.deps.marks.cancelledIds(agentId);
      for (const message of this.deps.messages.outbox(agentId)) {
        if (cancelled.has(message.id)) continue;
        if (!link.send(this.toWireMessage(message, link))) break;
        if (message.status === 'queued') sent.push(message);
      }
    }
    if (sent.length === 0) return;
    // One transaction for the whole outbox: 500 queued messages cost one fsync, not 500.
    const marked: Message[] = [];
    this.deps.db.transaction(() => {
      for (const message of sent) marked.push(this.markSent(message));
    })();
    for (const message of marked) this.deps.events.emit('message:changed', message);
  }

  /** Call inside a transaction. Starts the reply clock of a request as it goes on the wire. */
  private markSent(message: Message): Message {
    this.deps.messages.setStatus(message.id, 'sent');
    const timeoutS = this.deps.link.replyTimeoutsS[message.intent];
    if (timeoutS != null) {
      const dueAt = this.deps.now() + timeoutS * 1000;
      this.deps.marks.set(message.id, 'reply_due_at', dueAt);
      this.replies.expect(message.id, dueAt);
    }
    const marks = this.deps.marks.get(message.id);
    return { ...message, status: 'sent', ...(marks ? { marks } : {}) };
  }

  private onReplyTimeout(ids: string[]): void {
    const now = this.deps.now();
    this.deps.db.transaction(() => {
      for (const id of ids) this.deps.marks.set(id, 'timed_out_at', now);
    })();
    for (const id of ids) {
      const message = this.deps.messages.get(id);
      if (message) this.deps.events.emit('message:changed', { ...message, marks: this.deps.marks.get(id) });
    }
  }

  private onLinkStateChanged(link: AgentLink): void {
    if (link.state !== 'online') this.onLinkDown(link);
    const entry = this.links.get(link.endpoint.id);
    if (entry) this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.emitAgents(link);
  }

  private onLinkHealthChanged(link: AgentLink): void {
    const entry = this.links.get(link.endpoint.id);
    if (!entry) return;
    this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.emitAgents(link);
  }

  /** Keeps what the link's agents streamed so far, and records when they were last seen. */
  private onLinkDown(link: AgentLink): void {
    const cut = this.streams.interruptLink(link.endpoint.id);
    const unsaved = [...link.agents.keys()].filter((id) => this.unsavedSeen.has(id));
    if (cut.length === 0 && unsaved.length === 0) return;
    const now = this.deps.now();
    const kept: Message[] = [];
    try {
      this.deps.db.transaction(() => {
        for (const agentId of unsaved) {
          this.deps.agents.touch(agentId, this.lastSeen.get(agentId) ?? now);
          this.unsavedSeen.delete(agentId);
        }
        for (const stream of cut) {
          const message = this.interruptedMessage(stream);
          if (this.deps.messages.insert({ ...message, seq: null }, this.names.get(stream.agentId) ?? stream.agentId, now)) {
            this.deps.marks.set(stream.id, 'interrupted', 1);
            kept.push({ ...message, marks: this.deps.marks.get(stream.id) });
          }
        }
      })();
    } catch (error) {
      this.deps.logger.error(`could not keep ${cut.length} interrupted replies`, error);
      return;
    }
    for (const message of kept) this.deps.events.emit('message:changed', message);
  }

  private interruptedMessage(stream: OpenStream): Message {
    return {
      id: stream.id,
      conversationId: stream.conversationId,
      agentId: stream.agentId,
      direction: 'in',
      from: stream.agentId,
      to: OPERATOR_ID,
      intent: 'chat',
      text: stream.text,
      data: null,
      priority: 'normal',
      replyTo: null,
      status: 'received',
      createdAt: this.deps.now(),
    };
  }

  private emitAgents(link: AgentLink): void {
    for (const agentId of link.agents.keys()) {
      if (this.routes.get(agentId) === link) this.emitAgent(agentId);
    }
  }

  private emitAgent(agentId: string): void {
    const agent = this.agent(agentId);
    if (agent) this.deps.events.emit('agent:changed', agent);
  }

  private linkStateOf(agentId: string, link: AgentLink | undefined): LinkState {
    if (!link) return 'offline';
    return link.state === 'online' && !link.agents.has(agentId) ? 'offline' : link.state;
  }

  private toAgent(row: AgentRow): Agent {
    const link = this.routes.get(row.id);
    const live = link && this.links.get(link.endpoint.id)?.link === link ? link : undefined;
    const seen = Math.max(row.lastSeenAt ?? 0, this.lastSeen.get(row.id) ?? 0, live?.lastFrameAt ?? 0);
    const health = live?.health(row.id);
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      department: row.department,
      description: row.description,
      capabilities: row.capabilities,
      intents: row.intents,
      endpointId: row.endpointId,
      linkState: this.linkStateOf(row.id, live),
      workState: this.workStates.get(row.id) ?? null,
      lastSeenAt: seen === 0 ? null : seen,
      ...(health ? { health: { ...health, lastSeenAt: seen === 0 ? null : seen } } : {}),
    };
  }

  private toEndpoint(link: AgentLink, endpoint: FleetEndpoint): Endpoint {
    return {
      id: endpoint.id,
      url: endpoint.url,
      hasToken: endpoint.token !== null,
      linkState: link.state,
      lastError: link.lastError,
      createdAt: endpoint.createdAt,
      name: endpoint.name ?? null,
      kind: endpoint.kind ?? null,
      persisted: endpoint.persisted,
      health: link.health(),
    };
  }

  private toWireMessage(message: Message, link: AgentLink): MessageFrame {
    const timeoutS = this.deps.link.replyTimeoutsS[message.intent];
    return {
      type: 'message',
      ...(link.isGateway ? { agent_id: message.agentId } : {}),
      id: message.id,
      conversation_id: message.conversationId,
      from: OPERATOR_ID,
      to: message.agentId,
      intent: message.intent,
      ...(message.text === null ? {} : { text: message.text }),
      ...(message.data === null ? {} : { data: message.data }),
      priority: message.priority,
      ...(timeoutS == null ? {} : { requires_response: true, response_timeout_s: timeoutS }),
      ...(message.replyTo === null ? {} : { reply_to: message.replyTo }),
      timestamp: new Date(message.createdAt).toISOString(),
    };
  }
}
