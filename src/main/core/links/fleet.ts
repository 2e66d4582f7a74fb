import type { Agent, Endpoint, Message } from '../../../shared/domain';
import { CoreError } from '../core-error';
import type { AgentCard, AgentToConsoleFrame, FrameOf } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import { AgentDirectory } from './agent-directory';
import { AgentOwnership } from './agent-ownership';
import { FleetLog } from './fleet-log';
import { IngestPipeline } from './ingest-pipeline';
import { type Announcement, type InboundEvent, LINK_LEVEL, type Link, type LinkSink, type UnscopedControlFrame } from './link';
import { createLink } from './link-factory';
import { type FleetEndpoint, LinkRegistry, toEndpoint } from './link-registry';
import { Outbox } from './outbox';

export type { FleetEndpoint } from './link-registry';

export interface FleetDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  marks: MessageMarksRepository;
  events: EventBus;
  logger: Logger;
  now: () => number;
  link: LinkConfig;
  /** Inbound events for other modules: alert → alerts; decision, metric and every ack → operations. */
  onInbound?: (agentId: string, event: FrameOf<AgentToConsoleFrame, 'alert' | 'decision' | 'metric' | 'ack'>) => void;
  /** Member ids of a room (undefined: no such room), to let an agent speak in the rooms it is in. */
  roomMembers?: (roomId: string) => readonly string[] | undefined;
  /** A hello claimed an agent id another endpoint owns; the card was refused. */
  onAgentIdTaken?: (agentId: string, ownerEndpointId: string, claimantEndpointId: string) => void;
}

/**
 * All agent links, behind one facade. Each job has its collaborator: LinkRegistry (links and routes),
 * IngestPipeline (incoming messages to the log, ack after commit), Outbox (outgoing messages and reply deadlines),
 * AgentDirectory (presence and the Agent projection), FleetLog (every transaction). This class only routes what
 * links report (it is their LinkSink) to them.
 */
export class Fleet implements LinkSink {
  private readonly registry = new LinkRegistry();
  private readonly directory: AgentDirectory;
  private readonly outbox: Outbox;
  private readonly ingest: IngestPipeline;
  private readonly log: FleetLog;
  private readonly ownership: AgentOwnership;

  constructor(private readonly deps: FleetDeps) {
    this.log = new FleetLog(deps);
    this.ownership = new AgentOwnership({
      agents: deps.agents,
      roomMembers: (roomId) => deps.roomMembers?.(roomId),
      conversationAgent: (id) => deps.messages.conversation(id)?.agentId,
    });
    this.directory = new AgentDirectory(deps.agents, this.registry, deps.events);
    const routeOf = (agentId: string) => this.registry.routeOf(agentId);
    this.outbox = new Outbox({ ...deps, log: this.log, replyTimeoutsS: deps.link.replyTimeoutsS, routeOf });
    this.ingest = new IngestPipeline({
      ...deps,
      log: this.log,
      outbox: this.outbox,
      ingest: deps.link.ingest,
      nameOf: (agentId) => this.directory.nameOf(agentId),
      forgetKnownConversations: () => deps.messages.forgetKnownConversations(),
    });
  }

  addEndpoint(endpoint: FleetEndpoint): void {
    const link = createLink({ endpoint, sink: this, config: this.deps.link, logger: this.deps.logger, now: this.deps.now });
    this.registry.add(endpoint, link);
    link.start();
  }

  removeEndpoint(endpointId: string): boolean {
    const link = this.registry.remove(endpointId);
    if (!link) return false;
    this.ownership.forgetEndpoint(endpointId);
    link.close();
    this.stateChanged(link);
    return true;
  }

  /** Replaces an endpoint's settings: the old link closes and a new one dials with the new URL, token or kind. */
  replaceEndpoint(endpoint: FleetEndpoint): void {
    this.removeEndpoint(endpoint.id);
    this.addEndpoint(endpoint);
  }

  hasEndpoint(endpointId: string): boolean {
    return this.registry.has(endpointId);
  }

  endpoint(endpointId: string): Endpoint | undefined {
    const entry = this.registry.get(endpointId);
    return entry && this.toEndpoint(entry.link, entry.endpoint);
  }

  endpoints(): Endpoint[] {
    return [...this.registry.all()].map(({ link, endpoint }) => this.toEndpoint(link, endpoint));
  }

  /**
   * The operator gives an agent id to another endpoint (after its hello was refused): from now on that endpoint
   * owns it, and it redials so its next hello announces the agent. The previous owner's frames for it are refused.
   */
  reassignAgent(agentId: string, endpointId: string): Endpoint {
    const entry = this.registry.get(endpointId);
    if (!entry) throw new CoreError('NOT_FOUND', `No endpoint with id ${endpointId}.`);
    this.ownership.reassign(agentId, endpointId);
    if (this.deps.agents.get(agentId)) this.deps.agents.setEndpoint(agentId, entry.endpoint.persisted ? endpointId : null);
    this.replaceEndpoint(entry.endpoint);
    return this.endpoint(endpointId)!;
  }

  /** Dials an endpoint now. Undefined if there is no such endpoint. */
  retryEndpoint(endpointId: string): Endpoint | undefined {
    this.registry.get(endpointId)?.link.retryNow();
    return this.endpoint(endpointId);
  }

  /** Dials the link that last carried this agent. False if no link has carried it in this run. */
  retryAgent(agentId: string): boolean {
    const link = this.registry.linkFor(agentId, this.deps.agents.get(agentId)?.endpointId);
    link?.retryNow();
    return link !== undefined;
  }

  agents(): Agent[] {
    return this.directory.list();
  }

  agent(id: string): Agent | undefined {
    return this.directory.get(id);
  }

  /** Adds link-layer marks to messages read from the log. */
  withMarks(messages: Message[]): Message[] {
    return this.log.withMarksMany(messages);
  }

  trySend(message: Message): Message {
    return this.outbox.trySend(message);
  }

  /** Sends a control frame to an agent. Returns whether it went on the wire (control frames are never queued). */
  sendControl(agentId: string, frame: UnscopedControlFrame): boolean {
    return this.registry.routeOf(agentId)?.sendControl(agentId, frame) ?? false;
  }

  cancel(messageId: string): Message {
    return this.outbox.cancel(messageId);
  }

  get awaitingReplies(): number {
    return this.outbox.awaitingReplies;
  }

  /** Commits what is waiting, keeps partial streams, and closes every link. */
  close(): void {
    this.ingest.flush();
    this.registry.closeAll();
    this.outbox.close();
  }

  announced(link: Link, cards: readonly AgentCard[]): Announcement {
    const now = this.deps.now();
    // An agent id belongs to the endpoint that first announced it: a claim from another endpoint is refused.
    const { accepted, taken } = this.ownership.claim(link.endpoint.id, cards);
    const lastSeq = this.log.recordAnnounced(accepted, this.registry.entryOf(link)?.endpoint.persisted ? link.endpoint.id : null, now);
    this.directory.announced(link, accepted, now);
    this.directory.emitAgents(link);
    for (const { card, owner } of taken) this.deps.onAgentIdTaken?.(card.id, owner, link.endpoint.id);
    return {
      lastSeq,
      refused: taken.map(({ card }) => ({
        agentId: card.id,
        reason: `Agent id "${card.id}" belongs to another endpoint; the operator can reassign it in Connections.`,
      })),
    };
  }

  ready(link: Link): void {
    this.outbox.deliver(link);
  }

  inbound(link: Link, agentId: string, event: InboundEvent): void {
    if (agentId !== LINK_LEVEL) {
      // A frame speaks only for its own link's agents, as them, in their conversations.
      const refusal = this.ownership.refusal(link.endpoint.id, agentId, event);
      if (refusal !== null) return link.refuse(agentId, 'id' in event ? event.id : undefined, 'OUT_OF_SCOPE', refusal);
      this.directory.seen(agentId, this.deps.now());
    }
    switch (event.type) {
      case 'message':
        return this.ingest.message(link, agentId, event);
      case 'delta':
        return this.ingest.delta(link, agentId, event);
      case 'status':
        return this.directory.setWorkState(agentId, event.state);
      case 'error':
        return this.deps.logger.warn(`agent ${agentId || link.endpoint.url} reported ${event.code}: ${event.message}`);
      case 'ack':
        this.ingest.ack(event.id);
        return this.deps.onInbound?.(agentId, event);
      default:
        return this.deps.onInbound?.(agentId, event);
    }
  }

  stateChanged(link: Link): void {
    if (link.state !== 'online') this.keepOnLinkDown(link);
    const entry = this.registry.entryOf(link);
    if (entry) this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.directory.emitAgents(link);
  }

  healthChanged(link: Link): void {
    const entry = this.registry.entryOf(link);
    if (!entry) return;
    this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.directory.emitAgents(link);
  }

  private toEndpoint(link: Link, endpoint: FleetEndpoint): Endpoint {
    const taken = this.ownership.refusedFor(endpoint.id);
    return { ...toEndpoint(link, endpoint), ...(taken.length > 0 ? { takenAgentIds: taken } : {}) };
  }

  /** Keeps what the link's agents streamed so far, and records when they were last seen. */
  private keepOnLinkDown(link: Link): void {
    const cut = this.ingest.interrupted(link);
    const seen = this.directory.takeUnsavedSeen(link, this.deps.now());
    if (cut.length === 0 && seen.size === 0) return;
    const streams = cut.map((s) => ({ message: this.ingest.interruptedMessage(s), agentName: this.directory.nameOf(s.agentId) }));
    try {
      for (const message of this.log.keepOnLinkDown(seen, streams, this.deps.now())) this.deps.events.emit('message:changed', message);
    } catch (error) {
      this.deps.logger.error(`could not keep ${cut.length} interrupted replies`, error);
    }
  }
}
