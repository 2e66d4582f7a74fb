import type { Agent, LinkState } from '../../../shared/domain';
import type { AgentCard, WorkState } from '../../../shared/protocol';
import type { EventBus } from '../lib/event-bus';
import { Throttled } from '../lib/throttled';
import type { AgentRepository, AgentRow } from '../store/agent-repository';
import { cleanLabel, cleanText, NameBook } from './display-name';
import type { Link } from './link';
import type { LinkRegistry } from './link-registry';

/** Where an agent whose role or department has nothing visible left is grouped in the roster. */
const UNLABELLED = { role: 'No role given', department: 'Unassigned' } as const;

/**
 * Who the agents are and how they are doing right now: names, work states and last-seen times from live traffic,
 * merged with the log's rows into the `Agent` the windows see.
 */
export class AgentDirectory {
  private readonly workStates = new Map<string, WorkState>();
  /** Kept in memory and written on disconnect: one UPDATE per frame would cost an fsync per frame. */
  private readonly lastSeen = new Map<string, number>();
  private readonly unsavedSeen = new Set<string>();
  private readonly names = new Map<string, string>();
  /**
   * Agents heard from since the last "seen" notice. Every frame moves LAST SEEN, not only heartbeats: the windows
   * hear it at most once a second, as one `agents:changed` with just the agents that spoke.
   */
  private readonly seenSinceNotice = new Set<string>();
  private readonly seenNotice = new Throttled(1000, () => this.emitSeen());
  /**
   * The names the roster shows, kept distinct: read from the log once, on the first hello, then kept up to date by
   * each claim, so a hello costs its own cards, not the whole fleet (10,000 agents: 15 ms a hello if re-read).
   */
  private nameBook: NameBook | undefined;

  constructor(
    private readonly agents: AgentRepository,
    private readonly registry: LinkRegistry,
    private readonly events: EventBus,
  ) {}

  /**
   * The cards a link announced, as the console will log and show them: every label an agent gives itself is cleaned
   * and no name passes for another agent's (display-name.ts). The one way cards enter the log, for every link kind.
   * Ids are left as they are. Role and department the operator set for the endpoint (A2A, in Connections) are trusted.
   */
  labelled(link: Link, cards: readonly AgentCard[]): AgentCard[] {
    const book = (this.nameBook ??= new NameBook(this.agents.shownNames()));
    const operator = link.endpoint;
    return cards.map((card) => {
      const { description, ...rest } = card;
      const about = description === undefined ? '' : cleanText(description);
      return {
        ...rest,
        name: book.claim(card.id, card.name),
        role: operator.role && card.role === operator.role ? card.role : cleanLabel(card.role) || UNLABELLED.role,
        department: operator.department && card.department === operator.department ? card.department : cleanLabel(card.department) || UNLABELLED.department,
        ...(about ? { description: about } : {}),
      };
    });
  }

  /** A link announced these cards at `now` (as labelled): they are routed to it and seen. */
  announced(link: Link, cards: readonly AgentCard[], now: number): void {
    for (const card of cards) {
      this.registry.route(card.id, link);
      this.names.set(card.id, card.name);
      this.lastSeen.set(card.id, now);
    }
  }

  /** A frame from an agent arrived. */
  seen(agentId: string, now: number): void {
    this.lastSeen.set(agentId, now);
    this.unsavedSeen.add(agentId);
    this.seenSinceNotice.add(agentId);
    this.seenNotice.request();
  }

  close(): void {
    this.seenNotice.cancel();
  }

  private emitSeen(): void {
    const changed: Agent[] = [];
    for (const agentId of this.seenSinceNotice) {
      const agent = this.get(agentId);
      if (agent) changed.push(agent);
    }
    this.seenSinceNotice.clear();
    if (changed.length > 0) this.events.emit('agents:changed', changed);
  }

  setWorkState(agentId: string, state: WorkState): void {
    this.workStates.set(agentId, state);
    this.emitAgent(agentId);
  }

  /** The display name for messages logged from an agent. */
  nameOf(agentId: string): string {
    return this.names.get(agentId) ?? agentId;
  }

  /** Last-seen times of this link's agents not yet written to the log; they count as written from now on. */
  takeUnsavedSeen(link: Link, now: number): Map<string, number> {
    const unsaved = new Map<string, number>();
    for (const id of link.agents.keys()) {
      if (!this.unsavedSeen.has(id)) continue;
      unsaved.set(id, this.lastSeen.get(id) ?? now);
      this.unsavedSeen.delete(id);
    }
    return unsaved;
  }

  list(): Agent[] {
    return this.agents.list().map((row) => this.toAgent(row));
  }

  get(id: string): Agent | undefined {
    const row = this.agents.get(id);
    return row && this.toAgent(row);
  }

  /** Tells the windows about every agent this link carries, in one `agents:changed` event. */
  emitAgents(link: Link): void {
    const changed: Agent[] = [];
    for (const agentId of link.agents.keys()) {
      if (this.registry.routeOf(agentId) !== link) continue;
      const agent = this.get(agentId);
      if (agent) changed.push(agent);
    }
    if (changed.length > 0) this.events.emit('agents:changed', changed);
  }

  emitAgent(agentId: string): void {
    const agent = this.get(agentId);
    if (agent) this.events.emit('agent:changed', agent);
  }

  private toAgent(row: AgentRow): Agent {
    const live = this.registry.liveRouteOf(row.id);
    const health = live?.health(row.id);
    const seen = Math.max(row.lastSeenAt ?? 0, this.lastSeen.get(row.id) ?? 0, health?.lastSeenAt ?? 0);
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      department: row.department,
      description: row.description,
      capabilities: row.capabilities,
      intents: row.intents,
      // The log keeps the endpoint only for configured ones; a launch-flag or demo agent is on the link carrying it.
      endpointId: row.endpointId ?? live?.endpoint.id ?? null,
      linkState: linkStateOf(row.id, live),
      workState: this.workStates.get(row.id) ?? null,
      lastSeenAt: seen === 0 ? null : seen,
      ...(health ? { health: { ...health, lastSeenAt: seen === 0 ? null : seen } } : {}),
    };
  }
}

/** An agent is online only while a link that announced it is online and still carries it. */
function linkStateOf(agentId: string, link: Link | undefined): LinkState {
  if (!link) return 'offline';
  return link.state === 'online' && !link.agents.has(agentId) ? 'offline' : link.state;
}
