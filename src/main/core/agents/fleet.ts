import type { Agent, Endpoint, LinkState, Message } from '../../../shared/domain';
import { OPERATOR_ID } from '../../../shared/domain';
import type { AgentCard, AgentToConsoleFrame, FrameOf, MessageFrame, WorkState } from '../../../shared/protocol';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { AgentRepository, AgentRow } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageRepository } from '../store/message-repository';
import { AgentLink, type AgentLinkOptions, type LinkEndpoint, type ScopedFrame } from './agent-link';
import { CommitBatcher } from './commit-batcher';

export interface FleetDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  events: EventBus;
  logger: Logger;
  now: () => number;
  link: AgentLinkOptions;
  ingest?: { maxBatch: number; maxDelayMs: number };
  /** Agent `alert` frames go to the alerts module. */
  onAlertFrame?: (agentId: string, frame: FrameOf<AgentToConsoleFrame, 'alert'>) => void;
}

interface PendingIngest {
  link: AgentLink;
  agentId: string;
  frame: MessageFrame;
  inserted?: boolean;
}

/** An endpoint the fleet dials, with whether it is kept in the log (runtime ones, like the demo, are not). */
export interface FleetEndpoint extends LinkEndpoint {
  persisted: boolean;
  createdAt: number;
}

/**
 * All agent links and the live state behind them. Incoming messages are committed in batches and acked only after
 * the commit; outgoing messages are logged first (the outbox) and put on the wire when their agent is online.
 */
export class Fleet {
  private readonly links = new Map<string, { link: AgentLink; endpoint: FleetEndpoint }>();
  /** Which link currently carries each agent. */
  private readonly routes = new Map<string, AgentLink>();
  private readonly workStates = new Map<string, WorkState>();
  private readonly ingest: CommitBatcher<PendingIngest>;

  constructor(private readonly deps: FleetDeps) {
    this.ingest = new CommitBatcher<PendingIngest>({
      maxBatch: deps.ingest?.maxBatch ?? 500,
      maxDelayMs: deps.ingest?.maxDelayMs ?? 4,
      commit: (batch) => this.commitIncoming(batch),
      afterCommit: (batch) => this.afterIncomingCommitted(batch),
      onCommitFailed: (batch, error) =>
        // Not acked, so the agents keep these and resend them after the next welcome.
        deps.logger.error(`could not commit ${batch.length} incoming messages; they stay unacked`, error),
    });
  }

  addEndpoint(endpoint: FleetEndpoint): void {
    const link = new AgentLink(
      endpoint,
      {
        onHello: (l, cards) => this.onHello(l, cards),
        onReady: (l) => this.deliverOutbox(l),
        onFrame: (l, agentId, frame) => this.onFrame(l, agentId, frame),
        onStateChanged: (l) => this.onLinkStateChanged(l),
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
    return true;
  }

  hasEndpoint(endpointId: string): boolean {
    return this.links.has(endpointId);
  }

  endpoints(): Endpoint[] {
    return [...this.links.values()].map(({ link, endpoint }) => this.toEndpoint(link, endpoint));
  }

  agents(): Agent[] {
    return this.deps.agents.list().map((row) => this.toAgent(row));
  }

  agent(id: string): Agent | undefined {
    const row = this.deps.agents.get(id);
    return row && this.toAgent(row);
  }

  /** Puts an already-logged outgoing message on the wire if its agent is online; otherwise it waits in the outbox. */
  trySend(message: Message): Message {
    const link = this.routes.get(message.agentId);
    if (!link || !link.send(toWireMessage(message, link))) return message;
    return this.markSent(message);
  }

  /** Commits what is waiting and closes every link. */
  close(): void {
    this.ingest.flush();
    for (const { link } of this.links.values()) link.close();
    this.links.clear();
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
    // An agent that moved to this link (say, from a direct socket to a gateway) is routed here from now on.
    for (const card of cards) this.routes.set(card.id, link);
    this.emitAgents(link);
    return lastSeq;
  }

  private onFrame(link: AgentLink, agentId: string, frame: ScopedFrame): void {
    this.deps.agents.touch(agentId, this.deps.now());
    switch (frame.type) {
      case 'message':
        this.ingest.add({ link, agentId, frame });
        return;
      case 'ack':
        this.onAck(frame.id);
        return;
      case 'status':
        this.workStates.set(agentId, frame.state);
        this.emitAgent(agentId);
        return;
      case 'alert':
        this.deps.onAlertFrame?.(agentId, frame);
        return;
      case 'error':
        this.deps.logger.warn(`agent ${agentId} reported ${frame.code}: ${frame.message}`);
        return;
      default:
        // delta, decision and metric frames are valid but have no consumer yet; they are not errors.
        return;
    }
  }

  private commitIncoming(batch: PendingIngest[]): void {
    const now = this.deps.now();
    this.deps.db.transaction(() => {
      for (const item of batch) {
        const { frame, agentId } = item;
        const title = this.deps.agents.get(agentId)?.name ?? agentId;
        item.inserted = this.deps.messages.insert(
          {
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
            seq: frame.seq ?? null,
          },
          title,
          now,
        );
        if (frame.seq !== undefined) this.deps.agents.advanceSeq(agentId, frame.seq, now);
      }
    })();
  }

  private afterIncomingCommitted(batch: PendingIngest[]): void {
    for (const { link, agentId, frame, inserted } of batch) {
      // Duplicates are acked too: the agent resent because it never saw our ack, and must stop resending.
      link.send({ type: 'ack', id: frame.id, ...(link.agents.size > 1 ? { agent_id: agentId } : {}) });
      if (!inserted) continue;
      const message = this.deps.messages.get(frame.id);
      if (message) this.deps.events.emit('message:changed', message);
    }
  }

  private onAck(messageId: string): void {
    const message = this.deps.messages.get(messageId);
    if (!message || message.direction !== 'out' || message.status === 'delivered') return;
    this.deps.messages.setStatus(messageId, 'delivered');
    this.deps.events.emit('message:changed', { ...message, status: 'delivered' });
  }

  /** Resends everything the agents on this link have not acked, oldest first. Agents dedupe by message id. */
  private deliverOutbox(link: AgentLink): void {
    for (const agentId of link.agents.keys()) {
      for (const message of this.deps.messages.outbox(agentId)) {
        if (!link.send(toWireMessage(message, link))) return;
        if (message.status === 'queued') this.markSent(message);
      }
    }
  }

  private markSent(message: Message): Message {
    this.deps.messages.setStatus(message.id, 'sent');
    const sent = { ...message, status: 'sent' as const };
    this.deps.events.emit('message:changed', sent);
    return sent;
  }

  private onLinkStateChanged(link: AgentLink): void {
    const entry = this.links.get(link.endpoint.id);
    if (entry) this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.emitAgents(link);
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

  private linkStateOf(agentId: string): LinkState {
    const link = this.routes.get(agentId);
    if (!link) return 'offline';
    return link.state === 'online' && !link.agents.has(agentId) ? 'offline' : link.state;
  }

  private toAgent(row: AgentRow): Agent {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      department: row.department,
      description: row.description,
      capabilities: row.capabilities,
      intents: row.intents,
      endpointId: row.endpointId,
      linkState: this.linkStateOf(row.id),
      workState: this.workStates.get(row.id) ?? null,
      lastSeenAt: row.lastSeenAt,
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
    };
  }
}

function toWireMessage(message: Message, link: AgentLink): MessageFrame {
  return {
    type: 'message',
    ...(link.agents.size > 1 ? { agent_id: message.agentId } : {}),
    id: message.id,
    conversation_id: message.conversationId,
    from: OPERATOR_ID,
    to: message.agentId,
    intent: message.intent,
    ...(message.text === null ? {} : { text: message.text }),
    ...(message.data === null ? {} : { data: message.data }),
    priority: message.priority,
    ...(message.replyTo === null ? {} : { reply_to: message.replyTo }),
    timestamp: new Date(message.createdAt).toISOString(),
  };
}
