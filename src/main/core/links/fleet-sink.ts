import type { Endpoint } from '../../../shared/domain';
import type { AgentCard } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import type { Logger } from '../logger';
import type { AgentDirectory } from './agent-directory';
import type { AgentOwnership } from './agent-ownership';
import type { FleetLog } from './fleet-log';
import type { IngestPipeline } from './ingest-pipeline';
import { type Announcement, type InboundEvent, LINK_LEVEL, type Link, type LinkSink } from './link';
import { type FleetEndpoint, type LinkRegistry, toEndpoint } from './link-registry';
import type { Outbox } from './outbox';

export interface FleetSinkDeps {
  registry: LinkRegistry;
  ownership: AgentOwnership;
  directory: AgentDirectory;
  ingest: IngestPipeline;
  outbox: Outbox;
  log: FleetLog;
  events: EventBus;
  logger: Logger;
  now: () => number;
  maxAgentsPerEndpoint: number;
}

/** What every link reports, routed to the fleet's collaborators: each report goes one way, to one owner. */
export class FleetSink implements LinkSink {
  constructor(private readonly deps: FleetSinkDeps) {}

  announced(link: Link, cards: readonly AgentCard[]): Announcement {
    const now = this.deps.now();
    // An agent id belongs to the endpoint that first announced it: a claim from another endpoint is refused.
    const { accepted: claimed, taken, overLimit } = this.deps.ownership.claim(link.endpoint.id, cards);
    // What an agent calls itself is cleaned, and told apart from other agents' names, before anything keeps it.
    const accepted = this.deps.directory.labelled(link, claimed);
    const lastSeq = this.deps.log.recordAnnounced(accepted, this.deps.registry.entryOf(link)?.endpoint.persisted ? link.endpoint.id : null, now);
    this.deps.directory.announced(link, accepted, now);
    this.deps.directory.emitAgents(link);
    for (const { card, owner } of taken) this.agentIdTaken(card.id, owner, link.endpoint.id);
    if (overLimit.length > 0) {
      this.deps.logger.warn(`${link.endpoint.url}: ${overLimit.length} new agent ids refused, past ${this.deps.maxAgentsPerEndpoint} agents for one endpoint`);
    }
    return {
      lastSeq,
      refused: [
        ...taken.map(({ card }) => ({
          agentId: card.id,
          code: 'AGENT_ID_TAKEN' as const,
          reason: `Agent id "${card.id}" belongs to another endpoint; the operator can reassign it in Connections.`,
        })),
        ...overLimit.map((card) => ({
          agentId: card.id,
          code: 'RATE_LIMITED' as const,
          reason: `Agent id "${card.id}" refused: this endpoint has announced ${this.deps.maxAgentsPerEndpoint} agents this run (maxAgentsPerEndpoint).`,
        })),
      ],
    };
  }

  /** The endpoint projection, with the agent ids its hello claimed but another endpoint owns. */
  toEndpoint(link: Link, endpoint: FleetEndpoint): Endpoint {
    const taken = this.deps.ownership.refusedFor(endpoint.id);
    return { ...toEndpoint(link, endpoint), ...(taken.length > 0 ? { takenAgentIds: taken } : {}) };
  }

  /** A hello claimed an id another endpoint owns: the operator hears it as an alert, and can reassign it. */
  private agentIdTaken(agentId: string, owner: string, claimant: string): void {
    const raise = {
      agentId,
      source: 'rule' as const,
      rule: 'agent_id_taken' as const,
      dedupeKey: `rule:agent_id_taken:${agentId}`,
      severity: 'critical' as const,
      title: `Another endpoint claims agent id "${agentId}"`,
      body: `${claimant} announced ${agentId}, which belongs to ${owner}. Its claim was refused; if the agent really moved, reassign it in Connections.`,
      actor: 'rule:agent_id_taken',
    };
    this.deps.events.emit('rules:acted', { actions: [{ raise }], actor: 'rule:agent_id_taken' });
  }

  ready(link: Link): void {
    this.deps.outbox.deliver(link);
  }

  inbound(link: Link, agentId: string, event: InboundEvent): void {
    if (agentId !== LINK_LEVEL) {
      // A frame speaks only for its own link's agents, as them, in their conversations.
      const refusal = this.deps.ownership.refusal(link.endpoint.id, agentId, event);
      if (refusal !== null) return link.refuse(agentId, 'id' in event ? event.id : undefined, 'OUT_OF_SCOPE', refusal);
      this.deps.directory.seen(agentId, this.deps.now());
    }
    switch (event.type) {
      case 'message':
        return this.deps.ingest.message(link, agentId, event);
      case 'delta':
        return this.deps.ingest.delta(link, agentId, event);
      case 'status':
        return this.deps.directory.setWorkState(agentId, event.state);
      case 'error':
        return this.deps.logger.warn(`agent ${agentId || link.endpoint.url} reported ${event.code}: ${event.message}`);
      case 'ack': {
        // An ack may only confirm a message sent to its own agent: one of another's is refused, and goes no further.
        const refusal = this.deps.ingest.ackRefusal(agentId, event.id);
        if (refusal !== null) return link.refuse(agentId, event.id, 'OUT_OF_SCOPE', refusal);
        this.deps.ingest.ack(agentId, event.id);
        // Some acks answer a decision_result: operations hears every one.
        return this.deps.events.emit('link:inbound', { agentId, event });
      }
      default:
        // alert → the alerts module; decision, metric and decision_answered → operations.
        return this.deps.events.emit('link:inbound', { agentId, event });
    }
  }

  stateChanged(link: Link): void {
    if (link.state !== 'online') this.keepOnLinkDown(link);
    const entry = this.deps.registry.entryOf(link);
    if (entry) this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
    this.deps.directory.emitAgents(link);
  }

  healthChanged(link: Link): void {
    const entry = this.deps.registry.entryOf(link);
    if (!entry) return;
    this.deps.events.emit('endpoint:changed', this.toEndpoint(link, entry.endpoint));
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
