import type { Agent, Endpoint, Message } from '../../../shared/domain';
import { CoreError } from '../core-error';
import { AgentDirectory } from './agent-directory';
import { AgentOwnership } from './agent-ownership';
import type { FleetDeps } from './fleet-deps';
import { FleetLog } from './fleet-log';
import { IngestPipeline } from './ingest-pipeline';
import { linkBoundsOf } from './link-bounds';
import type { UnscopedControlFrame } from './link';
import { createLink } from './link-factory';
import { type FleetEndpoint, LinkRegistry } from './link-registry';
import { FleetSink } from './fleet-sink';
import { Outbox } from './outbox';

export type { FleetEndpoint } from './link-registry';

/**
 * All agent links, behind one facade. Each job has its collaborator: LinkRegistry (links and routes),
 * IngestPipeline (incoming messages to the log, ack after commit), Outbox (outgoing messages and reply deadlines),
 * AgentDirectory (presence and the Agent projection), FleetLog (every transaction), and FleetSink, which routes
 * what links report to them. This class is the fleet's public face and nothing else.
 */
export class Fleet {
  private readonly registry = new LinkRegistry();
  private readonly directory: AgentDirectory;
  private readonly outbox: Outbox;
  private readonly ingest: IngestPipeline;
  private readonly log: FleetLog;
  private readonly sink: FleetSink;
  private readonly ownership: AgentOwnership;

  constructor(private readonly deps: FleetDeps) {
    this.log = new FleetLog(deps);
    const bounds = linkBoundsOf(deps.link);
    this.ownership = new AgentOwnership({
      maxAgentsPerEndpoint: bounds.maxAgentsPerEndpoint,
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
      streams: bounds,
      nameOf: (agentId) => this.directory.nameOf(agentId),
      forgetKnownConversations: () => deps.messages.forgetKnownConversations(),
    });
    this.sink = new FleetSink({ ...deps, maxAgentsPerEndpoint: bounds.maxAgentsPerEndpoint, ownership: this.ownership, registry: this.registry, directory: this.directory, outbox: this.outbox, ingest: this.ingest, log: this.log });
  }

  addEndpoint(endpoint: FleetEndpoint): void {
    const link = createLink({ endpoint, sink: this.sink, config: this.deps.link, logger: this.deps.logger, now: this.deps.now }, this.deps.linkServices);
    this.registry.add(endpoint, link);
    link.start();
  }

  removeEndpoint(endpointId: string): boolean {
    const link = this.registry.remove(endpointId);
    if (!link) return false;
    this.ownership.forgetEndpoint(endpointId);
    link.close();
    // Closed after it left the registry: the sink keeps its streams but announces no endpoint for it.
    this.sink.stateChanged(link);
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
    return entry && this.sink.toEndpoint(entry.link, entry.endpoint);
  }

  endpoints(): Endpoint[] {
    return [...this.registry.all()].map(({ link, endpoint }) => this.sink.toEndpoint(link, endpoint));
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

  trySend(message: Message): Message {
    return this.outbox.trySend(message);
  }

  /** Sends a control frame to an agent. Returns whether it went on the wire (control frames are never queued). */
  sendControl(agentId: string, frame: UnscopedControlFrame): boolean {
    return this.registry.routeOf(agentId)?.sendControl(agentId, frame) ?? false;
  }

  /** Cancels a queued message; or, once sent, the work it started on the agent where its link can stop it (A2A tasks). */
  async cancel(messageId: string): Promise<Message> {
    const message = this.deps.messages.get(messageId);
    const link = message && message.direction === 'out' && message.status !== 'queued' ? this.registry.routeOf(message.agentId) : undefined;
    if (link?.cancelWork && (await link.cancelWork(messageId))) {
      return this.log.withMarks(this.deps.messages.get(messageId))!;
    }
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
    this.directory.close();
  }
}
