import type { AgentCard } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import type { Logger } from '../logger';
import type { AgentDirectory } from './agent-directory';
import type { FleetLog } from './fleet-log';
import type { IngestPipeline } from './ingest-pipeline';
import { type InboundEvent, LINK_LEVEL, type Link, type LinkSink } from './link';
import { type LinkRegistry, toEndpoint } from './link-registry';
import type { Outbox } from './outbox';

export interface FleetSinkDeps {
  registry: LinkRegistry;
  directory: AgentDirectory;
  ingest: IngestPipeline;
  outbox: Outbox;
  log: FleetLog;
  events: EventBus;
  logger: Logger;
  now: () => number;
}

/** What every link reports, routed to the fleet's collaborators: each report goes one way, to one owner. */
export class FleetSink implements LinkSink {
  constructor(private readonly deps: FleetSinkDeps) {}

  announced(link: Link, cards: readonly AgentCard[]): Record<string, number> {
    const now = this.deps.now();
    const lastSeq = this.deps.log.recordAnnounced(link.agents.values(), this.deps.registry.entryOf(link)?.endpoint.persisted ? link.endpoint.id : null, now);
    this.deps.directory.announced(link, cards, now);
    this.deps.directory.emitAgents(link);
    return lastSeq;
  }

  ready(link: Link): void {
    this.deps.outbox.deliver(link);
  }

  inbound(link: Link, agentId: string, event: InboundEvent): void {
    if (agentId !== LINK_LEVEL) this.deps.directory.seen(agentId, this.deps.now());
    switch (event.type) {
      case 'message':
        return this.deps.ingest.message(link, agentId, event);
      case 'delta':
        return this.deps.ingest.delta(link, agentId, event);
      case 'status':
        return this.deps.directory.setWorkState(agentId, event.state);
      case 'error':
        return this.deps.logger.warn(`agent ${agentId || link.endpoint.url} reported ${event.code}: ${event.message}`);
      case 'ack':
        this.deps.ingest.ack(event.id);
        // Some acks answer a decision_result: operations hears every one.
        return this.deps.events.emit('link:inbound', { agentId, event });
      default:
        // alert → the alerts module; decision and metric → operations.
        return this.deps.events.emit('link:inbound', { agentId, event });
    }
  }

  stateChanged(link: Link): void {
    if (link.state !== 'online') this.keepOnLinkDown(link);
    const entry = this.deps.registry.entryOf(link);
    if (entry) this.deps.events.emit('endpoint:changed', toEndpoint(link, entry.endpoint));
    this.deps.directory.emitAgents(link);
  }

  healthChanged(link: Link): void {
    const entry = this.deps.registry.entryOf(link);
    if (!entry) return;
    this.deps.events.emit('endpoint:changed', toEndpoint(link, entry.endpoint));
    this.deps.directory.emitAgents(link);
  }

  /** Keeps what the link's agents streamed so far, and records when they were last seen. */
  private keepOnLinkDown(link: Link): void {
    const cut = this.deps.ingest.interrupted(link);
    const seen = this.deps.directory.takeUnsavedSeen(link, this.deps.now());
    if (cut.length === 0 && seen.size === 0) return;
    const streams = cut.map((s) => ({ message: this.deps.ingest.interruptedMessage(s), agentName: this.deps.directory.nameOf(s.agentId) }));
    try {
      for (const message of this.deps.log.keepOnLinkDown(seen, streams, this.deps.now())) this.deps.events.emit('message:changed', message);
    } catch (error) {
      this.deps.logger.error(`could not keep ${cut.length} interrupted replies`, error);
    }
  }
}
