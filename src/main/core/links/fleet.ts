import type { Agent, Endpoint, Message } from '../../../shared/domain';
import type { AgentCard, AgentToConsoleFrame, FrameOf } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import { AgentDirectory } from './agent-directory';
import { FleetLog } from './fleet-log';
import { IngestPipeline } from './ingest-pipeline';
import { type InboundEvent, LINK_LEVEL, type Link, type LinkSink, type UnscopedControlFrame } from './link';
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

  constructor(private readonly deps: FleetDeps) {
    this.log = new FleetLog(deps);
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
    return entry && toEndpoint(entry.link, entry.endpoint);
  }

  endpoints(): Endpoint[] {
    return [...this.registry.all()].map(({ link, endpoint }) => toEndpoint(link, endpoint));
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

  announced(link: Link, cards: readonly AgentCard[]): Record<string, number> {
    const now = this.deps.now();
    const lastSeq = this.log.recordAnnounced(link.agents.values(), this.registry.entryOf(link)?.endpoint.persisted ? link.endpoint.id : null, now);
    this.directory.announced(link, cards, now);
    this.directory.emitAgents(link);
    return lastSeq;
  }

  ready(link: Link): void {
    this.outbox.deliver(link);
  }

  inbound(link: Link, agentId: string, event: InboundEvent): void {
    if (agentId !== LINK_LEVEL) this.directory.seen(agentId, this.deps.now());
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
    if (entry) this.deps.events.emit('endpoint:changed', toEndpoint(link, entry.endpoint));
    this.directory.emitAgents(link);
  }

  healthChanged(link: Link): void {
    const entry = this.registry.entryOf(link);
    if (!entry) return;
    this.deps.events.emit('endpoint:changed', toEndpoint(link, entry.endpoint));
    this.directory.emitAgents(link);
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
